import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { ScanHealth } from '@mlsec/plugin-sagemaker-security-common';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { isForbidden } from '../common/errors';
import { DiscoveryAlert } from './DiscoveryAlert';
import { NoAccountsAlert } from './EntityScanHealth';
import { scanStatusLabel } from './ScanStatusLabel';
import { TargetProblems, When } from './TargetProblems';

/** Targets listed in the banner; the scan status tab has them all. */
const MAX_TARGETS = 6;

function accountsAndRegions(n: number): string {
  return n === 1 ? '1 account/region' : `${n} accounts/regions`;
}

function title(health: ScanHealth, failed: number, partial: number): string {
  const scan = health.lastFinishedScan;
  const status = scan ? scanStatusLabel(scan.status).toLowerCase() : '';
  const parts: string[] = [];
  if (failed > 0) {
    parts.push(`${accountsAndRegions(failed)} could not be read`);
  }
  if (partial > 0) {
    parts.push(
      `${
        failed > 0 ? partial : accountsAndRegions(partial)
      } could be read only in part`,
    );
  }
  return `The last scan was ${status}: ${parts.join('; ')}`;
}

/** The org page's banner: what the last scan could not read, estate-wide. */
export function OrgScanHealthView(props: {
  health: ScanHealth;
  onShowStatus?: () => void;
}) {
  const { health, onShowStatus } = props;
  if (!health.accountsConfigured) {
    return <NoAccountsAlert />;
  }
  const discovery = <DiscoveryAlert discovery={health.discovery} />;
  const failed = health.targets.filter(t => t.status === 'failed');
  const partial = health.targets.filter(t => t.status === 'partial');
  if (failed.length + partial.length === 0) {
    return discovery;
  }
  // Failed targets first: they keep their last good results.
  const listed = [...failed, ...partial].slice(0, MAX_TARGETS);
  const hidden = health.targets.length - listed.length;
  const finishedAt =
    health.lastFinishedScan?.finishedAt ?? health.lastFinishedScan?.startedAt;
  return (
    <>
      {discovery}
      <Alert
        severity={failed.length > 0 ? 'error' : 'warning'}
        role="alert"
        aria-label="Last scan"
        action={
          onShowStatus && (
            <Button
              color="inherit"
              size="small"
              onClick={onShowStatus}
              style={{ whiteSpace: 'nowrap' }}
            >
              Scan status
            </Button>
          )
        }
      >
        <AlertTitle>
          {title(health, failed.length, partial.length)} —{' '}
          <When time={finishedAt} />
        </AlertTitle>
        {/* One scan: its time is in the title. */}
        <TargetProblems targets={listed} maxGroups={2} showTime={false} />
        {hidden > 0 && (
          <Typography variant="body2">
            and {hidden} more accounts and regions.
          </Typography>
        )}
        {failed.length > 0 && (
          <Typography variant="body2">
            Services in the accounts and regions that could not be read show
            their last good results.
          </Typography>
        )}
      </Alert>
    </>
  );
}

/** Loads the estate's scan health and shows the banner when there is a problem. */
export function OrgScanHealthBanner(props: { onShowStatus?: () => void }) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, error } = useAsync(() => api.getScanHealth(), [api]);
  if (error) {
    // Those who may not read scorecards see the page's own 403.
    return isForbidden(error) ? null : (
      <Typography variant="body2" color="error" role="status">
        The health of the last scan could not be loaded: {error.message}
      </Typography>
    );
  }
  return value ? (
    <OrgScanHealthView health={value} onShowStatus={props.onShowStatus} />
  ) : null;
}
