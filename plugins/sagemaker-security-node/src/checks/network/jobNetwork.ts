import {
  defineCheck,
  DOCS,
  expectPresent,
  expectValue,
  fieldPresent,
  fieldValue,
  judgeTuningDefinitions,
  SEED,
} from '../support';

const ISOLATION_TEXT =
  'Set EnableNetworkIsolation = true in the job request (SDK: enable_network_isolation=True) for the next run; the container then has no outbound network access.';
const VPC_TEXT =
  'Set a VpcConfig (private Subnets and SecurityGroupIds) in the job request (SDK: subnets=, security_group_ids=) for the next run.';

export const trainingJobNetworkIsolation = defineCheck(
  {
    id: 'training-job-network-isolation',
    pillar: 'network',
    title: 'Training job runs with network isolation',
    severity: 'high',
    resourceTypes: ['training-job'],
    rationale:
      'Training code and third-party algorithms see the full training data; isolation stops them from sending it anywhere.',
    references: {
      prowler: ['sagemaker_training_jobs_network_isolation_enabled'],
      powerpipe: ['sagemaker_training_job_network_isolation_enabled'],
      seed: { pillar: SEED.network, phases: ['training'] },
    },
    remediation: { text: ISOLATION_TEXT, docsUrl: DOCS.networkIsolation },
  },
  fieldValue({
    path: 'EnableNetworkIsolation',
    expected: true,
    absentMeans: false,
    label: 'network isolation',
  }),
);

export const trainingJobInVpc = defineCheck(
  {
    id: 'training-job-in-vpc',
    pillar: 'network',
    title: 'Training job runs in your VPC',
    severity: 'high',
    resourceTypes: ['training-job'],
    rationale:
      'In your VPC, training traffic to S3 and ECR goes through your endpoints and security groups instead of the public internet.',
    references: {
      prowler: ['sagemaker_training_jobs_vpc_settings_configured'],
      powerpipe: ['sagemaker_training_job_in_vpc'],
      seed: { pillar: SEED.network, phases: ['training'] },
    },
    remediation: { text: VPC_TEXT, docsUrl: DOCS.trainVpc },
  },
  fieldPresent('VpcConfig.Subnets', 'VPC subnets'),
);

export const processingJobNetworkIsolation = defineCheck(
  {
    id: 'processing-job-network-isolation',
    pillar: 'network',
    title: 'Processing job runs with network isolation',
    severity: 'medium',
    resourceTypes: ['processing-job'],
    rationale:
      'Processing containers read raw data; isolation stops them from sending it out.',
    references: {
      seed: { pillar: SEED.network, phases: ['data-preparation'] },
    },
    remediation: { text: ISOLATION_TEXT, docsUrl: DOCS.networkIsolation },
  },
  fieldValue({
    path: 'NetworkConfig.EnableNetworkIsolation',
    expected: true,
    absentMeans: false,
    label: 'network isolation',
  }),
);

export const processingJobInVpc = defineCheck(
  {
    id: 'processing-job-in-vpc',
    pillar: 'network',
    title: 'Processing job runs in your VPC',
    severity: 'medium',
    resourceTypes: ['processing-job'],
    rationale:
      'In your VPC, processing traffic stays on private paths you control.',
    references: {
      seed: { pillar: SEED.network, phases: ['data-preparation'] },
    },
    remediation: { text: VPC_TEXT, docsUrl: DOCS.processVpc },
  },
  fieldPresent('NetworkConfig.VpcConfig.Subnets', 'VPC subnets'),
);

export const tuningJobNetworkIsolation = defineCheck(
  {
    id: 'hpo-job-network-isolation',
    pillar: 'network',
    title: 'Hyperparameter tuning job runs training with network isolation',
    severity: 'medium',
    resourceTypes: ['hyperparameter-tuning-job'],
    rationale:
      'Every training job the tuner launches inherits the training definition.',
    references: { seed: { pillar: SEED.network, phases: ['training'] } },
    remediation: { text: ISOLATION_TEXT, docsUrl: DOCS.networkIsolation },
  },
  context =>
    judgeTuningDefinitions(context, prefix =>
      expectValue(context, {
        path: `${prefix}.EnableNetworkIsolation`,
        expected: true,
        absentMeans: false,
        label: 'network isolation',
      }),
    ),
);

export const tuningJobInVpc = defineCheck(
  {
    id: 'hpo-job-in-vpc',
    pillar: 'network',
    title: 'Hyperparameter tuning job runs training in your VPC',
    severity: 'medium',
    resourceTypes: ['hyperparameter-tuning-job'],
    rationale:
      'Every training job the tuner launches inherits the training definition.',
    references: { seed: { pillar: SEED.network, phases: ['training'] } },
    remediation: { text: VPC_TEXT, docsUrl: DOCS.trainVpc },
  },
  context =>
    judgeTuningDefinitions(context, prefix =>
      expectPresent(context, `${prefix}.VpcConfig.Subnets`, 'VPC subnets'),
    ),
);

export const automlJobInVpc = defineCheck(
  {
    id: 'automl-job-in-vpc',
    pillar: 'network',
    title: 'AutoML job runs in your VPC',
    severity: 'medium',
    resourceTypes: ['automl-job'],
    rationale:
      'An AutoML (Autopilot) job launches training and processing jobs with its SecurityConfig.VpcConfig; without one, all of them reach S3 and ECR over the public internet instead of your endpoints and security groups.',
    references: { seed: { pillar: SEED.network, phases: ['training'] } },
    remediation: {
      text: 'Jobs are immutable: set SecurityConfig.VpcConfig (private Subnets and SecurityGroupIds) in the CreateAutoMLJobV2 request for the next run.',
      docsUrl: DOCS.autopilotJob,
    },
  },
  fieldPresent('SecurityConfig.VpcConfig.Subnets', 'VPC subnets'),
);

export const compilationJobInVpc = defineCheck(
  {
    id: 'compilation-job-in-vpc',
    pillar: 'network',
    title: 'Compilation (Neo) job runs in your VPC',
    severity: 'low',
    resourceTypes: ['compilation-job'],
    rationale:
      'With a VpcConfig, the compilation job reads the model from S3 and writes the compiled model through your VPC endpoints and security groups instead of the public internet.',
    references: { seed: { pillar: SEED.network, phases: ['deployment'] } },
    remediation: {
      text: 'Jobs are immutable: set VpcConfig (private Subnets and SecurityGroupIds) in the CreateCompilationJob request for the next compilation.',
      docsUrl: DOCS.neoVpc,
    },
  },
  fieldPresent('VpcConfig.Subnets', 'VPC subnets'),
);
