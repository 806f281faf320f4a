import { MODEL_TEMPLATE } from '../../remediation/templates';
import {
  arrayAt,
  combine,
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  fieldPresent,
  fieldValue,
  getPath,
  notApplicable,
  pass,
  SEED,
} from '../support';
import { CheckContext } from '../../types';

export const modelNetworkIsolation = defineCheck(
  {
    id: 'model-network-isolation',
    pillar: 'network',
    title: 'Model containers run with network isolation',
    severity: 'medium',
    resourceTypes: ['model'],
    rationale:
      'With network isolation the inference container cannot make outbound calls, so a compromised or malicious model cannot exfiltrate requests.',
    references: {
      securityHub: ['SageMaker.5'],
      configRules: ['sagemaker-model-isolation-enabled'],
      prowler: ['sagemaker_models_network_isolation_enabled'],
      checkov: ['CKV_AWS_370'],
      powerpipe: ['sagemaker_model_network_isolation_enabled'],
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create the model with EnableNetworkIsolation = true and update the endpoint configuration to use it.',
      docsUrl: DOCS.networkIsolation,
      template: MODEL_TEMPLATE,
    },
  },
  fieldValue({
    path: 'EnableNetworkIsolation',
    expected: true,
    absentMeans: false,
    label: 'network isolation',
  }),
);

export const modelInVpc = defineCheck(
  {
    id: 'model-in-vpc',
    pillar: 'network',
    title: 'Model is hosted in your VPC',
    severity: 'medium',
    resourceTypes: ['model'],
    rationale:
      'A VpcConfig places the hosting containers in your subnets, behind your security groups and VPC endpoints.',
    references: {
      configRules: ['sagemaker-model-in-vpc'],
      prowler: ['sagemaker_models_vpc_settings_configured'],
      powerpipe: ['sagemaker_model_in_vpc'],
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create the model with VpcConfig (private Subnets and SecurityGroupIds).',
      docsUrl: DOCS.hostVpc,
      template: MODEL_TEMPLATE,
    },
  },
  fieldPresent('VpcConfig.Subnets', 'VPC subnets'),
);

function registryMode(context: CheckContext, prefix: string) {
  const path = `${prefix}.ImageConfig.RepositoryAccessMode`;
  const mode = getPath(context.resource.description, path);
  const evidence = [fieldEvidence(context.resource, path, mode ?? null, 'Vpc')];
  return mode === 'Vpc'
    ? pass(
        `${context.resource.name}: ${prefix} pulls its image from a private registry in the VPC.`,
        evidence,
      )
    : fail(
        `${context.resource.name}: ${prefix} pulls its image in ${String(
          mode ?? 'Platform (default)',
        )} mode, not from a private registry in the VPC.`,
        evidence,
      );
}

export const modelPrivateRegistry = defineCheck(
  {
    id: 'model-primary-container-private-registry',
    pillar: 'network',
    title:
      'Model primary container image comes from a private registry in the VPC',
    severity: 'medium',
    resourceTypes: ['model'],
    rationale:
      'RepositoryAccessMode = Vpc pulls the image through your VPC from a registry you control, instead of over the platform network.',
    references: {
      securityHub: ['SageMaker.16'],
      configRules: ['sagemaker-model-private-registry-required'],
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Set PrimaryContainer.ImageConfig.RepositoryAccessMode = Vpc with a private registry reachable from the model subnets.',
      docsUrl: DOCS.privateRegistry,
      template: MODEL_TEMPLATE,
    },
  },
  context => {
    const failure = fieldFailure(context.resource, 'PrimaryContainer');
    if (failure) return failure;
    if (
      getPath(context.resource.description, 'PrimaryContainer') === undefined
    ) {
      return notApplicable(
        `${context.resource.name} has no primary container (multi-container model).`,
      );
    }
    return registryMode(context, 'PrimaryContainer');
  },
);

export const modelContainersPrivateRegistry = defineCheck(
  {
    id: 'model-containers-private-registry',
    pillar: 'network',
    title:
      'Multi-container model images come from a private registry in the VPC',
    severity: 'medium',
    resourceTypes: ['model'],
    rationale:
      'Every container of an inference pipeline should pull through your VPC.',
    references: {
      securityHub: ['SageMaker.19'],
      configRules: ['sagemaker-model-multicontainer-private-registry'],
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Set Containers[].ImageConfig.RepositoryAccessMode = Vpc for every container.',
      docsUrl: DOCS.privateRegistry,
      template: MODEL_TEMPLATE,
    },
  },
  context => {
    const failure = fieldFailure(context.resource, 'Containers');
    if (failure) return failure;
    const containers = arrayAt(context.resource.description, 'Containers');
    return combine(
      containers.map((_, index) =>
        registryMode(context, `Containers.${index}`),
      ),
      notApplicable(`${context.resource.name} is not a multi-container model.`),
    );
  },
);
