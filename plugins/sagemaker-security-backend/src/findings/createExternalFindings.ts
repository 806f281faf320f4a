import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import type { TargetFollowUp } from '../inventory/scan/collectTarget';
import { DatabaseExternalFindingStore } from './DatabaseExternalFindingStore';
import {
  ExternalFindingsService,
  ExternalFindingsServiceOptions,
} from './ExternalFindingsService';
import { FindingsConfig, readFindingsConfig } from './findingsConfig';
import { securityHubFollowUp } from './securityHub/readSecurityHub';

export interface ExternalFindings {
  config: FindingsConfig;
  store: DatabaseExternalFindingStore;
  /** The scan's reads after each target (Security Hub, when enabled). */
  followUps: TargetFollowUp[];
  /** The service the API serves, over the scorecard's read decisions. */
  service(
    scorecards: ExternalFindingsServiceOptions['scorecards'],
  ): ExternalFindingsService;
}

/** Reads `sagemakerSecurity.findings` (a bad value throws naming its key) and builds the parts. */
export function createExternalFindings(options: {
  config: Config;
  logger: LoggerService;
  knex: Knex;
}): ExternalFindings {
  const config = readFindingsConfig(options.config);
  const store = new DatabaseExternalFindingStore(options.knex);
  return {
    config,
    store,
    followUps: config.securityHub.enabled
      ? [securityHubFollowUp(store, options.logger)]
      : [],
    service: scorecards =>
      new ExternalFindingsService({
        store,
        scorecards,
        maxUploadBytes: config.prowler.maxUploadBytes,
      }),
  };
}
