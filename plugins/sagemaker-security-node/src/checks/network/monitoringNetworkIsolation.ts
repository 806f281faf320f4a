import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import {
  defineCheck,
  DOCS,
  expectValue,
  fieldValue,
  getPath,
  notApplicable,
  SEED,
} from '../support';

interface Spec {
  id: string;
  type: ResourceType;
  title: string;
  securityHub: string;
  configRule: string;
  severity: 'high' | 'medium';
}

function monitoringIsolation(spec: Spec) {
  return defineCheck(
    {
      id: spec.id,
      pillar: 'network',
      title: spec.title,
      severity: spec.severity,
      resourceTypes: [spec.type],
      rationale:
        'Monitoring containers read captured production requests and predictions; network isolation stops them from sending that data out.',
      references: {
        securityHub: [spec.securityHub],
        configRules: [spec.configRule],
        seed: { pillar: SEED.network, phases: ['monitoring'] },
      },
      remediation: {
        text: 'Recreate the job definition with NetworkConfig.EnableNetworkIsolation = true.',
        docsUrl: DOCS.securityHubControls,
      },
    },
    fieldValue({
      path: 'NetworkConfig.EnableNetworkIsolation',
      expected: true,
      absentMeans: false,
      label: 'network isolation',
    }),
  );
}

export const dataQualityJobNetworkIsolation = monitoringIsolation({
  id: 'data-quality-job-network-isolation',
  type: 'data-quality-job-definition',
  title: 'Data quality job definition enables network isolation',
  securityHub: 'SageMaker.11',
  configRule: 'sagemaker-data-quality-job-isolation',
  severity: 'medium',
});

export const biasJobNetworkIsolation = monitoringIsolation({
  id: 'model-bias-job-network-isolation',
  type: 'model-bias-job-definition',
  title: 'Model bias job definition enables network isolation',
  securityHub: 'SageMaker.12',
  configRule: 'sagemaker-model-bias-job-isolation',
  severity: 'medium',
});

export const explainabilityJobNetworkIsolation = monitoringIsolation({
  id: 'model-explainability-job-network-isolation',
  type: 'model-explainability-job-definition',
  title: 'Model explainability job definition enables network isolation',
  securityHub: 'SageMaker.20',
  configRule: 'sagemaker-model-explainability-job-network-isolation',
  severity: 'high',
});

export const modelQualityJobNetworkIsolation = monitoringIsolation({
  id: 'model-quality-job-network-isolation',
  type: 'model-quality-job-definition',
  title: 'Model quality job definition enables network isolation',
  securityHub: 'SageMaker.25',
  configRule: 'sagemaker-model-quality-job-definition-isolation',
  severity: 'high',
});

export const monitoringScheduleNetworkIsolation = defineCheck(
  {
    id: 'monitoring-schedule-network-isolation',
    pillar: 'network',
    title: 'Monitoring schedule enables network isolation',
    severity: 'medium',
    resourceTypes: ['monitoring-schedule'],
    rationale:
      'A schedule with an inline job definition runs monitoring containers over captured production data.',
    references: {
      securityHub: ['SageMaker.14'],
      configRules: ['sagemaker-monitoring-schedule-isolation'],
      seed: { pillar: SEED.network, phases: ['monitoring'] },
    },
    remediation: {
      text: 'Update the schedule with MonitoringJobDefinition.NetworkConfig.EnableNetworkIsolation = true.',
      docsUrl: DOCS.securityHubControls,
    },
  },
  context => {
    const inline = 'MonitoringScheduleConfig.MonitoringJobDefinition';
    if (getPath(context.resource.description, inline) === undefined) {
      return notApplicable(
        `${context.resource.name} refers to a job definition by name; the job definition is checked itself.`,
      );
    }
    return expectValue(context, {
      path: `${inline}.NetworkConfig.EnableNetworkIsolation`,
      expected: true,
      absentMeans: false,
      label: 'network isolation',
    });
  },
);
