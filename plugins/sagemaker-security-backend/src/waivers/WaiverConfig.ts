import { Config } from '@backstage/config';
import { normalizeRef } from '../catalog/entityRefs';

export interface WaiverConfig {
  /** Longest a waiver may last, in days. */
  maxDays: number;
  /** Groups whose members may waive any entity's checks (normalized refs). */
  securityGroups: string[];
}

export const DEFAULT_WAIVER_CONFIG: WaiverConfig = {
  maxDays: 90,
  securityGroups: [],
};

/** Reads `sagemakerSecurity.waivers.*`; errors name the key. */
export function readWaiverConfig(config: Config): WaiverConfig {
  const key = 'sagemakerSecurity.waivers';
  const maxDays =
    config.getOptionalNumber(`${key}.maxDays`) ?? DEFAULT_WAIVER_CONFIG.maxDays;
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > 3650) {
    throw new Error(
      `${key}.maxDays must be a whole number of days from 1 to 3650, got ${maxDays}`,
    );
  }
  const securityGroups = (
    config.getOptionalStringArray(`${key}.securityGroups`) ?? []
  ).map((ref, index) => {
    const normalized = normalizeRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!normalized || !normalized.startsWith('group:')) {
      throw new Error(
        `${key}.securityGroups[${index}] must be a group entity reference, got "${ref}"`,
      );
    }
    return normalized;
  });
  return { maxDays, securityGroups };
}
