import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  scanRunPermission,
  type ScanRunInfo,
  type ScanTargetProgressInfo,
} from '@mlsec/plugin-sagemaker-security-common';
import { ReactNode, useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sageMakerSecurityApiRef } from '../../api';
import { isForbidden } from '../common/errors';
import { ForbiddenState } from '../common/ForbiddenState';
import { formatDateTime } from '../common/format';
import {
  RescanButton,
  scanProgress,
} from '../EntitySecurityContent/RescanButton';
import { groupErrors, kindLabel, totalCalls } from './describe';
import { NoAccountsAlert } from './EntityScanHealth';
import { ScanStatusLabel } from './ScanStatusLabel';
import { TargetDetails } from './TargetDetails';
import { When } from './TargetProblems';

type Row = ScanTargetProgressInfo & { id: string };

const RUNNING = ['queued', 'running'];

/** "1 min 5 s"; a dash when either end is missing. */
export function formatDuration(start?: string, end?: string): string {
  if (!start || !end) {
    return '—';
  }
  const seconds = Math.max(
    0,
    Math.round((Date.parse(end) - Date.parse(start)) / 1000),
  );
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function ErrorsCell(props: { target: ScanTargetProgressInfo }) {
  const { target } = props;
  if (target.errorCount === 0) {
    return <>—</>;
  }
  const groups = groupErrors(target.errors).slice(0, 3);
  const listed = groups.reduce((n, g) => n + g.count, 0);
  return (
    <Box>
      {groups.map(g => (
        <Typography variant="body2" key={`${g.kind}|${g.action}`}>
          {kindLabel(g.kind)}: {g.action}
          {g.count > 1 ? ` ×${g.count}` : ''}
        </Typography>
      ))}
      {target.errorCount > listed && (
        <Typography variant="caption" color="textSecondary">
          {target.errorCount} errors in all
        </Typography>
      )}
    </Box>
  );
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Account / region',
    field: 'id',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => (
      <>
        <Typography variant="body2">{row.accountId}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.region}
        </Typography>
      </>
    ),
  },
  {
    title: 'Status',
    field: 'status',
    render: row => <ScanStatusLabel status={row.status} />,
  },
  { title: 'Resources', field: 'resourceCount', type: 'numeric' },
  {
    title: 'Errors',
    field: 'errorCount',
    cellStyle: { minWidth: 240 },
    render: row => <ErrorsCell target={row} />,
  },
  {
    title: 'Calls',
    type: 'numeric',
    customSort: (a, b) => totalCalls(a.callCounts) - totalCalls(b.callCounts),
    render: row =>
      row.callCounts ? totalCalls(row.callCounts).toLocaleString() : '—',
  },
  {
    title: 'Started',
    field: 'startedAt',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => (
      <>
        <Typography variant="body2">
          <When time={row.startedAt} />
        </Typography>
        <Typography variant="caption" color="textSecondary">
          took {formatDuration(row.startedAt, row.finishedAt)}
        </Typography>
      </>
    ),
  },
];

/** "on schedule", "at start-up", "by user:default/alice". */
function triggerPhrase(scan: ScanRunInfo): string {
  if (scan.requestedBy) {
    return `by ${scan.requestedBy}`;
  }
  if (scan.trigger === 'schedule') {
    return 'on schedule';
  }
  return scan.trigger === 'startup' ? 'at start-up' : 'manually';
}

function ScanSummary(props: { scan: ScanRunInfo; action?: ReactNode }) {
  const { scan, action } = props;
  const running = RUNNING.includes(scan.status);
  const progress = scanProgress(scan);
  return (
    <Paper variant="outlined">
      <Box
        p={2}
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 24 }}
      >
        <Box flex="1 1 320px">
          <Typography variant="h6" component="h2">
            Last scan: <ScanStatusLabel status={scan.status} />
          </Typography>
          <Typography variant="body2">
            Started {formatDateTime(scan.startedAt)} (
            <When time={scan.startedAt} />) {triggerPhrase(scan)}
            {scan.finishedAt
              ? `, took ${formatDuration(scan.startedAt, scan.finishedAt)}`
              : ''}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {scan.targets.length} accounts and regions,{' '}
            {scan.targets.reduce((n, t) => n + t.resourceCount, 0)} resources,{' '}
            {scan.targets.reduce((n, t) => n + t.errorCount, 0)} errors,{' '}
            {totalCalls(scan.callCounts).toLocaleString()} AWS calls · scan{' '}
            {scan.id}
          </Typography>
          {running && progress !== undefined && (
            <Typography variant="body2" role="status">
              {progress}% of the accounts and regions done
            </Typography>
          )}
        </Box>
        {action}
      </Box>
    </Paper>
  );
}

/**
 * The scan status view of the org page (for admins): the newest scan, every
 * account and region with its status, errors, calls made and times.
 */
export function ScanStatusView(props: { pollIntervalMs?: number }) {
  const { pollIntervalMs = 5000 } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const canScan = usePermission({ permission: scanRunPermission }).allowed;
  const {
    value: scan,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getLatestScan(), [api]);
  const running = scan !== undefined && RUNNING.includes(scan.status);
  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const timer = setTimeout(retry, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [running, retry, pollIntervalMs, scan]);

  if (loading && !scan) {
    return <Progress />;
  }
  if (error) {
    return isForbidden(error) ? (
      <ForbiddenState what="scan status" />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  const rescan = canScan ? <RescanButton onFinished={retry} /> : undefined;
  if (!scan) {
    return (
      <EmptyState
        missing="data"
        title="No scan has run yet"
        description="Scans run on the configured schedule; admins can start one now."
        action={rescan}
      />
    );
  }
  const rows: Row[] = scan.targets.map(t => ({
    ...t,
    id: `${t.accountId}/${t.region}`,
  }));
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <ScanSummary scan={scan} action={rescan} />
      {scan.targets.length === 0 ? (
        <NoAccountsAlert />
      ) : (
        <Table<Row>
          title="Accounts and regions"
          columns={columns}
          data={rows}
          detailPanel={({ rowData }) => <TargetDetails target={rowData} />}
          options={{
            paging: rows.length > 20,
            pageSize: 20,
            search: rows.length > 20,
            padding: 'dense',
          }}
        />
      )}
    </Box>
  );
}
