import { ENDPOINT_CONFIG_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  expectPresent,
  fieldFailure,
  getPath,
  notApplicable,
  SEED,
} from '../support';

export const endpointConfigDataCaptureKmsKey = defineCheck(
  {
    id: 'endpoint-config-data-capture-kms-key',
    pillar: 'encryption',
    title: 'Captured inference data is encrypted with a KMS key',
    severity: 'medium',
    resourceTypes: ['endpoint-config'],
    rationale:
      'Data capture writes real requests and predictions to S3; they are often the most sensitive data of the service.',
    references: {
      seed: {
        pillar: SEED.dataProtection,
        phases: ['deployment', 'monitoring'],
      },
    },
    remediation: {
      text: 'Set DataCaptureConfig.KmsKeyId to a customer-managed key in a new endpoint configuration.',
      docsUrl: DOCS.dataCapture,
      template: ENDPOINT_CONFIG_TEMPLATE,
    },
  },
  context => {
    const failure = fieldFailure(context.resource, 'DataCaptureConfig');
    if (failure) return failure;
    if (
      getPath(
        context.resource.description,
        'DataCaptureConfig.EnableCapture',
      ) !== true
    ) {
      return notApplicable(
        `${context.resource.name} does not capture inference data.`,
      );
    }
    return expectPresent(
      context,
      'DataCaptureConfig.KmsKeyId',
      'data capture KMS key',
    );
  },
);

export const endpointConfigAsyncOutputKmsKey = defineCheck(
  {
    id: 'endpoint-config-async-output-kms-key',
    pillar: 'encryption',
    title: 'Asynchronous inference output is encrypted with a KMS key',
    severity: 'medium',
    resourceTypes: ['endpoint-config'],
    rationale:
      'Asynchronous endpoints write every response to S3; a KMS key keeps those results under your control.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Set AsyncInferenceConfig.OutputConfig.KmsKeyId to a customer-managed key in a new endpoint configuration.',
      docsUrl: DOCS.asyncInference,
      template: ENDPOINT_CONFIG_TEMPLATE,
    },
  },
  context => {
    const failure = fieldFailure(context.resource, 'AsyncInferenceConfig');
    if (failure) return failure;
    if (
      getPath(context.resource.description, 'AsyncInferenceConfig') ===
      undefined
    ) {
      return notApplicable(
        `${context.resource.name} is not an asynchronous endpoint configuration.`,
      );
    }
    return expectPresent(
      context,
      'AsyncInferenceConfig.OutputConfig.KmsKeyId',
      'asynchronous output KMS key',
    );
  },
);
