import { awsConfig } from './awsConfig';
import { awsSample } from './awsSample';
import { checkov } from './checkov';
import { cloudsploit } from './cloudsploit';
import { powerpipe } from './powerpipe';
import { prowler, prowlerProposed } from './prowler';
import { securityHub } from './securityHub';
import { securityHubAiStandard } from './securityHubAiStandard';
import { Peer } from './types';

export type { Peer, PeerControl, PeerControlKind } from './types';
export { kindOf } from './types';
export { renderParityMarkdown } from './renderParityMarkdown';

/** Every peer tool and standard, in the order docs/parity.md shows them. */
export const PEERS: readonly Peer[] = [
  securityHub,
  securityHubAiStandard,
  prowler,
  prowlerProposed,
  checkov,
  awsSample,
  powerpipe,
  awsConfig,
  cloudsploit,
];

/**
 * The peer control ids each check answers, by peer key (e.g.
 * `{ securityHub: ['SageMaker.21'], cloudsploit: ['notebookCmkEncrypted'] }`),
 * derived from the parity table so the check definitions stay untouched.
 */
export function peerReferencesByCheck(
  peers: readonly Peer[] = PEERS,
): Map<string, Record<string, string[]>> {
  const byCheck = new Map<string, Record<string, string[]>>();
  for (const peer of peers) {
    for (const control of peer.controls) {
      if (!('ours' in control)) continue;
      for (const checkId of control.ours) {
        const references = byCheck.get(checkId) ?? {};
        const ids = references[peer.key] ?? [];
        if (!ids.includes(control.id)) ids.push(control.id);
        references[peer.key] = ids;
        byCheck.set(checkId, references);
      }
    }
  }
  return byCheck;
}
