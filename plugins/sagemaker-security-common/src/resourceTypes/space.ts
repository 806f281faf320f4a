import { defineResourceType } from './descriptor';

/** A Studio space, named within its domain. */
export const space = defineResourceType({
  id: 'space',
  arnSegment: 'space',
  job: false,
  api: {
    list: 'ListSpaces',
    items: 'Spaces',
    summaryName: 'SpaceName',
    arnPath: ['DomainId', 'SpaceName'],
    describe: 'DescribeSpace',
    describeInput: { DomainId: 'DomainId', SpaceName: 'SpaceName' },
    arnField: 'SpaceArn',
    statusField: 'Status',
  },
  links: {},
  cloudFormation: { type: 'AWS::SageMaker::Space', nameProperty: 'SpaceName' },
  simulator: {
    summary: ['DomainId', 'SpaceName', 'Status', 'CreationTime'],
  },
});
