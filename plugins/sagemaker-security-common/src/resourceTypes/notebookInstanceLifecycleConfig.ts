import { defineResourceType } from './descriptor';

/** A notebook lifecycle configuration; its OnCreate/OnStart content is read by the secrets check. */
export const notebookInstanceLifecycleConfig = defineResourceType({
  id: 'notebook-instance-lifecycle-config',
  arnSegment: 'notebook-instance-lifecycle-config',
  job: false,
  api: {
    list: 'ListNotebookInstanceLifecycleConfigs',
    items: 'NotebookInstanceLifecycleConfigs',
    summaryName: 'NotebookInstanceLifecycleConfigName',
    summaryArn: 'NotebookInstanceLifecycleConfigArn',
    describe: 'DescribeNotebookInstanceLifecycleConfig',
    describeInput: {
      NotebookInstanceLifecycleConfigName:
        'NotebookInstanceLifecycleConfigName',
    },
    arnField: 'NotebookInstanceLifecycleConfigArn',
  },
  links: {},
  cloudFormation: {
    type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
    nameProperty: 'NotebookInstanceLifecycleConfigName',
  },
  simulator: {
    summary: [
      'NotebookInstanceLifecycleConfigName',
      'NotebookInstanceLifecycleConfigArn',
      'NotebookInstanceLifecycleConfigStatus',
      'CreationTime',
    ],
  },
});
