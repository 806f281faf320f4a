import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Waiver } from '@mlsec/plugin-sagemaker-security-common';
import { formatDate } from '../common/format';
import { WaiverHistory } from './WaiverHistory';

/** Who waived a check, why, and until when; and the waiver's history. */
export function WaiverInfo(props: { waiver: Waiver }) {
  const { waiver } = props;
  return (
    <Box mt={1} component="section" aria-label="Waiver">
      <Typography variant="subtitle2" component="h5">
        Waived
        {waiver.resourceArn === '*' ? ' for every resource of this entity' : ''}
      </Typography>
      <Typography variant="body2">Reason: {waiver.reason}</Typography>
      <Typography variant="body2">
        By {waiver.createdBy} on {formatDate(waiver.createdAt)}, expires{' '}
        {formatDate(waiver.expiresAt)}
      </Typography>
      <WaiverHistory waiverId={waiver.id} />
    </Box>
  );
}
