import { ENDPOINT_CONFIG_TEMPLATE } from '../../remediation/templates';
import {
  arrayAt,
  defineCheck,
  DOCS,
  expectPresent,
  fieldFailure,
  hasLocalInstanceStorage,
  nonEmptyString,
  notApplicable,
  SEED,
} from '../support';

export const endpointConfigVolumeKmsKey = defineCheck(
  {
    id: 'endpoint-config-volume-kms-key',
    pillar: 'encryption',
    title: 'Endpoint configuration encrypts instance storage with a KMS key',
    severity: 'medium',
    resourceTypes: ['endpoint-config'],
    rationale:
      'The storage volume of hosting instances holds the model artifacts; KmsKeyId puts it under a key you control.',
    references: {
      configRules: [
        'sagemaker-endpoint-configuration-kms-key-configured',
        'sagemaker-endpoint-config-kms-key-required',
      ],
      prowler: ['sagemaker_endpoint_config_kms_encryption_enabled'],
      checkov: ['CKV_AWS_98'],
      powerpipe: [
        'sagemaker_endpoint_configuration_encryption_at_rest_enabled',
      ],
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create a new endpoint configuration with KmsKeyId set to a customer-managed key and update the endpoint to use it. Instance types with local NVMe storage are encrypted in hardware and need no key.',
      docsUrl: DOCS.keyManagement,
      template: ENDPOINT_CONFIG_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'ProductionVariants');
    if (failure) return failure;
    const variants = arrayAt(resource.description, 'ProductionVariants');
    const instanceTypes = variants
      .filter(
        variant =>
          !(variant as { ServerlessConfig?: unknown }).ServerlessConfig,
      )
      .map(variant =>
        nonEmptyString((variant as { InstanceType?: unknown }).InstanceType),
      )
      .filter((type): type is string => type !== undefined);
    const local = instanceTypes.find(hasLocalInstanceStorage);
    if (local) {
      return notApplicable(
        `${resource.name}: variant instance type ${local} has local NVMe storage, encrypted in hardware; SageMaker rejects KmsKeyId for it.`,
      );
    }
    if (variants.length > 0 && instanceTypes.length === 0) {
      return notApplicable(
        `${resource.name}: all production variants are serverless; there is no instance storage volume to key.`,
      );
    }
    return expectPresent(context, 'KmsKeyId', 'storage volume KMS key');
  },
);
