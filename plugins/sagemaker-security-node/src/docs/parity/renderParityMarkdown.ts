import { kindOf, Peer, PeerControl, PeerControlKind } from './types';

type Counts = Record<PeerControlKind, number>;

function countKinds(peer: Peer): Counts {
  const counts: Counts = { mapped: 0, notCheckable: 0, outOfScope: 0, gap: 0 };
  for (const control of peer.controls) {
    const kind = kindOf(control);
    if (kind) counts[kind] += 1;
  }
  return counts;
}

/** Markdown-safe table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function answer(control: PeerControl): string {
  if ('ours' in control) {
    return control.ours.map(id => `[\`${id}\`](checks.md#${id})`).join(', ');
  }
  if ('notCheckable' in control) {
    return `not checkable from AWS APIs: ${control.notCheckable}`;
  }
  if ('outOfScope' in control) return `out of scope: ${control.outOfScope}`;
  if ('gap' in control) return `**gap: not yet checked.** ${control.gap}`;
  return '';
}

function explained(counts: Counts): number {
  return counts.notCheckable + counts.outOfScope;
}

function renderPeer(peer: Peer): string[] {
  const counts = countKinds(peer);
  return [
    `## ${peer.name}`,
    '',
    `Source: ${peer.source}`,
    '',
    `${peer.controls.length} controls: ${counts.mapped} mapped, ${explained(
      counts,
    )} explained (${counts.notCheckable} not checkable, ${
      counts.outOfScope
    } out of scope), ${counts.gap} gaps.`,
    '',
    '| Control | What it evaluates | Our checks | Note |',
    '| --- | --- | --- | --- |',
    ...peer.controls.map(
      control =>
        `| \`${control.id}\` | ${cell(control.title)} | ${cell(
          answer(control),
        )} | ${cell(control.note ?? '')} |`,
    ),
    '',
  ];
}

/**
 * Renders the peer parity table (docs/parity.md): every SageMaker control of
 * every peer tool and standard, mapped to our checks or explained.
 *
 * @public
 */
export function renderParityMarkdown(peers: readonly Peer[]): string {
  const lines = [
    '# Parity with peer tools and standards',
    '',
    '<!-- Generated from src/docs/parity of @mlsec/plugin-sagemaker-security-node. Do not edit.',
    '     Regenerate: cd plugins/sagemaker-security-node && UPDATE_PARITY_DOC=1 yarn backstage-cli package test src/docs -->',
    '',
    'Every SageMaker control of each peer, and the checks of this plugin that answer it. A control is **mapped** (our checks), **not checkable** (AWS APIs cannot show it, and why), **out of scope** (deliberately not judged, and why) or a **gap** (checkable, not checked yet: what a new check would read). No row is left empty; a test keeps this file current and fails when a mapped check no longer exists.',
    '',
    "The check metadata the API serves (`GET /checks`) carries these ids in `references`: `securityHub`, `securityHubAiStandard`, `configRules` (AWS Config), `prowler`, `checkov`, `powerpipe`, `awsSample` and `cloudsploit`, added to the ids each check declares. Prowler's open proposals are not carried: they are not checks yet.",
    '',
    '| Peer | Key | Controls | Mapped | Explained | Gaps |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const totals: Counts = { mapped: 0, notCheckable: 0, outOfScope: 0, gap: 0 };
  let controls = 0;
  for (const peer of peers) {
    const counts = countKinds(peer);
    controls += peer.controls.length;
    for (const kind of Object.keys(totals) as PeerControlKind[]) {
      totals[kind] += counts[kind];
    }
    lines.push(
      `| [${cell(peer.name)}](#${anchor(peer.name)}) | \`${peer.key}\` | ${
        peer.controls.length
      } | ${counts.mapped} | ${explained(counts)} | ${counts.gap} |`,
    );
  }
  lines.push(
    `| All peers | | ${controls} | ${totals.mapped} | ${explained(totals)} | ${
      totals.gap
    } |`,
    '',
  );
  for (const peer of peers) lines.push(...renderPeer(peer));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The anchor GitHub gives a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}
