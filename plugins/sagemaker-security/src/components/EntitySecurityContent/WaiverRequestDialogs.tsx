import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type {
  CheckResult,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { FormEvent, useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';
import { DialogSubmitActions } from './DialogSubmitActions';
import { isoDate } from './WaiverDialogs';

/** The backend's default of `sagemakerSecurity.waivers.maxDays`. */
const DEFAULT_MAX_DAYS = 90;
/** The backend's minimum length of a request's reason and a denial's comment. */
export const MIN_COMMENT_LENGTH = 10;

/** Longest a waiver may last, in days (`sagemakerSecurity.waivers.maxDays`). */
export function useWaiverMaxDays(): number {
  const configApi = useApi(configApiRef);
  return (
    configApi.getOptionalNumber('sagemakerSecurity.waivers.maxDays') ??
    DEFAULT_MAX_DAYS
  );
}

/** What is wrong with a request's reason and expiry, if anything. */
export function requestProblem(
  reason: string,
  expiry: string,
  maxDays: number,
): string | undefined {
  if (reason.trim().length < MIN_COMMENT_LENGTH) {
    return `The reason must have at least ${MIN_COMMENT_LENGTH} characters.`;
  }
  if (!expiry || expiry < isoDate(1)) {
    return 'The expiry date must be in the future.';
  }
  if (expiry > isoDate(maxDays)) {
    return `The expiry date may be at most ${maxDays} days ahead (${isoDate(
      maxDays,
    )}).`;
  }
  return undefined;
}

/** Ask the security group to waive one check (for one or every resource). */
export function RequestWaiverDialog(props: {
  entityRef: string;
  result: CheckResult;
  checkTitle: string;
  onClose: () => void;
  onRequested: (request: WaiverRequest) => void;
}) {
  const { entityRef, result, checkTitle, onClose, onRequested } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const maxDays = useWaiverMaxDays();
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(isoDate(Math.min(30, maxDays)));
  const [allResources, setAllResources] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [touched, setTouched] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const problem = requestProblem(reason, expiry, maxDays);
    if (problem) {
      setError(problem);
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      onRequested(
        await api.requestWaiver({
          entityRef,
          checkId: result.checkId,
          resourceArn: allResources ? '*' : result.resourceArn,
          reason: reason.trim(),
          // End of the chosen day, UTC, as for a waiver.
          expiresAt: `${expiry}T23:59:59.000Z`,
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  const reasonShort = touched && reason.trim().length < MIN_COMMENT_LENGTH;
  return (
    <Dialog open onClose={onClose} aria-labelledby="request-waiver-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="request-waiver-title">
          Request a waiver of “{checkTitle}”
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Resource: {result.resourceName}. The security group approves or
            denies the request; you are notified of the decision. Until then the
            check keeps counting against the grade.
          </DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="request-reason"
            label="Reason"
            helperText={`Why the risk is accepted (at least ${MIN_COMMENT_LENGTH} characters)`}
            value={reason}
            onChange={e => {
              setReason(e.target.value);
              setError(undefined);
            }}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            error={reasonShort}
          />
          <TextField
            id="request-expiry"
            label="Waive until"
            helperText={`At most ${maxDays} days ahead`}
            type="date"
            value={expiry}
            onChange={e => {
              setExpiry(e.target.value);
              setError(undefined);
            }}
            required
            fullWidth
            margin="normal"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: isoDate(1), max: isoDate(maxDays) }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={allResources}
                onChange={e => setAllResources(e.target.checked)}
              />
            }
            label="Request it for every resource of this entity"
          />
        </DialogContent>
        <DialogSubmitActions
          onClose={onClose}
          submitting={submitting}
          label="Send request"
        />
      </form>
    </Dialog>
  );
}

/** Approve (comment optional) or deny (comment required) a pending request. */
export function DecideWaiverRequestDialog(props: {
  decision: 'approve' | 'deny';
  request: WaiverRequest;
  checkTitle: string;
  onClose: () => void;
  onDecided: (request: WaiverRequest) => void;
}) {
  const { decision, request, checkTitle, onClose, onDecided } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const approving = decision === 'approve';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (!approving && text.length < MIN_COMMENT_LENGTH) {
      setError(
        `A denial needs a comment of at least ${MIN_COMMENT_LENGTH} characters.`,
      );
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const answer = approving
        ? await api.approveWaiverRequest(request.id, text || undefined)
        : await api.denyWaiverRequest(request.id, text);
      onDecided(answer.request);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  const verb = approving ? 'Approve' : 'Deny';
  return (
    <Dialog open onClose={onClose} aria-labelledby="decide-request-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="decide-request-title">
          {verb} the waiver request for “{checkTitle}”
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Requested by {request.requestedBy}: {request.reason}
          </DialogContentText>
          <DialogContentText>
            {approving
              ? `Approving creates the waiver, until ${request.expiresAt.slice(
                  0,
                  10,
                )}.`
              : 'The requester is told why.'}{' '}
            The requester is notified.
          </DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="decision-comment"
            label={approving ? 'Comment (optional)' : 'Comment'}
            value={comment}
            onChange={e => {
              setComment(e.target.value);
              setError(undefined);
            }}
            required={!approving}
            multiline
            minRows={2}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogSubmitActions
          onClose={onClose}
          submitting={submitting}
          label={verb}
        />
      </form>
    </Dialog>
  );
}
