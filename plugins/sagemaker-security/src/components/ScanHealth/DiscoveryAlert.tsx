import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { AccountDiscoveryStatus } from '@mlsec/plugin-sagemaker-security-common';
import { When } from './TargetProblems';

function accounts(n: number): string {
  return n === 1 ? '1 discovered account' : `${n} discovered accounts`;
}

/**
 * Says that the newest account discovery from AWS Organizations failed,
 * why, and which accounts scans use meanwhile; nothing otherwise.
 */
export function DiscoveryAlert(props: { discovery?: AccountDiscoveryStatus }) {
  const { discovery } = props;
  if (discovery?.status !== 'failed') {
    return null;
  }
  return (
    <Alert severity="warning" role="alert" aria-label="Account discovery">
      <AlertTitle>
        Account discovery from AWS Organizations failed —{' '}
        <When time={discovery.attemptedAt} />
      </AlertTitle>
      {discovery.error && (
        <Typography variant="body2">{discovery.error.message}</Typography>
      )}
      <Typography variant="body2">
        {discovery.listedAt ? (
          <>
            Scans use the {accounts(discovery.accountCount)} of the last listing
            (<When time={discovery.listedAt} />) and the hand-listed ones.
          </>
        ) : (
          'No listing has succeeded yet: only hand-listed accounts are scanned.'
        )}
      </Typography>
    </Alert>
  );
}
