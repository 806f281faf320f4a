import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import type { ResultStatus } from '@mlsec/plugin-sagemaker-security-common';
import { statusLabel } from './format';

/** Status colour from the theme, so that it works in light and dark mode. */
export function statusColor(theme: Theme, status: ResultStatus): string {
  switch (status) {
    case 'pass':
      return theme.palette.status.ok;
    case 'fail':
      return theme.palette.status.error;
    case 'warn':
      return theme.palette.status.warning;
    case 'waived':
      return theme.palette.info.main;
    case 'unknown':
      return theme.palette.status.pending;
    default:
      return theme.palette.text.secondary;
  }
}

const ICONS: Record<ResultStatus, typeof CheckCircleIcon> = {
  pass: CheckCircleIcon,
  fail: ErrorIcon,
  warn: ReportProblemIcon,
  unknown: HelpIcon,
  not_applicable: RemoveCircleOutlineIcon,
  waived: VerifiedUserIcon,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: (props: { status: ResultStatus }) => ({
    color: statusColor(theme, props.status),
    fontSize: '1.1rem',
  }),
}));

/** A result status as icon and text, never colour alone. */
export function StatusLabel(props: { status: ResultStatus }) {
  const { status } = props;
  const classes = useStyles({ status });
  const Icon = ICONS[status] ?? HelpIcon;
  return (
    <span className={classes.root} data-status={status}>
      <Icon className={classes.icon} aria-hidden="true" />
      <Typography component="span" variant="body2">
        {statusLabel(status)}
      </Typography>
    </span>
  );
}
