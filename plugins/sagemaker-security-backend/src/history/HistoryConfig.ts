import { Config } from '@backstage/config';

export interface HistoryConfig {
  /** Days of transitions and daily scorecards to keep. */
  retentionDays: number;
}

export const DEFAULT_HISTORY_CONFIG: HistoryConfig = { retentionDays: 365 };

/** Reads `sagemakerSecurity.history.*`; errors name the key. */
export function readHistoryConfig(config: Config): HistoryConfig {
  const key = 'sagemakerSecurity.history.retentionDays';
  const retentionDays =
    config.getOptionalNumber(key) ?? DEFAULT_HISTORY_CONFIG.retentionDays;
  if (
    !Number.isInteger(retentionDays) ||
    retentionDays < 1 ||
    retentionDays > 3650
  ) {
    throw new Error(
      `${key} must be a whole number of days from 1 to 3650, got ${retentionDays}`,
    );
  }
  return { retentionDays };
}
