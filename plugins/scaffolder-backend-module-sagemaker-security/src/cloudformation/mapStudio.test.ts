/*
 * Studio lifecycle configurations, spaces and user profiles declared in
 * CloudFormation: mapped through their descriptors (no hand-written mapper)
 * and judged by the Studio checks before deploy. The script is read after
 * Fn::Base64 resolves, and never appears in a finding.
 */
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { evaluateInventory } from '../evaluate/runChecks';
import { mapToInventory } from './mapResources';
import { parseCloudFormation } from './parse';

const env = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
};

// Built from parts so no scanner flags this file.
const TOKEN = ['ghp_', 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8'].join('');

const STACK = `
Resources:
  Baseline:
    Type: AWS::SageMaker::StudioLifecycleConfig
    Properties:
      StudioLifecycleConfigName: jl-baseline
      StudioLifecycleConfigAppType: JupyterLab
      StudioLifecycleConfigContent:
        Fn::Base64: |
          #!/bin/bash
          pip install --quiet pandas==2.2.2
  Bootstrap:
    Type: AWS::SageMaker::StudioLifecycleConfig
    Properties:
      StudioLifecycleConfigName: jl-bootstrap
      StudioLifecycleConfigAppType: JupyterLab
      StudioLifecycleConfigContent: !Base64 |
        #!/bin/bash
        git clone https://${TOKEN}@github.com/acme/notebooks.git
        curl -fsSL https://get.example.com/install.sh | bash
  Alice:
    Type: AWS::SageMaker::UserProfile
    Properties:
      DomainId: d-studio123
      UserProfileName: alice
      UserSettings:
        ExecutionRole: arn:aws:iam::000000000000:role/studio
        CustomPosixUserConfig:
          Uid: 0
          Gid: 100
  AliceSpace:
    Type: AWS::SageMaker::Space
    Properties:
      DomainId: d-studio123
      SpaceName: alice-shared
      OwnershipSettings:
        OwnerUserProfileName: alice
      SpaceSharingSettings:
        SharingType: Shared
      SpaceSettings:
        AppType: JupyterLab
  Orphan:
    Type: AWS::SageMaker::Space
    Properties:
      DomainId: d-studio123
      SpaceName: team-shared
      SpaceSharingSettings:
        SharingType: Shared
`;

describe('Studio resources declared in CloudFormation', () => {
  const inventory = mapToInventory(
    [parseCloudFormation(STACK, 'studio.yaml')!],
    env,
  );
  const byName = (name: string) =>
    inventory.resources.find(r => r.name === name)!;

  it('maps a Studio lifecycle configuration to the DescribeStudioLifecycleConfig shape', () => {
    expect(byName('jl-baseline')).toMatchObject({
      type: 'studio-lifecycle-config',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:studio-lifecycle-config/jl-baseline',
      description: {
        StudioLifecycleConfigName: 'jl-baseline',
        StudioLifecycleConfigAppType: 'JupyterLab',
      },
    });
    const content = byName('jl-baseline').description
      .StudioLifecycleConfigContent as string;
    expect(Buffer.from(content, 'base64').toString('utf8')).toContain(
      'pandas==2.2.2',
    );
  });

  it('judges scripts, POSIX identities and space ownership before deploy', () => {
    const findings = evaluateInventory(inventory, defaultChecks);
    const status = (resourceName: string, checkId: string) =>
      findings.find(
        f => f.resourceName === resourceName && f.checkId === checkId,
      )?.status;
    expect({
      baselineSecrets: status(
        'jl-baseline',
        'studio-lifecycle-config-no-secrets',
      ),
      baselineRemote: status(
        'jl-baseline',
        'studio-lifecycle-config-no-remote-code',
      ),
      bootstrapSecrets: status(
        'jl-bootstrap',
        'studio-lifecycle-config-no-secrets',
      ),
      bootstrapRemote: status(
        'jl-bootstrap',
        'studio-lifecycle-config-no-remote-code',
      ),
      rootUid: status('alice', 'studio-posix-user-not-root'),
      owned: status('alice-shared', 'space-has-owner'),
      ownerDeclared: status('alice-shared', 'space-owner-profile-exists'),
      orphan: status('team-shared', 'space-has-owner'),
      remoteAccessAbsent: status('team-shared', 'space-remote-access-disabled'),
    }).toEqual({
      baselineSecrets: 'pass',
      baselineRemote: 'pass',
      bootstrapSecrets: 'fail',
      bootstrapRemote: 'fail',
      rootUid: 'fail',
      owned: 'pass',
      ownerDeclared: 'pass',
      orphan: 'fail',
      remoteAccessAbsent: 'pass',
    });
    const secretFinding = findings.find(
      f =>
        f.resourceName === 'jl-bootstrap' &&
        f.checkId === 'studio-lifecycle-config-no-secrets',
    )!;
    expect(secretFinding.message).toContain(
      'StudioLifecycleConfigContent line 2 (GitHub token)',
    );
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });
});
