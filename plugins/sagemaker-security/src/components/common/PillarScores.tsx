import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { Score } from '@mlsec/plugin-sagemaker-security-common';
import { pillarLabel } from './format';
import { GradeBadge } from './GradeBadge';
import { describeCounts, orderedPillars, worstStatus } from './pillars';
import { StatusLabel } from './StatusLabel';

/** One tile per pillar: grade, score, status and counts. */
export function PillarScores(props: { score: Score }) {
  return (
    <Grid container spacing={2}>
      {orderedPillars(props.score).map(pillar => (
        <Grid item xs={12} sm={6} md={3} key={pillar.pillar}>
          <Paper variant="outlined">
            <Box
              p={2}
              component="section"
              aria-label={`${pillarLabel(pillar.pillar)} pillar`}
            >
              <Typography variant="h6" component="h3">
                {pillarLabel(pillar.pillar)}
              </Typography>
              <Box display="flex" alignItems="center" my={1}>
                <GradeBadge
                  grade={pillar.grade}
                  score={pillar.score}
                  size="small"
                  showScore
                />
              </Box>
              <StatusLabel status={worstStatus(pillar.counts)} />
              <Typography variant="body2" color="textSecondary">
                {describeCounts(pillar.counts)}
              </Typography>
            </Box>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}

/** Compact list for cards: pillar, grade and status on one line each. */
export function PillarStatusList(props: { score: Score }) {
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {orderedPillars(props.score).map(pillar => (
        <Box
          component="li"
          key={pillar.pillar}
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          py={0.5}
        >
          <Typography variant="body2">{pillarLabel(pillar.pillar)}</Typography>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <StatusLabel status={worstStatus(pillar.counts)} />
            <GradeBadge
              grade={pillar.grade}
              score={pillar.score}
              size="small"
            />
          </Box>
        </Box>
      ))}
    </Box>
  );
}
