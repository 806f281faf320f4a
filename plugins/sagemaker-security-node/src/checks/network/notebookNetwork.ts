import { NOTEBOOK_TEMPLATE } from '../../remediation/templates';
import { defineCheck, DOCS, fieldPresent, fieldValue, SEED } from '../support';

export const notebookDirectInternetAccess = defineCheck(
  {
    id: 'notebook-direct-internet-access',
    pillar: 'network',
    title: 'Notebook instance has no direct internet access',
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale:
      'With direct internet access SageMaker gives the notebook a route to the internet outside your VPC controls, so data can leave and code can arrive unchecked. AWS defaults DirectInternetAccess to Enabled when it is not set.',
    references: {
      securityHub: ['SageMaker.1'],
      configRules: ['sagemaker-notebook-no-direct-internet-access'],
      prowler: [
        'sagemaker_notebook_instance_without_direct_internet_access_configured',
      ],
      checkov: ['CKV_AWS_122'],
      powerpipe: [
        'sagemaker_notebook_instance_direct_internet_access_disabled',
      ],
      seed: { pillar: SEED.network, phases: ['experimentation', 'training'] },
    },
    remediation: {
      text: 'Recreate the notebook instance in a private subnet with DirectInternetAccess = Disabled; reach AWS services through VPC endpoints or a NAT gateway.',
      docsUrl: DOCS.notebookInternet,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  // DirectInternetAccess, not RootAccess (Prowler's bug); absent means Enabled.
  fieldValue({
    path: 'DirectInternetAccess',
    expected: 'Disabled',
    absentMeans: 'Enabled',
    label: 'direct internet access',
  }),
);

export const notebookInVpc = defineCheck(
  {
    id: 'notebook-in-vpc',
    pillar: 'network',
    title: 'Notebook instance runs in your VPC',
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale:
      'Without SubnetId the notebook runs in the SageMaker service VPC, where your security groups, endpoints and flow logs do not apply.',
    references: {
      securityHub: ['SageMaker.2'],
      configRules: ['sagemaker-notebook-instance-inside-vpc'],
      prowler: ['sagemaker_notebook_instance_vpc_settings_configured'],
      checkov: ['CKV_AWS_306'],
      powerpipe: ['sagemaker_notebook_instance_in_vpc'],
      seed: { pillar: SEED.network, phases: ['experimentation', 'training'] },
    },
    remediation: {
      text: 'Recreate the notebook instance with SubnetId and SecurityGroupIds of a private subnet.',
      docsUrl: DOCS.notebookInternet,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  fieldPresent('SubnetId', 'VPC subnet'),
);

export const notebookImdsV2 = defineCheck(
  {
    id: 'notebook-imdsv2-required',
    pillar: 'network',
    title: 'Notebook instance requires IMDSv2',
    severity: 'medium',
    resourceTypes: ['notebook-instance'],
    rationale:
      'IMDSv1 answers any request from the instance, so a server-side request forgery in notebook code can read the execution role credentials; IMDSv2 requires a session token.',
    references: {
      checkov: ['CKV_AWS_371'],
      seed: { pillar: SEED.network, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion = 2 (UpdateNotebookInstance).',
      docsUrl: DOCS.notebookImds,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  fieldValue({
    path: 'InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion',
    expected: '2',
    absentMeans: '1',
    label: 'minimum instance metadata service version',
  }),
);
