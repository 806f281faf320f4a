import Box from '@material-ui/core/Box';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { Grade } from '@mlsec/plugin-sagemaker-security-common';

export function gradeColor(theme: Theme, grade: Grade | null): string {
  switch (grade) {
    case 'A':
    case 'B':
      return theme.palette.status.ok;
    case 'C':
      return theme.palette.status.warning;
    case 'D':
    case 'E':
    case 'F':
      return theme.palette.status.error;
    default:
      return theme.palette.text.secondary;
  }
}

type Size = 'small' | 'medium' | 'large';

const DIMENSIONS: Record<Size, { box: number; font: string }> = {
  small: { box: 28, font: '1rem' },
  medium: { box: 48, font: '1.75rem' },
  large: { box: 96, font: '3.5rem' },
};

const useStyles = makeStyles(theme => ({
  letter: (props: { grade: Grade | null; size: Size }) => ({
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: DIMENSIONS[props.size].box,
    height: DIMENSIONS[props.size].box,
    fontSize: DIMENSIONS[props.size].font,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1,
    borderRadius: theme.shape.borderRadius,
    border: `3px solid ${gradeColor(theme, props.grade)}`,
    color: theme.palette.text.primary,
  }),
}));

/**
 * A grade as a letter in a coloured frame. The letter carries the meaning; the
 * accessible name spells it out.
 */
export function GradeBadge(props: {
  grade: Grade | null;
  score?: number | null;
  size?: Size;
  /**
   * Show "Grade B / Score 82 / 100" beside the letter; `compact` shows just
   * the number, for table cells (the accessible name keeps the full text).
   */
  showScore?: boolean | 'compact';
}) {
  const { grade, score, size = 'medium', showScore = false } = props;
  const classes = useStyles({ grade, size });
  const label = grade ? `Grade ${grade}` : 'Not graded';
  const scoreText =
    score === null || score === undefined
      ? 'No score'
      : `Score ${Math.round(score)} / 100`;
  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 8 }}>
      <span
        className={classes.letter}
        role="img"
        aria-label={`${label}${showScore === true ? '' : `, ${scoreText}`}`}
        title={`${label}, ${scoreText}`}
      >
        {grade ?? '–'}
      </span>
      {showScore === 'compact' && (
        <Typography variant="body2" noWrap aria-hidden>
          {score === null || score === undefined ? '–' : Math.round(score)}
        </Typography>
      )}
      {showScore === true && (
        <Box>
          <Typography variant="subtitle2">{label}</Typography>
          <Typography variant="body2" color="textSecondary">
            {scoreText}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
