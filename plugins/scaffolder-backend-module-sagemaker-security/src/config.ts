import { Config } from '@backstage/config';
import {
  DEFAULT_FAIL_ON,
  FAIL_ON_LEVELS,
  FailOn,
  isFailOn,
} from './evaluate/failOn';

export const FAIL_ON_CONFIG_KEY = 'sagemakerSecurity.validate.failOn';

/** Reads the default threshold; a bad value stops start-up, naming the key. */
export function readFailOnConfig(config: Config): FailOn {
  const value = config.getOptionalString(FAIL_ON_CONFIG_KEY);
  if (value === undefined) return DEFAULT_FAIL_ON;
  if (!isFailOn(value)) {
    throw new Error(
      `Invalid config value for ${FAIL_ON_CONFIG_KEY}: "${value}"; expected one of ${FAIL_ON_LEVELS.join(
        ', ',
      )}`,
    );
  }
  return value;
}
