import { ENDPOINT_CONFIG_TEMPLATE } from '../../remediation/templates';
import {
  arrayAt,
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  notApplicable,
  pass,
  SEED,
  unknown,
} from '../support';

export const endpointConfigMultipleInstances = defineCheck(
  {
    id: 'endpoint-config-multiple-instances',
    pillar: 'resilience',
    title:
      'Instance-based production variants start with more than one instance',
    severity: 'medium',
    resourceTypes: ['endpoint-config'],
    rationale:
      'With two or more instances SageMaker spreads a variant over Availability Zones, so one instance or zone failure does not take the model offline. Serverless variants have no instance count and are out of scope.',
    references: {
      securityHub: ['SageMaker.4'],
      configRules: ['sagemaker-endpoint-config-prod-instance-count'],
      prowler: ['sagemaker_endpoint_config_prod_variant_instances'],
      powerpipe: [
        'sagemaker_endpoint_configuration_prod_instance_count_greater_than_one',
      ],
      seed: { pillar: SEED.compliance, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create an endpoint configuration with InitialInstanceCount >= 2 on every instance-based variant (or auto scaling with a minimum of 2).',
      docsUrl: DOCS.securityHubControls,
      template: ENDPOINT_CONFIG_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'ProductionVariants');
    if (failure) return failure;
    const variants = arrayAt(resource.description, 'ProductionVariants');
    const instanceBased = variants.filter(
      variant => getPath(variant, 'ServerlessConfig') === undefined,
    );
    if (variants.length > 0 && instanceBased.length === 0) {
      return notApplicable(`${resource.name} has only serverless variants.`);
    }
    if (variants.length === 0) {
      return unknown(`${resource.name} lists no production variants.`, [
        'sagemaker:DescribeEndpointConfig',
      ]);
    }
    const counts = instanceBased.map(variant => ({
      name: String(getPath(variant, 'VariantName')),
      count: getPath(variant, 'InitialInstanceCount'),
    }));
    const evidence = [
      fieldEvidence(
        resource,
        'ProductionVariants[].InitialInstanceCount',
        counts.map(c => `${c.name}: ${String(c.count ?? 'absent')}`),
        '>= 2',
      ),
    ];
    const single = counts.filter(
      c => typeof c.count === 'number' && c.count < 2,
    );
    if (single.length > 0) {
      return fail(
        `${resource.name}: variants ${single
          .map(c => c.name)
          .join(', ')} start with a single instance.`,
        evidence,
      );
    }
    const absent = counts.filter(c => typeof c.count !== 'number');
    if (absent.length > 0) {
      return unknown(
        `${resource.name}: variants ${absent
          .map(c => c.name)
          .join(', ')} have no InitialInstanceCount.`,
        ['ProductionVariants[].InitialInstanceCount'],
        evidence,
      );
    }
    return pass(
      `${resource.name}: every instance-based variant starts with 2 or more instances.`,
      evidence,
    );
  },
);
