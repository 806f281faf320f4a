import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  ScanHealth,
  ScanTargetProgressInfo,
} from '@mlsec/plugin-sagemaker-security-common';
import { formatDateTime } from '../common/format';
import { useOrgPageLink } from '../common/useOrgPageLink';
import { targetName } from './describe';
import { PartialTargets, TargetProblems, When } from './TargetProblems';

/** The org page's scan status tab, when the app mounts the org page. */
export function useScanStatusLink(): string | undefined {
  const orgPage = useOrgPageLink();
  return orgPage ? `${orgPage.replace(/\/$/, '')}?tab=scans` : undefined;
}

/** What an entity's scorecard should say about the last scan. */
export interface EntityScanProblems {
  noAccounts: boolean;
  failed: ScanTargetProgressInfo[];
  partial: ScanTargetProgressInfo[];
}

/**
 * The problems worth showing: with no resources and no known account, only
 * failed targets (they may hold the entity's resources); partial ones of
 * other teams' accounts would be noise.
 */
export function entityScanProblems(
  health: ScanHealth | undefined,
): EntityScanProblems {
  if (!health) {
    return { noAccounts: false, failed: [], partial: [] };
  }
  return {
    noAccounts: !health.accountsConfigured,
    failed: health.targets.filter(t => t.status === 'failed'),
    partial:
      health.scope === 'entity'
        ? health.targets.filter(t => t.status === 'partial')
        : [],
  };
}

/** True when there is anything to say. */
export function hasScanProblems(problems: EntityScanProblems): boolean {
  return (
    problems.noAccounts ||
    problems.failed.length > 0 ||
    problems.partial.length > 0
  );
}

function plural(n: number, one: string, many: string) {
  return n === 1 ? one : many;
}

function failedTitle(
  failed: ScanTargetProgressInfo[],
  scope: ScanHealth['scope'],
) {
  if (failed.length === 1) {
    return `The last scan could not read ${targetName(failed[0])}`;
  }
  return scope === 'entity'
    ? `The last scan could not read ${failed.length} accounts and regions of this service`
    : `The last scan could not read ${failed.length} accounts and regions`;
}

function partialTitle(partial: ScanTargetProgressInfo[]) {
  return partial.length === 1
    ? `The last scan of ${targetName(partial[0])} was partial`
    : `The last scan of ${partial.length} accounts and regions of this service was partial`;
}

/** Says that no AWS account is configured, for Backstage admins to fix. */
export function NoAccountsAlert(props: { dense?: boolean }) {
  return (
    <Alert severity="warning" role="status">
      <AlertTitle>No AWS account is configured for scanning</AlertTitle>
      {!props.dense && (
        <Typography variant="body2">
          The SageMaker security backend scans no AWS account, so nothing has
          results. Backstage admins add accounts under{' '}
          <code>sagemakerSecurity.accounts</code> in{' '}
          <code>app-config.yaml</code>.
        </Typography>
      )}
    </Alert>
  );
}

/**
 * The Security tab's banner: which accounts and regions of this entity the
 * last scan could not read, why and when, and what the results shown are.
 */
export function EntityScanHealthBanner(props: {
  health: ScanHealth;
  /** When the results shown were evaluated (the last good scan). */
  evaluatedAt?: string;
  hasResources: boolean;
  /** One line per target and the first problem only (overview card). */
  dense?: boolean;
}) {
  const { health, evaluatedAt, hasResources, dense } = props;
  const scanStatusLink = useScanStatusLink();
  const problems = entityScanProblems(health);
  const { failed, partial } = problems;
  const maxGroups = dense ? 1 : 4;
  let resultsNote;
  if (hasResources) {
    resultsNote = (
      <>
        The results shown are the last good ones, evaluated{' '}
        {formatDateTime(evaluatedAt)} (<When time={evaluatedAt} />
        ).
      </>
    );
  } else if (health.scope === 'entity') {
    resultsNote = `Nothing has been collected from ${plural(
      failed.length,
      'it',
      'them',
    )}, so this service has no results yet.`;
  } else {
    resultsNote =
      'No SageMaker resources of this service were found; they may be in what the scan could not read. Link the service to its account with the amazonaws.com/account-id annotation so that this page can tell.';
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {problems.noAccounts && <NoAccountsAlert dense={dense} />}
      {failed.length > 0 && (
        <Alert severity="error" role="alert" aria-label="Scan failed">
          <AlertTitle>{failedTitle(failed, health.scope)}</AlertTitle>
          <TargetProblems
            targets={dense ? failed.slice(0, 1) : failed}
            maxGroups={maxGroups}
            scanStatusLink={scanStatusLink}
          />
          {dense && failed.length > 1 && (
            <Typography variant="body2">
              and {failed.length - 1} more.
            </Typography>
          )}
          <Typography variant="body2">{resultsNote}</Typography>
          {!dense && scanStatusLink && (
            <Typography variant="body2">
              Every account and region, with its errors and calls:{' '}
              <Link to={scanStatusLink}>scan status</Link>.
            </Typography>
          )}
        </Alert>
      )}
      {partial.length > 0 && (
        <Alert severity="warning" role="status" aria-label="Scan partial">
          <AlertTitle>{partialTitle(partial)}</AlertTitle>
          <PartialTargets targets={dense ? partial.slice(0, 1) : partial} />
          {hasResources && (
            <Typography variant="body2">
              Checks that needed these calls show as “Could not evaluate”.
            </Typography>
          )}
        </Alert>
      )}
    </Box>
  );
}
