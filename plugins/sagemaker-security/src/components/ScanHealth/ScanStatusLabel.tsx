import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import ScheduleIcon from '@material-ui/icons/Schedule';
import SyncIcon from '@material-ui/icons/Sync';
import type {
  ScanStatus,
  ScanTargetProgressInfo,
} from '@mlsec/plugin-sagemaker-security-common';

/** The status of a scan or of one of its targets. */
export type AnyScanStatus = ScanStatus | ScanTargetProgressInfo['status'];

const LABELS: Record<AnyScanStatus, string> = {
  queued: 'Queued',
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const ICONS: Record<AnyScanStatus, typeof CheckCircleIcon> = {
  queued: ScheduleIcon,
  pending: ScheduleIcon,
  running: SyncIcon,
  succeeded: CheckCircleIcon,
  partial: ReportProblemIcon,
  failed: ErrorIcon,
  cancelled: CancelIcon,
};

function colorOf(theme: Theme, status: AnyScanStatus): string {
  switch (status) {
    case 'succeeded':
      return theme.palette.status.ok;
    case 'partial':
      return theme.palette.status.warning;
    case 'failed':
      return theme.palette.status.error;
    case 'running':
      return theme.palette.status.running;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: (props: { status: AnyScanStatus }) => ({
    color: colorOf(theme, props.status),
    fontSize: '1.1rem',
  }),
}));

export function scanStatusLabel(status: AnyScanStatus): string {
  return LABELS[status] ?? status;
}

/** A scan or target status as icon and text, never colour alone. */
export function ScanStatusLabel(props: { status: AnyScanStatus }) {
  const { status } = props;
  const classes = useStyles({ status });
  const Icon = ICONS[status] ?? ScheduleIcon;
  return (
    <span className={classes.root} data-status={status}>
      <Icon className={classes.icon} aria-hidden="true" />
      <Typography component="span" variant="body2">
        {scanStatusLabel(status)}
      </Typography>
    </span>
  );
}
