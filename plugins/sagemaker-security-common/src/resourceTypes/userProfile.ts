import { customImageDependencies } from './customImages';
import { defineResourceType } from './descriptor';

/** A Studio user profile, named within its domain. */
export const userProfile = defineResourceType({
  id: 'user-profile',
  arnSegment: 'user-profile',
  job: false,
  catalog: {
    abbreviation: 'user-profile',
    label: 'Studio user profile',
    // The console has no stable per-profile page; the domain page lists them.
    consolePage: 'studio/{domainId}',
    // Its domain (by the ID in its description or else in its ARN), and the
    // custom images of its own app settings.
    dependsOn: [
      { on: 'domain', paths: ['DomainId'], value: 'domainId' },
      ...customImageDependencies([
        'UserSettings.KernelGatewayAppSettings',
        'UserSettings.JupyterLabAppSettings',
        'UserSettings.CodeEditorAppSettings',
        'UserSettings.RSessionAppSettings',
      ]),
    ],
  },
  api: {
    list: 'ListUserProfiles',
    items: 'UserProfiles',
    summaryName: 'UserProfileName',
    arnPath: ['DomainId', 'UserProfileName'],
    describe: 'DescribeUserProfile',
    describeInput: { DomainId: 'DomainId', UserProfileName: 'UserProfileName' },
    arnField: 'UserProfileArn',
    statusField: 'Status',
  },
  links: {
    // A profile's own settings; what it leaves out it inherits from the
    // domain's DefaultUserSettings, judged on the domain.
    kmsKeys: [
      'UserSettings.SharingSettings.S3KmsKeyId',
      'UserSettings.CanvasAppSettings.WorkspaceSettings.S3KmsKeyId',
    ],
    // Canvas passes the Bedrock role to Amazon Bedrock for fine-tuning: a
    // role the profile's users act through, judged like an execution role.
    // The cross-account model register role is not linked: it lives in the
    // registry's account, where the scan cannot read it
    // (domain-canvas-model-register-same-account judges it).
    roles: [
      'UserSettings.ExecutionRole',
      'UserSettings.CanvasAppSettings.GenerativeAiSettings.AmazonBedrockRoleArn',
    ],
    securityGroups: ['UserSettings.SecurityGroups[]'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::UserProfile',
    nameProperty: 'UserProfileName',
  },
  simulator: {
    summary: ['DomainId', 'UserProfileName', 'Status', 'CreationTime'],
  },
});
