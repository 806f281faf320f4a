import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { GradeBadge } from '../common/GradeBadge';
import { Sparkline } from '../common/Sparkline';
import { loadTeamRollups } from './useTeams';

/** One row per team that owns ML services, with the backend's rollup. */
export function TeamRollupTable(props: { owners: string[] }) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => loadTeamRollups(api, props.owners),
    [api, props.owners],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.length === 0) {
    return <Typography>No team owns an ML service yet.</Typography>;
  }
  return (
    <Table size="small" aria-label="Team rollups">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell>Grade</TableCell>
          <TableCell>ML services</TableCell>
          <TableCell>Failing checks</TableCell>
          <TableCell>Waivers expiring soon</TableCell>
          <TableCell>Trend</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.map(({ owner, rollup, error: rowError }) => (
          <TableRow key={owner}>
            <TableCell>
              <EntityRefLink entityRef={owner} />
            </TableCell>
            {rollup ? (
              <>
                <TableCell>
                  <GradeBadge
                    grade={rollup.score.grade}
                    score={rollup.score.score}
                    size="small"
                    showScore
                  />
                </TableCell>
                <TableCell>{rollup.entities.length}</TableCell>
                <TableCell>{rollup.score.counts.fail}</TableCell>
                <TableCell>{rollup.expiringWaivers.length}</TableCell>
                <TableCell>
                  <Sparkline points={rollup.trend} width={80} height={20} />
                </TableCell>
              </>
            ) : (
              <TableCell colSpan={5}>
                Could not load this team's rollup: {rowError?.message}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
