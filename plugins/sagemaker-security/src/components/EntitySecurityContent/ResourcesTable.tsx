import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ResourceSummary } from '@mlsec/plugin-sagemaker-security-common';
import { formatDate } from '../common/format';
import { GradeBadge } from '../common/GradeBadge';

/** The SageMaker resources behind the entity, each with its own grade. */
export function ResourcesTable(props: { resources: ResourceSummary[] }) {
  return (
    <Table size="small" aria-label="SageMaker resources">
      <TableHead>
        <TableRow>
          <TableCell>Grade</TableCell>
          <TableCell>Resource</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Account / region</TableCell>
          <TableCell>AWS status</TableCell>
          <TableCell>Read errors</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.resources.map(resource => (
          <TableRow key={resource.arn}>
            <TableCell>
              <GradeBadge
                grade={resource.score.grade}
                score={resource.score.score}
                size="small"
              />
            </TableCell>
            <TableCell>
              <Typography variant="body2">{resource.name}</Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                style={{ wordBreak: 'break-all' }}
              >
                {resource.arn}
              </Typography>
            </TableCell>
            <TableCell>{resource.type}</TableCell>
            <TableCell>
              {resource.accountId} / {resource.region}
            </TableCell>
            <TableCell>
              {resource.deletedAt
                ? `Deleted ${formatDate(resource.deletedAt)}`
                : resource.status ?? '—'}
            </TableCell>
            <TableCell>
              {resource.errors.length === 0
                ? 'None'
                : resource.errors.map(e => e.action).join(', ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
