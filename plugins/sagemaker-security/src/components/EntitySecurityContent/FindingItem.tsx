import { useApi, alertApiRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type {
  CheckMetadata,
  CheckResult,
  ResourceSummary,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../common/format';
import { SeverityLabel } from '../common/SeverityLabel';
import { StatusLabel } from '../common/StatusLabel';
import { EvidenceList } from './EvidenceList';
import { AlsoReportedBy } from './ExternalFindings';
import { PeerReferences } from './PeerReferences';
import { RemediationLinks } from './RemediationLinks';
import { CreateWaiverDialog, RevokeWaiverDialog } from './WaiverDialogs';
import { WaiverInfo } from './WaiverInfo';
import { RequestWaiverDialog } from './WaiverRequestDialogs';

export interface FindingActions {
  entityRef: string;
  canWaive: boolean;
  canRevoke: boolean;
  /** May ask the security group for a waiver (shown when `canWaive` is not). */
  canRequest?: boolean;
  /** The pending waiver request covering a result, if any. */
  pendingRequest?: (result: CheckResult) => WaiverRequest | undefined;
  /** Called after a waiver was created or revoked, to reload the scorecard. */
  onChanged: () => void;
  /** Called after a waiver was requested, to reload the pending requests. */
  onRequested?: () => void;
}

/** "Waiver requested by …": the pending request of a finding. */
function PendingRequestNote(props: { request: WaiverRequest }) {
  const { request } = props;
  return (
    <Box mt={1} component="section" aria-label="Waiver request">
      <Typography variant="subtitle2" component="h5">
        Waiver requested, pending approval
      </Typography>
      <Typography variant="body2">
        By {request.requestedBy} on {formatDate(request.requestedAt)}, until{' '}
        {formatDate(request.expiresAt)}: {request.reason}
      </Typography>
    </Box>
  );
}

/** One (resource, check) result: why, evidence, how to fix, waiver. */
export function FindingItem(props: {
  result: CheckResult;
  check?: CheckMetadata;
  resource?: ResourceSummary;
  actions: FindingActions;
}) {
  const { result, check, resource, actions } = props;
  const alertApi = useApi(alertApiRef);
  const [dialog, setDialog] = useState<'waive' | 'revoke' | 'request'>();
  const title = check?.title ?? result.checkId;
  const waiver = result.waiver;
  const waivable = ['fail', 'warn', 'unknown'].includes(result.status);
  const revocable = result.status === 'waived' && waiver?.status === 'active';
  const pending = waivable ? actions.pendingRequest?.(result) : undefined;
  const requestable =
    waivable && !actions.canWaive && Boolean(actions.canRequest) && !pending;

  const closeAndReload = (message: string) => {
    setDialog(undefined);
    alertApi.post({ message, severity: 'success', display: 'transient' });
    actions.onChanged();
  };

  return (
    <Paper variant="outlined" component="article" aria-label={title}>
      <Box p={2}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 12 }}
        >
          <StatusLabel status={result.status} />
          <SeverityLabel severity={result.severity} />
          <Typography variant="subtitle1" component="h4" style={{ flex: 1 }}>
            {title}
          </Typography>
          {waivable && actions.canWaive && (
            <Button size="small" onClick={() => setDialog('waive')}>
              Waive
            </Button>
          )}
          {requestable && (
            <Button size="small" onClick={() => setDialog('request')}>
              Request waiver
            </Button>
          )}
          {revocable && actions.canRevoke && (
            <Button size="small" onClick={() => setDialog('revoke')}>
              Revoke waiver
            </Button>
          )}
        </Box>
        <Typography variant="body2" color="textSecondary">
          {result.resourceName} ({result.resourceType}) · account{' '}
          {result.accountId} · {result.region} · since{' '}
          {formatDateTime(result.since)}
        </Typography>
        <Typography variant="body1" style={{ marginTop: 8 }}>
          {result.message}
        </Typography>
        {result.missing && result.missing.length > 0 && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            Could not read: <code>{result.missing.join(', ')}</code>. The
            scanner's IAM role needs read access to evaluate this check.
          </Typography>
        )}
        <EvidenceList evidence={result.evidence} />
        {waiver && <WaiverInfo waiver={waiver} />}
        {pending && <PendingRequestNote request={pending} />}
        {result.status !== 'pass' && result.status !== 'not_applicable' && (
          <RemediationLinks result={result} check={check} resource={resource} />
        )}
        {check && <PeerReferences references={check.references} />}
        <AlsoReportedBy result={result} />
      </Box>
      {dialog === 'waive' && (
        <CreateWaiverDialog
          open
          entityRef={actions.entityRef}
          result={result}
          checkTitle={title}
          onClose={() => setDialog(undefined)}
          onCreated={() => closeAndReload(`Waived “${title}”`)}
        />
      )}
      {dialog === 'request' && (
        <RequestWaiverDialog
          entityRef={actions.entityRef}
          result={result}
          checkTitle={title}
          onClose={() => setDialog(undefined)}
          onRequested={() => {
            setDialog(undefined);
            alertApi.post({
              message: `Requested a waiver of “${title}” from the security group`,
              severity: 'success',
              display: 'transient',
            });
            actions.onRequested?.();
          }}
        />
      )}
      {dialog === 'revoke' && waiver && (
        <RevokeWaiverDialog
          open
          waiver={waiver}
          checkTitle={title}
          onClose={() => setDialog(undefined)}
          onRevoked={() => closeAndReload(`Revoked the waiver of “${title}”`)}
        />
      )}
    </Paper>
  );
}
