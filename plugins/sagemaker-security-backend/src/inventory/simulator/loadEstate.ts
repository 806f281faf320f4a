import { readFile } from 'node:fs/promises';
import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import type { Estate } from './estate';

/** Reads an estate from a YAML or JSON file (JSON is valid YAML). */
export async function loadEstate(path: string): Promise<Estate> {
  const text = await readFile(path, 'utf8');
  const estate = parse(text) as Estate;
  if (!estate || !Array.isArray(estate.accounts)) {
    throw new InputError(`Estate file ${path} has no 'accounts' list`);
  }
  estate.accounts.forEach((account, i) => {
    // YAML reads an unquoted account ID as a number (losing leading zeros).
    if (typeof account.accountId === 'number') {
      account.accountId = String(account.accountId).padStart(12, '0');
    }
    if (!/^\d{12}$/.test(String(account.accountId))) {
      throw new InputError(
        `Estate file ${path}: accounts[${i}].accountId must be a 12-digit string`,
      );
    }
    if (!Array.isArray(account.regions)) {
      throw new InputError(
        `Estate file ${path}: accounts[${i}].regions must be a list`,
      );
    }
  });
  const latencyMs = estate.simulator?.latencyMs;
  if (
    latencyMs !== undefined &&
    !(Number.isInteger(latencyMs) && latencyMs >= 0 && latencyMs <= 60_000)
  ) {
    throw new InputError(
      `Estate file ${path}: simulator.latencyMs must be an integer from 0 to 60000`,
    );
  }
  return estate;
}
