import { defineResourceType } from './descriptor';

/**
 * A SageMaker image (`AWS::SageMaker::Image`): a named series of container
 * image versions that Studio users attach as custom images, with the IAM
 * role SageMaker assumes for it (`RoleArn`; CloudFormation spells it
 * `ImageRoleArn`). The versions (`ListImageVersions`) are not collected.
 */
export const image = defineResourceType({
  id: 'image',
  arnSegment: 'image',
  job: false,
  catalog: {
    abbreviation: 'image',
    label: 'SageMaker image',
    // No console link: images are listed under a domain's environment
    // settings, and no documented console fragment names one.
  },
  api: {
    list: 'ListImages',
    items: 'Images',
    summaryName: 'ImageName',
    summaryArn: 'ImageArn',
    describe: 'DescribeImage',
    describeInput: { ImageName: 'ImageName' },
    arnField: 'ImageArn',
    statusField: 'ImageStatus',
    changeFields: ['LastModifiedTime', 'ImageStatus'],
  },
  links: {
    // "The ARN of the IAM role that enables Amazon SageMaker AI to perform
    // tasks on your behalf": a role SageMaker assumes, judged by the
    // execution-role checks.
    roles: ['RoleArn'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::Image',
    nameProperty: 'ImageName',
    // The primary identifier is ImageArn: Ref returns the ARN.
  },
  simulator: {
    summary: [
      'CreationTime',
      'Description',
      'DisplayName',
      'FailureReason',
      'ImageArn',
      'ImageName',
      'ImageStatus',
      'LastModifiedTime',
    ],
  },
});
