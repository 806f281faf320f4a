import {
  DescribeDomainCommand,
  DescribeSpaceCommand,
  DescribeUserProfileCommand,
  paginateListDomains,
  paginateListSpaces,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import { sagemakerSpec } from './spec';

export const studioSpecs = [
  sagemakerSpec({
    type: 'domain',
    list: 'ListDomains',
    paginate: paginateListDomains,
    items: 'Domains',
    name: 'DomainName',
    summaryArn: 'DomainArn',
    arnResource: s => `domain/${s.DomainId}`,
    describe: 'DescribeDomain',
    describeCommand: s => new DescribeDomainCommand({ DomainId: s.DomainId }),
    arnField: 'DomainArn',
    statusField: 'Status',
  }),
  sagemakerSpec({
    type: 'user-profile',
    list: 'ListUserProfiles',
    paginate: paginateListUserProfiles,
    items: 'UserProfiles',
    name: 'UserProfileName',
    arnResource: s => `user-profile/${s.DomainId}/${s.UserProfileName}`,
    describe: 'DescribeUserProfile',
    describeCommand: s =>
      new DescribeUserProfileCommand({
        DomainId: s.DomainId,
        UserProfileName: s.UserProfileName,
      }),
    arnField: 'UserProfileArn',
    statusField: 'Status',
  }),
  sagemakerSpec({
    type: 'space',
    list: 'ListSpaces',
    paginate: paginateListSpaces,
    items: 'Spaces',
    name: 'SpaceName',
    arnResource: s => `space/${s.DomainId}/${s.SpaceName}`,
    describe: 'DescribeSpace',
    describeCommand: s =>
      new DescribeSpaceCommand({
        DomainId: s.DomainId,
        SpaceName: s.SpaceName,
      }),
    arnField: 'SpaceArn',
    statusField: 'Status',
  }),
];
