import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type {
  WaiverRequest,
  WaiverRequestEvent,
} from '@mlsec/plugin-sagemaker-security-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDateTime } from '../common/format';
import { WaiverRequestSummary } from './PendingWaiverRequests';

const STATUS: Record<WaiverRequest['status'], string> = {
  pending: 'Pending',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

const VERBS: Record<WaiverRequestEvent['event'], string> = {
  requested: 'Requested',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

/** A request's trail (`GET /waiver-requests/{id}`), loaded when opened. */
function RequestEvents(props: { requestId: string }) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getWaiverRequest(props.requestId),
    [api, props.requestId],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <Box
      component="ol"
      aria-label="Request history"
      style={{ margin: 0, paddingLeft: 20 }}
    >
      {(value?.events ?? []).map(event => (
        <li key={`${event.event}-${event.at}`}>
          <Typography variant="body2" component="span">
            {VERBS[event.event] ?? event.event} by {event.actor} on{' '}
            {formatDateTime(event.at)}
          </Typography>
          {event.detail && (
            <Typography variant="body2" color="textSecondary" component="span">
              {' '}
              — {event.detail}
            </Typography>
          )}
        </li>
      ))}
    </Box>
  );
}

function DecidedRequest(props: { request: WaiverRequest; checkTitle: string }) {
  const { request, checkTitle } = props;
  const [open, setOpen] = useState(false);
  const status = STATUS[request.status] ?? request.status;
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={`${status} request: ${checkTitle}`}
    >
      <Box p={2}>
        <Typography variant="overline">{status} request</Typography>
        <WaiverRequestSummary request={request} checkTitle={checkTitle} />
        {request.decidedBy && (
          <Typography variant="body2">
            {status} by {request.decidedBy} on{' '}
            {formatDateTime(request.decidedAt)}
            {request.comment ? `: ${request.comment}` : ''}
          </Typography>
        )}
        <Box mt={1}>
          <Button
            size="small"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide history' : 'History'}
          </Button>
          {open && <RequestEvents requestId={request.id} />}
        </Box>
      </Box>
    </Paper>
  );
}

/**
 * The entity's approved, denied and withdrawn waiver requests, newest
 * first, each with its trail (part of the waiver history).
 */
export function DecidedWaiverRequests(props: {
  entityRef: string;
  checkTitle: (checkId: string) => string;
}) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => api.listWaiverRequests({ entityRefs: [props.entityRef] }),
    [api, props.entityRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const decided = (value?.items ?? []).filter(r => r.status !== 'pending');
  if (decided.length === 0) {
    return null;
  }
  return (
    <Box component="section" aria-labelledby="sms-decided-requests" mt={2}>
      <Typography
        variant="h6"
        component="h3"
        id="sms-decided-requests"
        paragraph
      >
        Decided requests ({decided.length})
      </Typography>
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {decided.map(request => (
          <DecidedRequest
            key={request.id}
            request={request}
            checkTitle={props.checkTitle(request.checkId)}
          />
        ))}
      </Box>
    </Box>
  );
}
