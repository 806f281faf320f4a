import { Peer } from './types';

/** CloudSploit's SageMaker plugins. */
export const cloudsploit: Peer = {
  key: 'cloudsploit',
  name: 'CloudSploit (4 SageMaker plugins)',
  source: 'github.com/aquasecurity/cloudsploit `plugins/aws/sagemaker/`',
  controls: [
    {
      id: 'notebookCmkEncrypted',
      title: 'Notebook instance is encrypted with a customer managed key',
      ours: ['notebook-volume-kms-key', 'kms-keys-customer-managed'],
    },
    {
      id: 'notebookDataEncrypted',
      title: 'Notebook instance data is encrypted with a KMS key',
      ours: ['notebook-volume-kms-key'],
      note: 'CloudSploit reads KmsKeyId from ListNotebookInstances, which never returns it (every notebook fails); ours reads DescribeNotebookInstance.',
    },
    {
      id: 'notebookDirectInternetAccess',
      title: 'Notebook instance has no direct internet access',
      ours: ['notebook-direct-internet-access'],
      note: 'CloudSploit reads DirectInternetAccess from ListNotebookInstances, which never returns it (every notebook passes); ours reads DescribeNotebookInstance.',
    },
    {
      id: 'notebookInstanceInVpc',
      title: 'Notebook instance runs in a VPC',
      ours: ['notebook-in-vpc'],
      note: 'CloudSploit failed every notebook while it read a list-only field (#1621); ours reads DescribeNotebookInstance.SubnetId.',
    },
  ],
};
