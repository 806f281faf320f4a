import { customImageDependencies } from './customImages';
import { defineResourceType } from './descriptor';

/** A SageMaker Studio domain; ARNs and the console name it by its domain ID. */
export const domain = defineResourceType({
  id: 'domain',
  arnSegment: 'domain',
  job: false,
  catalog: {
    abbreviation: 'domain',
    label: 'Studio domain',
    consolePage: 'studio/{domainId}',
    key: 'domainId',
    // The custom images (and their app image configurations) it offers
    // every user profile and shared space by default.
    dependsOn: customImageDependencies([
      'DefaultUserSettings.KernelGatewayAppSettings',
      'DefaultUserSettings.JupyterLabAppSettings',
      'DefaultUserSettings.CodeEditorAppSettings',
      'DefaultUserSettings.RSessionAppSettings',
      'DefaultSpaceSettings.KernelGatewayAppSettings',
      'DefaultSpaceSettings.JupyterLabAppSettings',
    ]),
  },
  api: {
    list: 'ListDomains',
    items: 'Domains',
    summaryName: 'DomainName',
    summaryArn: 'DomainArn',
    arnPath: ['DomainId'],
    describe: 'DescribeDomain',
    describeInput: { DomainId: 'DomainId' },
    arnField: 'DomainArn',
    statusField: 'Status',
  },
  links: {
    kmsKeys: [
      'KmsKeyId',
      'DefaultUserSettings.SharingSettings.S3KmsKeyId',
      'DefaultUserSettings.CanvasAppSettings.WorkspaceSettings.S3KmsKeyId',
    ],
    roles: [
      'DefaultUserSettings.ExecutionRole',
      'DefaultSpaceSettings.ExecutionRole',
      'DefaultUserSettings.CanvasAppSettings.GenerativeAiSettings.AmazonBedrockRoleArn',
    ],
    securityGroups: [
      'DomainSettings.SecurityGroupIds[]',
      'DefaultUserSettings.SecurityGroups[]',
      'DefaultSpaceSettings.SecurityGroups[]',
    ],
    subnets: ['SubnetIds[]'],
    s3Uris: [
      // Notebook output is shared to S3 only when sharing is `Allowed` (default `Disabled`).
      {
        path: 'DefaultUserSettings.SharingSettings.S3OutputPath',
        when: {
          path: 'DefaultUserSettings.SharingSettings.NotebookOutputOption',
          equals: 'Allowed',
        },
      },
    ],
  },
  logGroup: '/aws/sagemaker/studio',
  cloudFormation: {
    type: 'AWS::SageMaker::Domain',
    nameProperty: 'DomainName',
  },
  simulator: {
    summary: [
      'DomainId',
      'DomainArn',
      'DomainName',
      'Status',
      'CreationTime',
      'Url',
    ],
  },
});
