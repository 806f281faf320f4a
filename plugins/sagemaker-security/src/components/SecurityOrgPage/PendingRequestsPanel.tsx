import { parseEntityRef } from '@backstage/catalog-model';
import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDate } from '../common/format';
import { useChecks } from '../common/useChecks';

/**
 * Every pending waiver request the reader may read, for those who decide
 * them: shown when the reader may approve requests of at least one of the
 * entities (the backend's capabilities), each row linking to the entity's
 * Security tab, where the request is approved or denied.
 */
export function PendingRequestsPanel(props: {
  /** Path of the entities' Security tab (default `sagemaker-security`). */
  tabPath?: string;
}) {
  const { tabPath = 'sagemaker-security' } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { checks } = useChecks();
  const { value, error } = useAsync(async () => {
    const { items } = await api.listWaiverRequests({ status: 'pending' });
    const entityRefs = [...new Set(items.map(r => r.entityRef))];
    const approvable = new Set<string>();
    await Promise.all(
      entityRefs.map(async ref => {
        if ((await api.getWaiverCapabilities(ref)).approve) {
          approvable.add(ref);
        }
      }),
    );
    return approvable.size > 0 ? items : [];
  }, [api]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.length === 0) {
    return null;
  }
  const securityTab = (entityRef: string) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
    return `${path.replace(/\/$/, '')}/${tabPath}`;
  };
  return (
    <Box component="section" aria-labelledby="sms-pending-requests">
      <Typography variant="h5" component="h2" id="sms-pending-requests">
        Pending waiver requests ({value.length})
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Owners ask to accept these risks. Open a service's Security tab to
        approve or deny.
      </Typography>
      <Table size="small" aria-label="Pending waiver requests">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Check</TableCell>
            <TableCell>Resource</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Until</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(request => (
            <TableRow key={request.id}>
              <TableCell>
                <Link to={securityTab(request.entityRef)}>
                  {parseEntityRef(request.entityRef).name}
                </Link>
              </TableCell>
              <TableCell>
                {checks.get(request.checkId)?.title ?? request.checkId}
              </TableCell>
              <TableCell>
                {request.resourceArn === '*'
                  ? 'Every resource'
                  : request.resourceArn.split('/').pop()}
              </TableCell>
              <TableCell>{request.requestedBy}</TableCell>
              <TableCell>{request.reason}</TableCell>
              <TableCell>{formatDate(request.expiresAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
