import { defineResourceType } from './descriptor';

/** A notebook instance (`AWS::SageMaker::NotebookInstance`). */
export const notebookInstance = defineResourceType({
  id: 'notebook-instance',
  arnSegment: 'notebook-instance',
  job: false,
  catalog: {
    abbreviation: 'notebook',
    label: 'notebook instance',
    consolePage: 'notebook-instances/{name}',
  },
  api: {
    list: 'ListNotebookInstances',
    items: 'NotebookInstances',
    summaryName: 'NotebookInstanceName',
    summaryArn: 'NotebookInstanceArn',
    describe: 'DescribeNotebookInstance',
    describeInput: { NotebookInstanceName: 'NotebookInstanceName' },
    arnField: 'NotebookInstanceArn',
    // Tags through the Resource Groups Tagging API (see taggingApi).
    taggingApi: true,
    statusField: 'NotebookInstanceStatus',
    // UpdateNotebookInstance, start and stop move these.
    changeFields: ['LastModifiedTime', 'NotebookInstanceStatus'],
  },
  links: {
    kmsKeys: ['KmsKeyId'],
    roles: ['RoleArn'],
    securityGroups: ['SecurityGroups[]'],
    subnets: ['SubnetId'],
  },
  logGroup: '/aws/sagemaker/NotebookInstances',
  cloudFormation: {
    type: 'AWS::SageMaker::NotebookInstance',
    nameProperty: 'NotebookInstanceName',
  },
  simulator: {
    summary: [
      'NotebookInstanceName',
      'NotebookInstanceArn',
      'NotebookInstanceStatus',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
