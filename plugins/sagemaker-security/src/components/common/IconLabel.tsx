import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type CheckCircleIcon from '@material-ui/icons/CheckCircle';

/** An icon component of @material-ui/icons. */
export type LabelIcon = typeof CheckCircleIcon;

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: (props: { color: (theme: Theme) => string }) => ({
    color: props.color(theme),
    fontSize: '1.1rem',
  }),
}));

/**
 * A status as icon and text, never colour alone (`data-status` names it for
 * tests and styles); the colour comes from the theme, light or dark.
 */
export function IconLabel(props: {
  status: string;
  label: string;
  icon: LabelIcon;
  color: (theme: Theme) => string;
}) {
  const { status, label, icon: Icon, color } = props;
  const classes = useStyles({ color });
  return (
    <span className={classes.root} data-status={status}>
      <Icon className={classes.icon} aria-hidden="true" />
      <Typography component="span" variant="body2">
        {label}
      </Typography>
    </span>
  );
}
