import { Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import type { ResultStatus } from '@mlsec/plugin-sagemaker-security-common';
import { statusLabel } from './format';
import { IconLabel, LabelIcon } from './IconLabel';

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

const ICONS: Record<ResultStatus, LabelIcon> = {
  pass: CheckCircleIcon,
  fail: ErrorIcon,
  warn: ReportProblemIcon,
  unknown: HelpIcon,
  not_applicable: RemoveCircleOutlineIcon,
  waived: VerifiedUserIcon,
};

/** A result status as icon and text, never colour alone. */
export function StatusLabel(props: { status: ResultStatus }) {
  const { status } = props;
  return (
    <IconLabel
      status={status}
      label={statusLabel(status)}
      icon={ICONS[status] ?? HelpIcon}
      color={theme => statusColor(theme, status)}
    />
  );
}
