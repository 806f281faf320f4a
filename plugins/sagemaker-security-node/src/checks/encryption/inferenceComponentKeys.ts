import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { componentEndpointConfig, defineCheck, DOCS, SEED } from '../support';
import { endpointConfigVolumeKmsKey } from './endpointConfigVolumeKmsKey';

export const inferenceComponentEndpointConfigKmsKey = defineCheck(
  {
    id: 'inference-component-endpoint-config-kms-key',
    pillar: 'encryption',
    title:
      "Inference component's endpoint configuration encrypts instance storage with a KMS key",
    severity: 'medium',
    resourceTypes: ['inference-component'],
    rationale:
      "An inference component's model artifacts land on the storage volumes of its endpoint's instances, which the endpoint configuration's KmsKeyId keys. The component is judged by the configuration its endpoint runs on now (EndpointName → EndpointConfigName), the same rule as endpoint-config-volume-kms-key (instance types with local NVMe storage and serverless variants need no key).",
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: "Create a new endpoint configuration with KmsKeyId set to a customer-managed key and update the component's endpoint to use it.",
      docsUrl: DOCS.keyManagement,
    },
  },
  (context): CheckOutcome => {
    const config = componentEndpointConfig(context);
    if (!config.resource) return config.outcome;
    // The endpoint configuration check, over the joined configuration.
    const outcome = endpointConfigVolumeKmsKey.evaluate({
      resource: config.resource,
      facts: context.facts,
      resources: context.resources,
      mode: context.mode,
    });
    return {
      ...outcome,
      message: `${context.resource.name} runs on endpoint configuration ${config.resource.name}. ${outcome.message}`,
    };
  },
);
