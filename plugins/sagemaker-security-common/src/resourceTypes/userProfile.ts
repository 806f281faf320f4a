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
    // Its domain, by the ID in its description or else in its ARN.
    dependsOn: [{ on: 'domain', paths: ['DomainId'], value: 'domainId' }],
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
    roles: ['UserSettings.ExecutionRole'],
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
