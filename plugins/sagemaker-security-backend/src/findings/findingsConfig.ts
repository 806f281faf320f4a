import type { Config } from '@backstage/config';
import { fail, ROOT } from '../config/fail';
import { readNumber } from '../config/numbers';

/** `sagemakerSecurity.findings`: findings of other tools. */
export interface FindingsConfig {
  securityHub: { enabled: boolean };
  prowler: { maxUploadBytes: number };
}

export const DEFAULT_PROWLER_MAX_UPLOAD_MEGABYTES = 20;

const MEGABYTE = 1024 * 1024;

/** Reads `sagemakerSecurity.findings.*`; a bad value throws naming its key. */
export function readFindingsConfig(root: Config): FindingsConfig {
  const config = root.getOptionalConfig(ROOT);
  const key = 'findings.securityHub.enabled';
  const raw = config?.getOptional(key);
  let enabled = false;
  if (raw === true || raw === 'true') enabled = true;
  else if (raw !== undefined && raw !== false && raw !== 'false') {
    fail(key, `expected true or false, got ${JSON.stringify(raw)}`);
  }
  const megabytes = config
    ? readNumber(
        config,
        'findings.prowler.maxUploadMegabytes',
        DEFAULT_PROWLER_MAX_UPLOAD_MEGABYTES,
        { min: 1, max: 512, unit: 'megabytes' },
      )
    : DEFAULT_PROWLER_MAX_UPLOAD_MEGABYTES;
  return {
    securityHub: { enabled },
    prowler: { maxUploadBytes: Math.floor(megabytes * MEGABYTE) },
  };
}
