import { ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { WaiverRequest } from '@mlsec/plugin-sagemaker-security-common';
import { useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDate, formatDateTime } from '../common/format';
import type { WaiverWorkflow } from './useWaiverWorkflow';
import { DecideWaiverRequestDialog } from './WaiverRequestDialogs';

/** Who asked to waive what, why, and until when. */
export function WaiverRequestSummary(props: {
  request: WaiverRequest;
  checkTitle: string;
}) {
  const { request, checkTitle } = props;
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        {checkTitle}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {request.resourceArn === '*'
          ? 'Every resource of this entity'
          : request.resourceArn}
      </Typography>
      <Typography variant="body2">Reason: {request.reason}</Typography>
      <Typography variant="body2">
        Requested by {request.requestedBy} on{' '}
        {formatDateTime(request.requestedAt)}, to waive until{' '}
        {formatDate(request.expiresAt)}
      </Typography>
    </>
  );
}

function PendingRequest(props: {
  request: WaiverRequest;
  checkTitle: string;
  workflow: WaiverWorkflow;
  onChanged: () => void;
}) {
  const { request, checkTitle, workflow, onChanged } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const alertApi = useApi(alertApiRef);
  const [dialog, setDialog] = useState<'approve' | 'deny'>();
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState<string>();
  // Until the signed-in user is known, neither deciding nor withdrawing.
  const known = workflow.userEntityRef !== undefined;
  const own = known && request.requestedBy === workflow.userEntityRef;
  const canDecide = known && Boolean(workflow.capabilities?.approve) && !own;

  const settled = (message: string) => {
    setDialog(undefined);
    alertApi.post({ message, severity: 'success', display: 'transient' });
    workflow.settle(request.id);
    onChanged();
  };
  const withdraw = async () => {
    setWithdrawing(true);
    setError(undefined);
    try {
      await api.withdrawWaiverRequest(request.id);
      settled(`Withdrew the waiver request for “${checkTitle}”`);
    } catch (e) {
      setError((e as Error).message);
      setWithdrawing(false);
    }
  };

  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={`Waiver request: ${checkTitle}`}
    >
      <Box p={2}>
        <WaiverRequestSummary request={request} checkTitle={checkTitle} />
        {error && <Alert severity="error">{error}</Alert>}
        <Box mt={1} display="flex" style={{ gap: 8 }}>
          {canDecide && (
            <>
              <Button
                size="small"
                variant="contained"
                color="primary"
                onClick={() => setDialog('approve')}
              >
                Approve
              </Button>
              <Button
                size="small"
                variant="outlined"
                onClick={() => setDialog('deny')}
              >
                Deny
              </Button>
            </>
          )}
          {own && (
            <Button
              size="small"
              variant="outlined"
              disabled={withdrawing}
              onClick={withdraw}
            >
              Withdraw
            </Button>
          )}
          {!own && !canDecide && (
            <Typography variant="body2" color="textSecondary">
              Waiting for the security group.
            </Typography>
          )}
        </Box>
      </Box>
      {dialog && (
        <DecideWaiverRequestDialog
          decision={dialog}
          request={request}
          checkTitle={checkTitle}
          onClose={() => setDialog(undefined)}
          onDecided={() =>
            settled(
              dialog === 'approve'
                ? `Approved the waiver of “${checkTitle}”`
                : `Denied the waiver request for “${checkTitle}”`,
            )
          }
        />
      )}
    </Paper>
  );
}

/**
 * The entity's pending waiver requests: approvers approve or deny each,
 * the requester may withdraw theirs. Nothing shows when there are none.
 */
export function PendingWaiverRequests(props: {
  workflow: WaiverWorkflow;
  checkTitle: (checkId: string) => string;
  /** Called after a decision, to reload the scorecard. */
  onChanged: () => void;
}) {
  const { workflow, checkTitle, onChanged } = props;
  if (workflow.error) {
    return <ResponseErrorPanel error={workflow.error} />;
  }
  if (workflow.pending.length === 0) {
    return null;
  }
  return (
    <Box component="section" aria-labelledby="sms-waiver-requests">
      <Typography variant="h5" component="h2" id="sms-waiver-requests">
        Pending waiver requests ({workflow.pending.length})
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {workflow.capabilities?.approve
          ? 'Owners ask to accept these risks. Approving creates the waiver; the requester is notified either way.'
          : 'Waiting for a member of the security group to approve or deny them.'}
      </Typography>
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {workflow.pending.map(request => (
          <PendingRequest
            key={request.id}
            request={request}
            checkTitle={checkTitle(request.checkId)}
            workflow={workflow}
            onChanged={onChanged}
          />
        ))}
      </Box>
    </Box>
  );
}
