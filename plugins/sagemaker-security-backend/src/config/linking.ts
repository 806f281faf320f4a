import type { Config } from '@backstage/config';
import { fail } from './fail';

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

function tagKey(value: string, key: string): string {
  if (value.trim() === '' || !TAG_KEY.test(value)) {
    fail(key, `${JSON.stringify(value)} is not an AWS tag key`);
  }
  return value;
}

/**
 * Checks `sagemakerSecurity.linking` (read by this plugin and the catalog
 * module): each name is a usable AWS tag key, so a blank or mistyped value
 * cannot silently link nothing.
 */
export function readLinking(config: Config): void {
  const section = config.getOptionalConfig('linking');
  if (!section) return;
  for (const key of ['componentTagKey', 'systemTagKey']) {
    const value = section.getOptionalString(key);
    if (value !== undefined) tagKey(value, `linking.${key}`);
  }
  const owners = section.getOptionalStringArray('ownerTagKeys');
  if (owners !== undefined) {
    if (owners.length === 0) {
      fail('linking.ownerTagKeys', 'expected at least one tag key');
    }
    owners.forEach((v, i) => tagKey(v, `linking.ownerTagKeys[${i}]`));
  }
}
