import Typography from '@material-ui/core/Typography';
import type { CheckReferences } from '@mlsec/plugin-sagemaker-security-common';
import { Fragment } from 'react';

/** The peer tools and standards, in the order the parity table lists them. */
const PEERS: Array<[Exclude<keyof CheckReferences, 'seed'>, string]> = [
  ['securityHub', 'Security Hub'],
  ['securityHubAiStandard', 'Security Hub AI standard'],
  ['configRules', 'AWS Config'],
  ['prowler', 'Prowler'],
  ['checkov', 'Checkov'],
  ['awsSample', 'AWS sample'],
  ['powerpipe', 'Powerpipe'],
  ['cloudsploit', 'CloudSploit'],
];

/** The controls of other tools and standards that a check answers, one per id. */
export function peerControls(
  references: CheckReferences,
): Array<{ peer: string; id: string }> {
  return PEERS.flatMap(([field, peer]) =>
    (references[field] ?? []).map(id => ({ peer, id })),
  );
}

/**
 * "Peers: Security Hub SageMaker.1, Prowler sagemaker_…": what the check
 * answers in other tools, so a security team can report against a standard.
 * Nothing when the check has no peer control.
 */
export function PeerReferences(props: { references: CheckReferences }) {
  const controls = peerControls(props.references);
  if (controls.length === 0) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      style={{ marginTop: 8, wordBreak: 'break-word' }}
    >
      Peers:{' '}
      {controls.map(({ peer, id }, index) => (
        <Fragment key={`${peer}|${id}`}>
          {index > 0 && ', '}
          {peer} <code>{id}</code>
        </Fragment>
      ))}
    </Typography>
  );
}
