import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultChecks } from '../../checks';
import {
  kindOf,
  PEERS,
  Peer,
  PeerControl,
  peerReferencesByCheck,
  renderParityMarkdown,
} from '.';
import { withPeerReferences } from './references';
import { AI_STANDARD_CONTROL_IDS } from './securityHubAiStandard';

const REGENERATE =
  'docs/parity.md is out of date. Regenerate it with: cd plugins/sagemaker-security-node && UPDATE_PARITY_DOC=1 yarn backstage-cli package test src/docs';
const DOC_PATH = path.resolve(__dirname, '../../../../../docs/parity.md');

/** How many SageMaker controls each peer has, per the reference survey. */
const REFERENCE_SIZES: Record<string, number> = {
  securityHub: 25,
  securityHubAiStandard: 23,
  prowler: 17,
  prowlerProposed: 7,
  checkov: 13,
  awsSample: 25,
  powerpipe: 14,
  awsConfig: 33,
  cloudsploit: 4,
};

const peer = (key: string): Peer => PEERS.find(item => item.key === key)!;

/** Why a row is not a complete answer, or undefined when it is one. */
function emptiness(control: PeerControl): string | undefined {
  const answers = ['ours', 'notCheckable', 'outOfScope', 'gap'].filter(
    key => key in control,
  );
  if (answers.length !== 1) return `has ${answers.length} answers`;
  if ('ours' in control) {
    return control.ours.length > 0 ? undefined : 'maps to no check';
  }
  const reason = Object.entries(control).find(([key]) =>
    ['notCheckable', 'outOfScope', 'gap'].includes(key),
  )?.[1];
  return typeof reason === 'string' && reason.trim().length > 20
    ? undefined
    : 'gives no reason';
}

describe('peer parity table', () => {
  it('has no empty row: every peer control is mapped or explained', () => {
    const empty = PEERS.flatMap(item =>
      item.controls.flatMap(control => {
        const problem = emptiness(control);
        return problem ? [`${item.key} ${control.id}: ${problem}`] : [];
      }),
    );
    expect(empty).toEqual([]);
    for (const item of PEERS) {
      for (const control of item.controls) {
        expect(kindOf(control)).toBeDefined();
        expect(control.title.trim()).not.toBe('');
      }
    }
  });

  it('maps only to checks of the catalogue', () => {
    const ids = new Set(defaultChecks.map(check => check.id));
    const unknown = PEERS.flatMap(item =>
      item.controls.flatMap(control =>
        'ours' in control
          ? control.ours
              .filter(id => !ids.has(id))
              .map(id => `${item.key} ${control.id} → ${id}`)
          : [],
      ),
    );
    expect(unknown).toEqual([]);
  });

  it.each(Object.entries(REFERENCE_SIZES))(
    'lists every control of %s (%i)',
    (key, size) => {
      const controls = peer(key)?.controls ?? [];
      expect(controls).toHaveLength(size);
      expect(new Set(controls.map(control => control.id)).size).toBe(size);
    },
  );

  it('covers every peer with a reference size', () => {
    expect(PEERS.map(item => item.key).sort()).toEqual(
      Object.keys(REFERENCE_SIZES).sort(),
    );
  });

  it('lists Security Hub SageMaker.1–25 in order, and the AI standard without .6 and .7', () => {
    expect(peer('securityHub').controls.map(control => control.id)).toEqual(
      Array.from({ length: 25 }, (_, index) => `SageMaker.${index + 1}`),
    );
    expect(
      peer('securityHubAiStandard').controls.map(control => control.id),
    ).toEqual([...AI_STANDARD_CONTROL_IDS]);
    expect(AI_STANDARD_CONTROL_IDS).not.toContain('SageMaker.6');
    expect(AI_STANDARD_CONTROL_IDS).not.toContain('SageMaker.7');
  });

  it('agrees with the Security Hub ids the check definitions declare', () => {
    const declared = defaultChecks.flatMap(check =>
      (check.references.securityHub ?? [])
        .filter(control => control.startsWith('SageMaker.'))
        .map(control => `${control} ${check.id}`),
    );
    const mapped = peer('securityHub').controls.flatMap(control =>
      'ours' in control ? control.ours.map(id => `${control.id} ${id}`) : [],
    );
    expect(declared.filter(pair => !mapped.includes(pair))).toEqual([]);
  });

  it('derives the peer ids of each check from the table', () => {
    const byCheck = peerReferencesByCheck();
    expect(byCheck.get('notebook-direct-internet-access')).toMatchObject({
      securityHub: ['SageMaker.1'],
      securityHubAiStandard: ['SageMaker.1'],
      cloudsploit: ['notebookDirectInternetAccess'],
      awsSample: ['SM-01'],
    });
    expect(byCheck.get('kms-keys-customer-managed')?.securityHub).toEqual([
      'SageMaker.21',
      'SageMaker.23',
      'SageMaker.24',
    ]);
    const mappedIds = new Set(
      PEERS.flatMap(item =>
        item.controls.flatMap(control =>
          'ours' in control ? control.ours : [],
        ),
      ),
    );
    expect([...byCheck.keys()].sort()).toEqual([...mappedIds].sort());
  });
});

describe('withPeerReferences', () => {
  it('adds the ids of the exposed peers, not those of Prowler proposals', () => {
    const check = defaultChecks.find(item => item.id === 'domain-vpc-only')!;
    const references = withPeerReferences(check.id, check.references);
    expect(references.configRules).toEqual(['sagemaker-domain-in-vpc']);
    expect(references.awsSample).toEqual(['SM-01']);
    expect(references.prowler ?? []).not.toContain(
      'sagemaker_domain_vpc_only_enabled',
    );
    expect(references.seed).toEqual(check.references.seed);
  });
});

describe('docs/parity.md', () => {
  it('is up to date with the parity data (UPDATE_PARITY_DOC=1 regenerates it)', async () => {
    const rendered = renderParityMarkdown(PEERS);
    if (process.env.UPDATE_PARITY_DOC === '1') {
      await fs.writeFile(DOC_PATH, rendered, 'utf8');
    }
    const current = await fs.readFile(DOC_PATH, 'utf8').catch(() => '');
    expect(current === rendered ? 'up to date' : REGENERATE).toBe('up to date');
  });

  it('shows every control, its answer and the counts per peer', () => {
    const rendered = renderParityMarkdown(PEERS);
    for (const item of PEERS) {
      expect(rendered).toContain(`## ${item.name}`);
      for (const control of item.controls) {
        expect(rendered).toContain(`| \`${control.id}\` |`);
      }
    }
    expect(rendered).toContain(
      '| `SageMaker.1` | Notebook instances should not have direct internet access | [`notebook-direct-internet-access`](checks.md#notebook-direct-internet-access) |',
    );
    expect(rendered).toContain(
      '25 controls: 25 mapped, 0 explained (0 not checkable, 0 out of scope), 0 gaps.',
    );
  });

  // Every peer control is answered now (the last gaps, the AWS sample's SM-04
  // and Prowler #12606, are mapped): a gap row is shown with a peer of its own.
  it('shows a gap row as such, with what a new check would read', () => {
    const withGap: Peer = {
      key: 'example',
      name: 'Example peer',
      source: 'test',
      controls: [
        { id: 'EX-1', title: 'Checked', ours: ['notebook-in-vpc'] },
        { id: 'EX-2', title: 'Not yet', gap: 'Would read DescribeX.Y.' },
      ],
    };
    const rendered = renderParityMarkdown([withGap]);
    expect(rendered).toContain(
      '| `EX-2` | Not yet | **gap: not yet checked.** Would read DescribeX.Y. |',
    );
    expect(rendered).toContain(
      '2 controls: 1 mapped, 0 explained (0 not checkable, 0 out of scope), 1 gaps.',
    );
  });
});
