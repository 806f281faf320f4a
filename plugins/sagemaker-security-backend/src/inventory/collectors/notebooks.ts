import {
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  paginateListNotebookInstanceLifecycleConfigs,
  paginateListNotebookInstances,
} from '@aws-sdk/client-sagemaker';
import { sagemakerSpec } from './spec';

export const notebookSpecs = [
  sagemakerSpec({
    type: 'notebook-instance',
    list: 'ListNotebookInstances',
    paginate: paginateListNotebookInstances,
    items: 'NotebookInstances',
    name: 'NotebookInstanceName',
    summaryArn: 'NotebookInstanceArn',
    describe: 'DescribeNotebookInstance',
    describeCommand: s =>
      new DescribeNotebookInstanceCommand({
        NotebookInstanceName: s.NotebookInstanceName,
      }),
    arnField: 'NotebookInstanceArn',
    statusField: 'NotebookInstanceStatus',
    // UpdateNotebookInstance, start and stop move these.
    changeFields: ['LastModifiedTime', 'NotebookInstanceStatus'],
  }),
  // OnCreate/OnStart content is read by the secrets check.
  sagemakerSpec({
    type: 'notebook-instance-lifecycle-config',
    list: 'ListNotebookInstanceLifecycleConfigs',
    paginate: paginateListNotebookInstanceLifecycleConfigs,
    items: 'NotebookInstanceLifecycleConfigs',
    name: 'NotebookInstanceLifecycleConfigName',
    summaryArn: 'NotebookInstanceLifecycleConfigArn',
    describe: 'DescribeNotebookInstanceLifecycleConfig',
    describeCommand: s =>
      new DescribeNotebookInstanceLifecycleConfigCommand({
        NotebookInstanceLifecycleConfigName:
          s.NotebookInstanceLifecycleConfigName,
      }),
    arnField: 'NotebookInstanceLifecycleConfigArn',
  }),
];
