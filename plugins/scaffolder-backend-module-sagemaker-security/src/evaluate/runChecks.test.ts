import { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import { mapToInventory } from '../cloudformation/mapResources';
import { parseCloudFormation } from '../cloudformation/parse';
import { evaluateInventory } from './runChecks';

const template = parseCloudFormation(
  `
Parameters:
  Internet: { Type: String }
Resources:
  Nb:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      NotebookInstanceName: nb
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::000000000000:role/nb
      DirectInternetAccess: !Ref Internet
      RootAccess: Disabled
`,
  'nb.yaml',
)!;
const inventory = mapToInventory([template], {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
});

/** A naive check that would pass on any non-empty value. */
function naiveCheck(id: string, field: string, path = field): SecurityCheck {
  return {
    id,
    pillar: 'network',
    title: `${field} is set`,
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale: 'test',
    references: { seed: { pillar: 'network', phases: ['experimentation'] } },
    remediation: { text: 'set it', docsUrl: 'https://docs.aws.amazon.com' },
    evaluate: ({ resource }) => ({
      status: resource.description[field] ? 'pass' : 'fail',
      message: `${field} is ${String(resource.description[field])}`,
      evidence: [
        {
          path: `DescribeNotebookInstance.${path}`,
          observed: path === field ? resource.description[field] : 'x',
        },
      ],
    }),
  };
}

describe('evaluateInventory', () => {
  it('turns a pass on a value known only at deploy into unknown', () => {
    const findings = evaluateInventory(inventory, [
      naiveCheck('internet-set', 'DirectInternetAccess'),
      naiveCheck('root-set', 'RootAccess'),
    ]);
    expect(findings.map(f => [f.checkId, f.status])).toEqual([
      ['internet-set', 'unknown'],
      ['root-set', 'pass'],
    ]);
    expect(findings[0]).toMatchObject({
      file: 'nb.yaml',
      logicalId: 'Nb',
      message:
        'DescribeNotebookInstance.DirectInternetAccess depends on a value known only at deploy, so the check cannot pass before deploy.',
    });
  });

  it('also catches a pass whose evidence points at an unresolved field', () => {
    // The observed value is not the marker, but the path is an unresolved field.
    const [finding] = evaluateInventory(inventory, [
      {
        ...naiveCheck(
          'by-path',
          'DirectInternetAccess',
          'DirectInternetAccess.Mode',
        ),
      },
    ]);
    expect(finding.status).toBe('unknown');
  });

  it('skips excluded checks and checks of other resource types', () => {
    const other = {
      ...naiveCheck('model-only', 'X'),
      resourceTypes: ['model' as const],
    };
    const findings = evaluateInventory(
      inventory,
      [naiveCheck('root-set', 'RootAccess'), other],
      ['root-set'],
    );
    expect(findings).toEqual([]);
  });

  it('reports checks that need live data as not applicable', () => {
    const [finding] = evaluateInventory(inventory, [
      { ...naiveCheck('live', 'RootAccess'), requiresLiveData: true },
    ]);
    expect(finding.status).toBe('not_applicable');
  });
});
