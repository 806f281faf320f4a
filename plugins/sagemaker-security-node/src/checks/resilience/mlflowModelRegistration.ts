import { defineCheck, DOCS, fieldValue, SEED } from '../support';

/**
 * Automatic model registration judged as a governance setting (low severity):
 * disabled passes. With it on, every model anyone logs to the tracking server
 * becomes a model package in the SageMaker Model Registry, the store that
 * deployment pipelines read, and the server's role needs registry write rights.
 * It is not a vulnerability by itself when the registry's approval gate holds
 * (see `endpoint-models-approved`), hence low.
 */
export const mlflowAutomaticModelRegistrationDisabled = defineCheck(
  {
    id: 'mlflow-tracking-server-automatic-model-registration-disabled',
    pillar: 'resilience',
    title: 'MLflow tracking server does not register models automatically',
    severity: 'low',
    resourceTypes: ['mlflow-tracking-server'],
    rationale:
      'With AutomaticModelRegistration every model logged by anyone with access to the tracking server is registered in the SageMaker Model Registry, which deployment pipelines consume, and the server role must be allowed to write to the registry. Registration should be a deliberate, reviewed step; informational when model approval gates deployment. AWS defaults it to false.',
    references: {
      seed: {
        pillar: SEED.compliance,
        phases: ['experimentation', 'governance'],
      },
    },
    remediation: {
      text: 'Set AutomaticModelRegistration = false (UpdateMlflowTrackingServer) and register reviewed models explicitly.',
      docsUrl: DOCS.modelRegistry,
    },
  },
  fieldValue({
    path: 'AutomaticModelRegistration',
    expected: false,
    absentMeans: false,
    label: 'automatic model registration',
  }),
);

/** The same judgement for an MLflow App, whose field is a mode. */
export const mlflowAppAutomaticModelRegistrationDisabled = defineCheck(
  {
    id: 'mlflow-app-automatic-model-registration-disabled',
    pillar: 'resilience',
    title: 'MLflow App does not register models automatically',
    severity: 'low',
    resourceTypes: ['mlflow-app'],
    rationale:
      'With ModelRegistrationMode = AutoModelRegistrationEnabled every model logged by anyone with access to the MLflow App is registered in the SageMaker Model Registry, which deployment pipelines consume. Registration should be a deliberate, reviewed step; informational when model approval gates deployment. AWS defaults it to AutoModelRegistrationDisabled.',
    references: {
      seed: {
        pillar: SEED.compliance,
        phases: ['experimentation', 'governance'],
      },
    },
    remediation: {
      text: 'Set ModelRegistrationMode = AutoModelRegistrationDisabled (UpdateMlflowApp) and register reviewed models explicitly.',
      docsUrl: DOCS.modelRegistry,
    },
  },
  fieldValue({
    path: 'ModelRegistrationMode',
    expected: 'AutoModelRegistrationDisabled',
    absentMeans: 'AutoModelRegistrationDisabled',
    label: 'model registration mode',
  }),
);
