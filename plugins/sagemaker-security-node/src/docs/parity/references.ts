import type { CheckReferences } from '@mlsec/plugin-sagemaker-security-common';
import { awsConfig } from './awsConfig';
import { awsSample } from './awsSample';
import { checkov } from './checkov';
import { cloudsploit } from './cloudsploit';
import { powerpipe } from './powerpipe';
import { prowler } from './prowler';
import { securityHub } from './securityHub';
import { securityHubAiStandard } from './securityHubAiStandard';
import { Peer } from './types';

type PeerField = Exclude<keyof CheckReferences, 'seed'>;

/**
 * The peers whose ids the check metadata carries, and the reference field
 * each fills. Prowler's open proposals are left out: they are not checks yet.
 */
const EXPOSED: ReadonlyArray<[Peer, PeerField]> = [
  [securityHub, 'securityHub'],
  [securityHubAiStandard, 'securityHubAiStandard'],
  [awsConfig, 'configRules'],
  [prowler, 'prowler'],
  [checkov, 'checkov'],
  [powerpipe, 'powerpipe'],
  [awsSample, 'awsSample'],
  [cloudsploit, 'cloudsploit'],
];

let byCheck: Map<string, Partial<Record<PeerField, string[]>>> | undefined;

function peerIdsByCheck(): Map<string, Partial<Record<PeerField, string[]>>> {
  if (byCheck) return byCheck;
  const map = new Map<string, Partial<Record<PeerField, string[]>>>();
  for (const [peer, field] of EXPOSED) {
    for (const control of peer.controls) {
      if (!('ours' in control)) continue;
      for (const checkId of control.ours) {
        const fields = map.get(checkId) ?? {};
        fields[field] = [...(fields[field] ?? []), control.id];
        map.set(checkId, fields);
      }
    }
  }
  byCheck = map;
  return map;
}

/**
 * A check's references with the peer control ids of the parity table
 * (docs/parity.md) added to those the check declares, each list without
 * duplicates and in the declared order first.
 *
 * @public
 */
export function withPeerReferences(
  checkId: string,
  references: CheckReferences,
): CheckReferences {
  const peerIds = peerIdsByCheck().get(checkId);
  if (!peerIds) return references;
  const merged: CheckReferences = { ...references };
  for (const [field, ids] of Object.entries(peerIds) as Array<
    [PeerField, string[]]
  >) {
    merged[field] = [...new Set([...(references[field] ?? []), ...ids])];
  }
  return merged;
}
