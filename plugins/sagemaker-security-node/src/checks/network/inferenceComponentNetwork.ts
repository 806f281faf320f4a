import {
  CheckOutcome,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  combine,
  ComponentSpecification,
  componentEndpointConfig,
  Joined,
  componentSpecifications,
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  joinResource,
  pass,
  SEED,
  specificationRunner,
  unknown,
} from '../support';

/**
 * A hosting setting that the component's endpoint configuration sets for
 * every container on the endpoint, or its model sets for its own containers.
 */
interface HostingSetting {
  label: string;
  path: string;
  expected: unknown;
  holds: (value: unknown) => boolean;
}

const ISOLATION: HostingSetting = {
  label: 'network isolation',
  path: 'EnableNetworkIsolation',
  expected: true,
  holds: value => value === true,
};

const VPC: HostingSetting = {
  label: 'a VPC',
  path: 'VpcConfig.Subnets',
  expected: 'VPC subnets',
  holds: value =>
    Array.isArray(value) &&
    value.some(item => typeof item === 'string' && item.length > 0),
};

function evidenceOf(resource: SageMakerResource, setting: HostingSetting) {
  return fieldEvidence(
    resource,
    setting.path,
    getPath(resource.description, setting.path) ?? null,
    setting.expected,
  );
}

/** The models a specification runs: its own, or its base component's. */
function modelsOf(
  context: CheckContext,
  item: ComponentSpecification,
): { names: string[]; outcome?: CheckOutcome; ownContainer?: boolean } {
  const runner = specificationRunner(item.spec);
  if (runner.kind === 'namedModel') return { names: [runner.modelName] };
  if (runner.kind === 'container') return { names: [], ownContainer: true };
  if (runner.kind === 'base') {
    // An adapter runs inside its base component's container.
    const base = joinResource(
      context,
      'inference-component',
      runner.baseName,
      'sagemaker:DescribeInferenceComponent',
      'Base inference component',
    );
    if (!base.resource) return { names: [], outcome: base.outcome };
    const names: string[] = [];
    let ownContainer = false;
    for (const baseSpec of componentSpecifications(base.resource)) {
      const baseRunner = specificationRunner(baseSpec.spec);
      if (baseRunner.kind === 'namedModel') names.push(baseRunner.modelName);
      if (baseRunner.kind === 'container') ownContainer = true;
    }
    return { names, ownContainer };
  }
  return {
    names: [],
    outcome: unknown(
      `${context.resource.name}: ${item.path} names no model, container or base component.`,
      ['sagemaker:DescribeInferenceComponent'],
    ),
  };
}

/**
 * The component's containers have the setting when its endpoint
 * configuration sets it (for every container on the endpoint) or, for
 * containers of a SageMaker model, the model sets it.
 */
function judgeHosting(
  context: CheckContext,
  setting: HostingSetting,
): CheckOutcome {
  const { resource } = context;
  const failure =
    fieldFailure(resource, 'Specification') ??
    fieldFailure(resource, 'Specifications');
  if (failure) return failure;
  const specs = componentSpecifications(resource);
  if (specs.length === 0) {
    return unknown(`${resource.name}: Specification is absent.`, [
      'sagemaker:DescribeInferenceComponent',
    ]);
  }
  // Models first: when every container runs on a model with the setting,
  // the verdict needs nothing of the endpoint (a scan that could not read it
  // still knows).
  const byModels = judgeSpecs(context, specs, setting);
  if (byModels.status === 'pass') {
    return byModels;
  }
  const config = componentEndpointConfig(context);
  if (
    config.resource &&
    setting.holds(getPath(config.resource.description, setting.path))
  ) {
    return pass(
      `${resource.name}: endpoint configuration ${config.resource.name} sets ${setting.label} for every container on the endpoint.`,
      [evidenceOf(config.resource, setting)],
    );
  }
  return judgeSpecs(context, specs, setting, config);
}

/**
 * Each specification's containers against the setting; without `config`
 * (not read yet), a container that needs the configuration is unknown.
 */
function judgeSpecs(
  context: CheckContext,
  specs: ComponentSpecification[],
  setting: HostingSetting,
  config?: Joined,
): CheckOutcome {
  const { resource } = context;
  // The configuration does not set it (or could not be read): each model must.
  const withoutConfig = (
    message: string,
    evidence = [] as ReturnType<typeof evidenceOf>[],
  ): CheckOutcome => {
    if (config?.resource) {
      return fail(message, [...evidence, evidenceOf(config.resource, setting)]);
    }
    return (
      config?.outcome ?? unknown(message, ['sagemaker:DescribeEndpointConfig'])
    );
  };
  const outcomes: CheckOutcome[] = specs.map(item => {
    const { names, outcome, ownContainer } = modelsOf(context, item);
    if (outcome) return outcome;
    const judged: CheckOutcome[] = names.map(name => {
      const model = joinResource(
        context,
        'model',
        name,
        'sagemaker:DescribeModel',
        'Model',
      );
      if (!model.resource) return model.outcome;
      const evidence = evidenceOf(model.resource, setting);
      if (setting.holds(getPath(model.resource.description, setting.path))) {
        return pass(
          `${resource.name}: model ${name} runs with ${setting.label}.`,
          [evidence],
        );
      }
      return withoutConfig(
        `${resource.name}: neither model ${name} nor the endpoint configuration sets ${setting.label}.`,
        [evidence],
      );
    });
    if (ownContainer) {
      judged.push(
        withoutConfig(
          `${resource.name}: ${item.path} runs its own container and the endpoint configuration does not set ${setting.label}.`,
        ),
      );
    }
    return combine(
      judged,
      unknown(`${resource.name}: ${item.path} resolves to no model.`, [
        'sagemaker:DescribeInferenceComponent',
      ]),
    );
  });
  return combine(outcomes, outcomes[0]);
}

export const inferenceComponentNetworkIsolation = defineCheck(
  {
    id: 'inference-component-network-isolation',
    pillar: 'network',
    title: 'Inference component containers run with network isolation',
    severity: 'medium',
    resourceTypes: ['inference-component'],
    rationale:
      'An inference component runs a model on a shared endpoint, so the endpoint-level model checks do not see it. Its containers are isolated when the endpoint configuration sets EnableNetworkIsolation (every container on the endpoint) or its model does; otherwise a compromised model can make outbound calls and exfiltrate requests.',
    references: {
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Set EnableNetworkIsolation = true on the endpoint configuration (new configuration, then UpdateEndpoint), or deploy the component from a model created with EnableNetworkIsolation = true.',
      docsUrl: DOCS.networkIsolation,
    },
  },
  context => judgeHosting(context, ISOLATION),
);

export const inferenceComponentInVpc = defineCheck(
  {
    id: 'inference-component-in-vpc',
    pillar: 'network',
    title: 'Inference component is hosted in your VPC',
    severity: 'medium',
    resourceTypes: ['inference-component'],
    rationale:
      "An inference component's containers reach your network through the endpoint configuration's VpcConfig (every container on the endpoint) or its model's; without either they run on the platform network, outside your security groups and VPC endpoints.",
    references: {
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create the endpoint configuration (or the model) with VpcConfig (private Subnets and SecurityGroupIds) and move the endpoint to it.',
      docsUrl: DOCS.hostVpc,
    },
  },
  context => judgeHosting(context, VPC),
);
