/**
 * The estate's two Studio domains, good and bad, built through the SDK.
 */
import { CreateDomainCommand } from '@aws-sdk/client-sagemaker';
import { ACCOUNT, EstateClients } from './clients';
import { Estate, OWNED } from './inference';

/** An account outside the estate (Canvas's cross-account model registry). */
const OTHER_ACCOUNT = '444455556666';

export async function createDomains(c: EstateClients, e: Estate) {
  await c.sagemaker.send(
    new CreateDomainCommand({
      DomainName: 'studio-secure',
      AuthMode: 'IAM',
      AppNetworkAccessType: 'VpcOnly',
      VpcId: e.network.privateVpc,
      SubnetIds: [e.network.privateSubnet],
      KmsKeyId: e.keys.good,
      // Required by AWS for RStudio in a VPC-only domain.
      AppSecurityGroupManagement: 'Service',
      DomainSettings: {
        SecurityGroupIds: [e.network.lockedGroup],
        // Docker off: its rootless and trusted-account settings do not apply.
        DockerSettings: {
          EnableDockerAccess: 'DISABLED',
          RootlessDocker: 'ENABLED',
          VpcOnlyTrustedAccounts: [ACCOUNT],
        },
        ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME',
        RStudioServerProDomainSettings: {
          DomainExecutionRoleArn: e.roles.scoped,
          RStudioPackageManagerUrl: 'https://packages.ml.internal',
        },
      },
      DefaultUserSettings: {
        ExecutionRole: e.roles.scoped,
        SecurityGroups: [e.network.lockedGroup],
        SharingSettings: {
          NotebookOutputOption: 'Allowed',
          S3OutputPath: 's3://ml-secure/sharing',
          S3KmsKeyId: e.keys.good,
        },
        CanvasAppSettings: {
          WorkspaceSettings: {
            S3ArtifactPath: 's3://ml-secure/canvas',
            S3KmsKeyId: e.keys.good,
          },
          ModelRegisterSettings: {
            Status: 'ENABLED',
            CrossAccountModelRegisterRoleArn: e.roles.scoped,
          },
        },
        RStudioServerProAppSettings: {
          AccessStatus: 'ENABLED',
          UserGroup: 'R_STUDIO_USER',
        },
        CustomPosixUserConfig: { Uid: 1000, Gid: 100 },
      },
      // Sent, but moto drops it (MOTO_GAPS.tagPropagation).
      TagPropagation: 'ENABLED',
      Tags: OWNED,
    }),
  );
  // Created without tags: moto then answers ListTags on it with HTTP 500.
  await c.sagemaker.send(
    new CreateDomainCommand({
      DomainName: 'studio-open',
      AuthMode: 'IAM',
      AppNetworkAccessType: 'PublicInternetOnly',
      VpcId: e.network.publicVpc,
      SubnetIds: [e.network.publicSubnet],
      DomainSettings: {
        SecurityGroupIds: [e.network.openGroup],
        // RootlessDocker left to its default (DISABLED).
        DockerSettings: { EnableDockerAccess: 'ENABLED' },
        ExecutionRoleIdentityConfig: 'DISABLED',
        RStudioServerProDomainSettings: {
          DomainExecutionRoleArn: e.roles.wildcard,
          RStudioPackageManagerUrl: 'http://packages.ml.internal',
        },
      },
      DefaultUserSettings: {
        ExecutionRole: e.roles.wildcard,
        SharingSettings: {
          NotebookOutputOption: 'Allowed',
          S3OutputPath: 's3://ml-plain/sharing',
        },
        // No workspace key; models registered in another account.
        CanvasAppSettings: {
          ModelRegisterSettings: {
            CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/canvas-registry`,
          },
        },
        RStudioServerProAppSettings: { UserGroup: 'R_STUDIO_ADMIN' },
        // Apps as root.
        CustomPosixUserConfig: { Uid: 0, Gid: 0 },
      },
      // Shared spaces in the root group.
      DefaultSpaceSettings: {
        ExecutionRole: e.roles.wildcard,
        CustomPosixUserConfig: { Uid: 1000, Gid: 0 },
      },
    }),
  );
}
