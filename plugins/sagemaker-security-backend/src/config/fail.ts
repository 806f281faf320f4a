import { InputError } from '@backstage/errors';

/** The plugin's config section. */
export const ROOT = 'sagemakerSecurity';

/** Throws the start-up error for a bad value, naming its full key. */
export function fail(key: string, message: string): never {
  throw new InputError(`Invalid config at '${ROOT}.${key}': ${message}`);
}
