import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { WaiverEvent } from '@mlsec/plugin-sagemaker-security-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDateTime } from '../common/format';

const VERBS: Record<WaiverEvent['event'], string> = {
  created: 'Created',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** "Created by alice on 20/05/2025, 09:00:00", plus the reason given. */
function EventLine(props: { event: WaiverEvent }) {
  const { event } = props;
  return (
    <li>
      <Typography variant="body2" component="span">
        {VERBS[event.event] ?? event.event}
        {event.actor ? ` by ${event.actor}` : ''} on {formatDateTime(event.at)}
      </Typography>
      {event.detail && (
        <Typography variant="body2" color="textSecondary" component="span">
          {' '}
          — {event.detail}
        </Typography>
      )}
    </li>
  );
}

function Events(props: { waiverId: string }) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getWaiver(props.waiverId),
    [api, props.waiverId],
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
      aria-label="Waiver history"
      style={{ margin: 0, paddingLeft: 20 }}
    >
      {(value?.events ?? []).map(event => (
        <EventLine key={`${event.event}-${event.at}`} event={event} />
      ))}
    </Box>
  );
}

/**
 * A waiver's audit trail (`GET /waivers/{id}`): created, revoked and
 * expired, by whom, when and why. Loaded when the reader opens it.
 */
export function WaiverHistory(props: { waiverId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Box mt={1}>
      <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide history' : 'History'}
      </Button>
      {open && <Events waiverId={props.waiverId} />}
    </Box>
  );
}
