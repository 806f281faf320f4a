/**
 * Fingerprints of a resource's evaluation inputs: its stored record (but
 * `lastSeenAt`, which every scan moves), and the current value of every
 * input its last evaluation read (InputRecorder), under a version of the
 * check catalogue and whatever else the caller names (the scoring config).
 * Equal fingerprints mean the checks would see exactly what they saw: the
 * resource is not evaluated again. Anything that cannot be hashed gives no
 * fingerprint, and the resource is evaluated.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  FactKind,
  FactLookup,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  ResourceLookup,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { SEP } from './InputRecorder';

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** A resource as the checks see it, without when it was last seen. */
export function resourceIdentity(resource: object): string {
  return resourceText(resource);
}

function resourceText(resource: object | undefined): string {
  if (resource === undefined) return 'null';
  const { lastSeenAt: _seen, ...rest } = resource as { lastSeenAt?: string };
  return JSON.stringify(rest);
}

/** The current values of inputs, hashed once per key for one evaluation run. */
export class InputValues {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly facts: FactLookup,
    private readonly resources: ResourceLookup,
  ) {}

  /** The hash of an input's current value; throws for a key it does not know. */
  valueOf(key: string): string {
    let value = this.values.get(key);
    if (value === undefined) {
      value = hash(this.read(key));
      this.values.set(key, value);
    }
    return value;
  }

  private read(key: string): string {
    const [kind, ...parts] = key.split(SEP);
    const { facts, resources } = this;
    if (kind === 'f' && parts.length === 4) {
      const [factKind, accountId, region, factKey] = parts;
      return JSON.stringify(
        facts.get(factKind as FactKind, accountId, region, factKey) ?? null,
      );
    }
    if (kind === 'r' && parts.length === 4) {
      const [type, accountId, region, name] = parts;
      return resourceText(
        resources.get(type as ResourceType, accountId, region, name),
      );
    }
    if (kind === 'l' && parts.length === 3) {
      const [type, accountId, region] = parts;
      return `[${resources
        .list(type as ResourceType, accountId, region)
        .map(resourceText)
        .join(',')}]`;
    }
    if (kind === 'e' && parts.length === 3 && resources.listingErrors) {
      const [type, accountId, region] = parts;
      return JSON.stringify(
        resources.listingErrors(type as ResourceType, accountId, region),
      );
    }
    if (kind === 'a' && parts.length === 0 && resources.accountIds) {
      return JSON.stringify(resources.accountIds());
    }
    throw new Error(`Unknown evaluation input ${JSON.stringify(key)}`);
  }
}

/**
 * The fingerprint of a resource's inputs, or undefined when one cannot be
 * computed (an input that cannot be read or hashed): then it is evaluated.
 */
export function inputFingerprint(
  version: string,
  /** The resource's record as a string (`resourceIdentity`, or the inventory's version of it). */
  identity: string,
  inputs: readonly string[],
  values: InputValues,
): string | undefined {
  try {
    const hasher = createHash('sha1')
      .update(version)
      .update(SEP)
      .update(identity);
    for (const key of inputs) {
      hasher.update(SEP).update(key).update('=').update(values.valueOf(key));
    }
    return hasher.digest('base64');
  } catch {
    return undefined;
  }
}

/** Every file of a directory tree, but tests, in a stable order. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.[cm]?[jt]s$/.test(entry.name) && !/\.test\./.test(entry.name))
      out.push(full);
  }
  return out;
}

/**
 * The version of the check catalogue: each check's metadata and function
 * text, and the code of the checks package (its build, or its sources when
 * run from them). When the package's code cannot be read, a value new to
 * this process: every resource is evaluated once after each start.
 */
export function catalogueVersion(checks: readonly SecurityCheck[]): string {
  const hasher = createHash('sha1');
  for (const check of checks) {
    hasher.update(JSON.stringify(check)).update(String(check.evaluate));
  }
  try {
    const manifest = require.resolve(
      '@mlsec/plugin-sagemaker-security-node/package.json',
    );
    const root = path.dirname(manifest);
    hasher.update(fs.readFileSync(manifest));
    const dist = path.join(root, 'dist');
    const code = fs.existsSync(dist) ? dist : path.join(root, 'src');
    for (const file of sourceFiles(code)) {
      hasher.update(file.slice(root.length)).update(fs.readFileSync(file));
    }
  } catch {
    hasher.update(randomUUID());
  }
  return hasher.digest('base64');
}
