import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ScanTargetProgressInfo } from '@mlsec/plugin-sagemaker-security-common';
import { errorSentence, totalCalls } from './describe';

/** Every stored error of a target, and its AWS calls by IAM action. */
export function TargetDetails(props: { target: ScanTargetProgressInfo }) {
  const { target } = props;
  const calls = Object.entries(target.callCounts ?? {}).sort(
    (a, b) => b[1] - a[1],
  );
  return (
    <Box
      px={4}
      py={2}
      display="flex"
      flexWrap="wrap"
      style={{ gap: 32 }}
      aria-label={`Details of ${target.accountId} ${target.region}`}
    >
      <Box flex="2 1 420px">
        <Typography variant="subtitle2" component="h3">
          Errors ({target.errorCount}
          {target.errorCount > target.errors.length
            ? `, the first ${target.errors.length} kept`
            : ''}
          )
        </Typography>
        {target.errors.length === 0 ? (
          <Typography variant="body2">None</Typography>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {target.errors.map((error, i) => (
              <li key={i}>
                <Typography variant="body2">
                  {errorSentence(error, target)}
                  {error.code ? ` [${error.code}]` : ''}
                </Typography>
                {error.kind !== 'credentials_unavailable' &&
                  error.kind !== 'other' &&
                  error.kind !== 'endpoint_unreachable' && (
                    <Typography variant="caption" color="textSecondary">
                      {error.message}
                    </Typography>
                  )}
              </li>
            ))}
          </ul>
        )}
      </Box>
      <Box flex="1 1 260px">
        <Typography variant="subtitle2" component="h3">
          AWS calls ({totalCalls(target.callCounts).toLocaleString()})
        </Typography>
        {calls.length === 0 ? (
          <Typography variant="body2">None recorded</Typography>
        ) : (
          <Table size="small" aria-label="Calls by IAM action">
            <TableHead>
              <TableRow>
                <TableCell>IAM action</TableCell>
                <TableCell align="right">Calls</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {calls.map(([action, n]) => (
                <TableRow key={action}>
                  <TableCell>{action}</TableCell>
                  <TableCell align="right">{n.toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
