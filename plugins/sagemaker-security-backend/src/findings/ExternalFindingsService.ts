import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  CheckMetadata,
  ExternalFinding,
  ProwlerImportResult,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Readable } from 'node:stream';
import type { AuthorizedScorecardService } from '../service/AuthorizedScorecardService';
import type {
  ExternalFindingStore,
  StoredExternalFinding,
} from './ExternalFindingStore';
import { parseProwlerUpload } from './prowler/parseProwlerUpload';

export interface ExternalFindingsServiceOptions {
  store: ExternalFindingStore;
  /** Permission decisions and the entity's results, as the scorecard reads them. */
  scorecards: Pick<
    AuthorizedScorecardService,
    'findings' | 'checkMetadata' | 'authorizeFindingsImport'
  >;
  /** `sagemakerSecurity.findings.prowler.maxUploadMegabytes`, in bytes. */
  maxUploadBytes: number;
  now?: () => Date;
}

/** Which peer-reference field of our checks names a source's controls. */
const REFERENCE_FIELD = {
  'security-hub': 'securityHub',
  prowler: 'prowler',
} as const;

/**
 * Findings of other tools, as the API serves them: imported (Prowler
 * uploads, `sagemaker-security.findings.import`) and read per entity (the
 * scorecard's read decisions and resource links). They are never read by
 * the checks or the scoring.
 */
export class ExternalFindingsService {
  private readonly now: () => Date;

  constructor(private readonly options: ExternalFindingsServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get maxUploadBytes(): number {
    return this.options.maxUploadBytes;
  }

  /**
   * Imports Prowler's OCSF output: the permission first, then the whole
   * upload is parsed and validated, then stored in one transaction; a
   * malformed upload stores nothing.
   */
  async importProwler(
    body: Readable,
    credentials: BackstageCredentials,
  ): Promise<ProwlerImportResult> {
    await this.options.scorecards.authorizeFindingsImport(credentials);
    const parsed = await parseProwlerUpload(body, this.options.maxUploadBytes);
    const counts = await this.options.store.upsert(parsed.records, this.now());
    return {
      imported: counts.imported,
      updated: counts.updated,
      ignored: parsed.ignored,
      duplicates: parsed.duplicates,
    };
  }

  /**
   * The active findings of other tools on the entity's resources (the
   * resources its scorecard reads), after the scorecard's read decisions
   * (404 / 403 as the scorecard). A finding whose control one of our
   * checks names among its peer references, on a resource that check has a
   * result for, carries `duplicateOf: <checkId>`.
   */
  async forEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ExternalFinding[]> {
    const { scorecards, store } = this.options;
    const ours = await scorecards.findings(entityRef, credentials);
    const checks = new Map<string, CheckMetadata>(
      scorecards.checkMetadata().map(check => [check.id, check]),
    );
    const checksByResource = new Map<string, Set<string>>();
    for (const { result } of ours) {
      const set = checksByResource.get(result.resourceArn) ?? new Set();
      set.add(result.checkId);
      checksByResource.set(result.resourceArn, set);
    }
    const stored = await store.listByResources([...checksByResource.keys()]);
    return stored.map(finding => {
      const duplicateOf = this.duplicateOf(
        finding,
        checksByResource.get(finding.resourceArn),
        checks,
      );
      const { state, resolvedAt, ...shown } = finding;
      return { ...shown, ...(duplicateOf ? { duplicateOf } : {}) };
    });
  }

  private duplicateOf(
    finding: StoredExternalFinding,
    checkIds: Set<string> | undefined,
    checks: Map<string, CheckMetadata>,
  ): string | undefined {
    const field = REFERENCE_FIELD[finding.source];
    return [...(checkIds ?? [])]
      .sort()
      .find(id =>
        checks.get(id)?.references?.[field]?.includes(finding.controlId),
      );
  }
}
