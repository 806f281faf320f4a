import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { EntityScorecard } from '@mlsec/plugin-sagemaker-security-common';
import { ReactNode } from 'react';
import { formatDateTime } from '../common/format';
import { GradeBadge } from '../common/GradeBadge';
import { describeCounts } from '../common/pillars';
import { Sparkline } from '../common/Sparkline';

/** Overall grade (big, spelled out), why it is capped, trend and scan times. */
export function ScorecardHeader(props: {
  scorecard: EntityScorecard;
  action?: ReactNode;
}) {
  const { scorecard, action } = props;
  const { score } = scorecard;
  return (
    <Paper variant="outlined">
      <Box
        p={2}
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 24 }}
      >
        <GradeBadge grade={score.grade} score={score.score} size="large" />
        <Box flex="1 1 240px">
          <Typography variant="h4" component="h2">
            {score.grade ? `Grade ${score.grade}` : 'Not graded'}
          </Typography>
          <Typography variant="body1">
            {score.score === null
              ? 'No applicable checks were evaluated'
              : `Score ${Math.round(score.score)} / 100`}
          </Typography>
          {score.cappedBy && (
            <Typography variant="body2">
              Grade capped: {score.cappedBy}
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {describeCounts(score.counts)} across {scorecard.resources.length}{' '}
            resource
            {scorecard.resources.length === 1 ? '' : 's'}
          </Typography>
        </Box>
        <Box>
          <Typography variant="caption" display="block">
            Trend
          </Typography>
          <Sparkline points={scorecard.trend} />
        </Box>
        <Box>
          <Typography variant="body2">
            Evaluated: {formatDateTime(scorecard.evaluatedAt)}
          </Typography>
          <Typography variant="body2">
            Last scan:{' '}
            {scorecard.lastScan
              ? `${scorecard.lastScan.status}, ${formatDateTime(
                  scorecard.lastScan.finishedAt ?? scorecard.lastScan.startedAt,
                )}`
              : 'never'}
          </Typography>
          {action && <Box mt={1}>{action}</Box>}
        </Box>
      </Box>
    </Paper>
  );
}
