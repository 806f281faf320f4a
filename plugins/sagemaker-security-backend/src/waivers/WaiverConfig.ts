import { Config } from '@backstage/config';
import { normalizeRef } from '../catalog/entityRefs';
import { fail } from '../config/fail';

export interface WaiverConfig {
  /** Longest a waiver may last, in days. */
  maxDays: number;
  /** Groups whose members may waive any entity's checks (normalized refs). */
  securityGroups: string[];
  /**
   * Waivers of callers outside the security groups go through a request
   * that a security group member approves (`POST /waivers` refuses them).
   */
  requireApproval: boolean;
}

export const DEFAULT_WAIVER_CONFIG: WaiverConfig = {
  maxDays: 90,
  securityGroups: [],
  requireApproval: false,
};

function readRequireApproval(config: Config): boolean {
  const raw = config.getOptional('sagemakerSecurity.waivers.requireApproval');
  if (raw === undefined) return DEFAULT_WAIVER_CONFIG.requireApproval;
  if (typeof raw === 'boolean') return raw;
  // Environment substitution gives strings.
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return fail(
    'waivers.requireApproval',
    `expected true or false, got ${JSON.stringify(raw)}`,
  );
}

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
  const requireApproval = readRequireApproval(config);
  if (requireApproval && securityGroups.length === 0) {
    fail(
      'waivers.requireApproval',
      'approval needs approvers: name them in sagemakerSecurity.waivers.securityGroups',
    );
  }
  return { maxDays, securityGroups, requireApproval };
}
