import { useApi } from '@backstage/core-plugin-api';
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
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import { FormEvent, useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';
import { DialogSubmitActions } from './DialogSubmitActions';

const DEFAULT_WAIVER_DAYS = 30;

/** `YYYY-MM-DD` of today plus `days`, in UTC. */
export function isoDate(days: number, from: Date = new Date()): string {
  const date = new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
  return date.toISOString().slice(0, 10);
}

/** Waive one check for one resource (or every resource of the entity). */
export function CreateWaiverDialog(props: {
  open: boolean;
  entityRef: string;
  result: CheckResult;
  checkTitle: string;
  onClose: () => void;
  onCreated: (waiver: Waiver) => void;
}) {
  const { open, entityRef, result, checkTitle, onClose, onCreated } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(isoDate(DEFAULT_WAIVER_DAYS));
  const [allResources, setAllResources] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const tomorrow = isoDate(1);
  const reasonMissing = reason.trim().length === 0;
  const expiryInvalid = !expiry || expiry < tomorrow;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing || expiryInvalid) {
      setError(
        reasonMissing
          ? 'A reason is required.'
          : 'The expiry date must be in the future.',
      );
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const waiver = await api.createWaiver({
        entityRef,
        checkId: result.checkId,
        resourceArn: allResources ? '*' : result.resourceArn,
        reason: reason.trim(),
        // End of the chosen day, UTC: the waiver covers the whole day.
        expiresAt: `${expiry}T23:59:59.000Z`,
      });
      onCreated(waiver);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="waive-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="waive-title">Waive “{checkTitle}”</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Resource: {result.resourceName}. A waived check stops lowering the
            grade until the waiver expires; it is recorded with your name.
          </DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="waiver-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            error={Boolean(error) && reasonMissing}
          />
          <TextField
            id="waiver-expiry"
            label="Expires on"
            type="date"
            value={expiry}
            onChange={e => setExpiry(e.target.value)}
            required
            fullWidth
            margin="normal"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: tomorrow }}
            error={Boolean(error) && expiryInvalid}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={allResources}
                onChange={e => setAllResources(e.target.checked)}
              />
            }
            label="Waive this check for every resource of this entity"
          />
        </DialogContent>
        <DialogSubmitActions
          onClose={onClose}
          submitting={submitting}
          label="Waive"
        />
      </form>
    </Dialog>
  );
}

/** Revoke an active waiver, with an optional reason for the audit trail. */
export function RevokeWaiverDialog(props: {
  open: boolean;
  waiver: Waiver;
  checkTitle: string;
  onClose: () => void;
  onRevoked: (waiver: Waiver) => void;
}) {
  const { open, waiver, checkTitle, onClose, onRevoked } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      onRevoked(await api.revokeWaiver(waiver.id, reason.trim() || undefined));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="revoke-title">
      <form onSubmit={submit}>
        <DialogTitle id="revoke-title">
          Revoke the waiver of “{checkTitle}”
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The check counts against the grade again from the next evaluation.
          </DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="revoke-reason"
            label="Reason (optional)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogSubmitActions
          onClose={onClose}
          submitting={submitting}
          label="Revoke waiver"
        />
      </form>
    </Dialog>
  );
}
