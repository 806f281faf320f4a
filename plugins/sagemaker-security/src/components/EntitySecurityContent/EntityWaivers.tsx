import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { Waiver } from '@mlsec/plugin-sagemaker-security-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDate } from '../common/format';
import { useChecks } from '../common/useChecks';
import { WaiverHistory } from './WaiverHistory';
import { DecidedWaiverRequests } from './WaiverRequestHistory';

const STATUS: Record<Waiver['status'], string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};

function WaiverRow(props: { waiver: Waiver; checkTitle: string }) {
  const { waiver, checkTitle } = props;
  return (
    <Paper variant="outlined" component="article" aria-label={checkTitle}>
      <Box p={2}>
        <Typography variant="subtitle1" component="h3">
          {STATUS[waiver.status] ?? waiver.status}: {checkTitle}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {waiver.resourceArn === '*'
            ? 'Every resource of this entity'
            : waiver.resourceArn}
        </Typography>
        <Typography variant="body2">Reason: {waiver.reason}</Typography>
        <Typography variant="body2">
          By {waiver.createdBy} on {formatDate(waiver.createdAt)}
          {waiver.revokedAt
            ? `, revoked ${formatDate(waiver.revokedAt)}`
            : `, expires ${formatDate(waiver.expiresAt)}`}
        </Typography>
        <WaiverHistory waiverId={waiver.id} />
      </Box>
    </Paper>
  );
}

function WaiverList(props: { entityRef: string }) {
  const api = useApi(sageMakerSecurityApiRef);
  const { checks } = useChecks();
  const { value, loading, error } = useAsync(
    () => api.listWaivers({ entityRef: props.entityRef }),
    [api, props.entityRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const requests = (
    <DecidedWaiverRequests
      entityRef={props.entityRef}
      checkTitle={id => checks.get(id)?.title ?? id}
    />
  );
  if (!value || value.length === 0) {
    return (
      <>
        <Typography variant="body2">This entity has no waivers.</Typography>
        {requests}
      </>
    );
  }
  return (
    <>
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {value.map(waiver => (
          <WaiverRow
            key={waiver.id}
            waiver={waiver}
            checkTitle={checks.get(waiver.checkId)?.title ?? waiver.checkId}
          />
        ))}
      </Box>
      {requests}
    </>
  );
}

/**
 * Every waiver of the entity, active, revoked and expired, newest first,
 * each with its history. Loaded when the reader opens the section.
 */
export function EntityWaivers(props: { entityRef: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Box component="section" aria-labelledby="sms-waivers">
      <Typography variant="h5" component="h2" id="sms-waivers">
        Waivers
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Accepted risks of this entity, including revoked and expired ones, with
        who created and ended each, when and why; and the decided waiver
        requests.
      </Typography>
      <Button
        size="small"
        variant="outlined"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide waivers' : 'Show waivers'}
      </Button>
      {open && (
        <Box mt={2}>
          <WaiverList entityRef={props.entityRef} />
        </Box>
      )}
    </Box>
  );
}
