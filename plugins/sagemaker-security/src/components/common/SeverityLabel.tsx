import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { Severity } from '@mlsec/plugin-sagemaker-security-common';
import { severityLabel } from './format';

const useStyles = makeStyles(theme => ({
  chip: (props: { severity: Severity }) => {
    const strong = props.severity === 'critical' || props.severity === 'high';
    return {
      fontWeight: strong ? ('bold' as const) : ('normal' as const),
      borderColor: strong ? theme.palette.status.error : theme.palette.divider,
    };
  },
}));

/** Severity as text; the border only repeats what the text says. */
export function SeverityLabel(props: { severity: Severity }) {
  const classes = useStyles(props);
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      label={severityLabel(props.severity)}
    />
  );
}
