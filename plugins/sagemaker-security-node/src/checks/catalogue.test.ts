import fc from 'fast-check';
import {
  ALL_PILLARS,
  FactKind,
  RelatedFact,
  RESOURCE_TYPES,
} from '@mlsec/plugin-sagemaker-security-common';
import { defaultChecks } from '.';
import { evaluateResource } from '../engine';
import { validateChecks } from '../extension/validateChecks';
import { REMEDIATION_TEMPLATES } from '../remediation/templates';
import { contextFor, fact, resource, undescribable } from '../testing/fixtures';
import { encryptionCases } from './encryption/encryption.cases';
import { iamCases } from './iam/iam.cases';
import { monitoringCases } from './monitoring/monitoring.cases';
import { networkCases } from './network/network.cases';
import { resilienceCases } from './resilience/resilience.cases';
import { DESCRIBE_OPERATIONS } from './support/describe';

const ALL_CASES = [
  ...encryptionCases,
  ...networkCases,
  ...iamCases,
  ...monitoringCases,
  ...resilienceCases,
];

/**
 * Checks that cannot return not_applicable in a live scan: they read one field
 * of the resource that always applies (or a per-region fact that always exists).
 */
const NEVER_NOT_APPLICABLE = new Set([
  'notebook-volume-kms-key',
  'training-job-output-and-volume-kms-keys',
  'transform-job-output-and-volume-kms-keys',
  'hpo-job-output-and-volume-kms-keys',
  'domain-storage-kms-key',
  'inference-experiment-volume-kms-key',
  'notebook-direct-internet-access',
  'notebook-in-vpc',
  'notebook-imdsv2-required',
  'model-network-isolation',
  'model-in-vpc',
  'training-job-network-isolation',
  'training-job-in-vpc',
  'processing-job-network-isolation',
  'processing-job-in-vpc',
  'hpo-job-network-isolation',
  'hpo-job-in-vpc',
  'data-quality-job-network-isolation',
  'model-bias-job-network-isolation',
  'model-explainability-job-network-isolation',
  'model-quality-job-network-isolation',
  'domain-vpc-only',
  'notebook-root-access-disabled',
  'domain-sso-authentication',
  'domain-docker-access-disabled',
  'endpoint-config-ssm-access-disabled',
  'training-job-remote-debug-disabled',
  'model-package-group-policy-not-public',
  'model-package-group-policy-no-external-accounts',
  'model-package-group-policy-no-wildcard-actions',
  'model-environment-no-secrets',
  'job-environment-no-secrets',
  'endpoint-error-alarms',
  'endpoint-latency-alarms',
  'cloudtrail-logging-in-region',
  'notebook-platform-supported',
  'resource-ownership-tags',
  'hyperpod-cluster-in-vpc',
  'hyperpod-cluster-node-recovery-automatic',
  'domain-execution-role-source-identity',
  'domain-tag-propagation',
  'domain-canvas-workspace-kms-key',
  'mlflow-tracking-server-artifact-store-same-account',
  'mlflow-tracking-server-bucket-owner-verification',
  'mlflow-tracking-server-automatic-model-registration-disabled',
  'mlflow-app-automatic-model-registration-disabled',
  'space-remote-access-disabled',
  'space-has-owner',
  'studio-posix-user-not-root',
  'studio-lifecycle-config-no-secrets',
  'studio-lifecycle-config-no-remote-code',
  'automl-job-output-and-volume-kms-keys',
  'automl-job-inter-container-encryption',
  'automl-job-in-vpc',
  'compilation-job-output-kms-key',
  'compilation-job-in-vpc',
  'flow-definition-output-kms-key',
  'flow-definition-private-workforce',
  'partner-app-customer-managed-kms-key',
  'partner-app-admin-users-bounded',
  'partner-app-automatic-minor-version-upgrade',
]);

describe('the default check catalogue', () => {
  it('has at least 65 valid checks with unique ids', () => {
    expect(defaultChecks.length).toBeGreaterThanOrEqual(65);
    expect(() => validateChecks(defaultChecks)).not.toThrow();
  });

  it('covers every pillar', () => {
    for (const pillar of ALL_PILLARS) {
      expect(
        defaultChecks.filter(check => check.pillar === pillar).length,
      ).toBeGreaterThan(0);
    }
  });

  it('references every Security Hub control SageMaker.1-25', () => {
    const referenced = new Set(
      defaultChecks.flatMap(check => check.references.securityHub ?? []),
    );
    const missing = Array.from(
      { length: 25 },
      (_, index) => `SageMaker.${index + 1}`,
    ).filter(control => !referenced.has(control));
    expect(missing).toEqual([]);
  });

  it.each(defaultChecks.map(check => [check.id, check] as const))(
    '%s has pass, fail (or warn) and unknown cases, and not_applicable unless it cannot return it',
    id => {
      const statuses = new Set(
        ALL_CASES.filter(item => item.check === id).map(item => item.expect),
      );
      expect(statuses).toContain('pass');
      expect(statuses.has('fail') || statuses.has('warn')).toBe(true);
      expect(statuses).toContain('unknown');
      expect(
        statuses.has('not_applicable') || NEVER_NOT_APPLICABLE.has(id),
      ).toBe(true);
    },
  );

  it('lists in NEVER_NOT_APPLICABLE only real check ids', () => {
    const ids = new Set(defaultChecks.map(check => check.id));
    expect([...NEVER_NOT_APPLICABLE].filter(id => !ids.has(id))).toEqual([]);
  });

  it.each(defaultChecks.map(check => [check.id, check] as const))(
    '%s is unknown, naming the Describe action, for every resource type whose Describe failed',
    (_id, check) => {
      for (const type of check.resourceTypes) {
        const outcome = check.evaluate(contextFor(undescribable(type)));
        expect(outcome.status).toBe('unknown');
        expect(outcome.missing).toEqual([
          `sagemaker:${DESCRIBE_OPERATIONS[type]}`,
        ]);
      }
    },
  );

  it.each(defaultChecks.map(check => [check.id, check] as const))(
    '%s names an existing remediation template and parameters',
    (_id, check) => {
      const template = check.remediation.template;
      expect(check.remediation.docsUrl).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\//,
      );
      expect(check.references.seed.phases.length).toBeGreaterThan(0);
      if (!template) return;
      const parameters: readonly string[] | undefined =
        REMEDIATION_TEMPLATES[
          template.name as keyof typeof REMEDIATION_TEMPLATES
        ];
      expect(parameters).toBeDefined();
      for (const [parameter, path] of Object.entries(template.prefill)) {
        expect(parameters).toContain(parameter);
        expect(path).toMatch(
          /^(name|arn|accountId|region|tags\.[\w.-]+|description\.[\w.]+)$/,
        );
      }
    },
  );
});

const FACT_KINDS: FactKind[] = [
  'iam-role',
  'kms-key',
  'kms-aliases',
  's3-bucket',
  'security-group',
  'subnet',
  'vpc-endpoints',
  'cloudtrail',
  'cloudwatch-alarms',
  'log-groups',
  'guardduty',
];

describe('robustness', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const description = fc.dictionary(
    fc.constantFrom(
      'KmsKeyId',
      'RoleArn',
      'ExecutionRoleArn',
      'SubnetId',
      'SecurityGroups',
      'VpcConfig',
      'ProductionVariants',
      'DataCaptureConfig',
      'ResourceConfig',
      'OutputDataConfig',
      'NetworkConfig',
      'TrainingJobDefinition',
      'PrimaryContainer',
      'Containers',
      'MonitoringScheduleConfig',
      'DirectInternetAccess',
      'RootAccess',
      'ResourcePolicy',
      'DefaultUserSettings',
      'EndpointConfigName',
      'HyperParameters',
      'Environment',
    ),
    json,
  );
  const STATUSES = ['pass', 'fail', 'warn', 'unknown', 'not_applicable'];

  it('no check throws on an arbitrary Describe response', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESOURCE_TYPES),
        description,
        (type, desc) => {
          const target = resource(type, {
            Name: 'x',
            ...(desc as Record<string, unknown>),
          });
          for (const check of defaultChecks.filter(c =>
            c.resourceTypes.includes(type),
          )) {
            const outcome = check.evaluate(contextFor(target));
            expect(STATUSES).toContain(outcome.status);
            expect(typeof outcome.message).toBe('string');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the engine turns malformed fact data into valid outcomes, never a crash', () => {
    const facts = fc.array(
      fc.record({
        kind: fc.constantFrom(...FACT_KINDS),
        key: fc.constantFrom('-', 'sg-1', 'subnet-1', 'vpc-1', 'x'),
        data: json,
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...RESOURCE_TYPES),
        description,
        facts,
        (type, desc, factList) => {
          const target = resource(type, {
            Name: 'x',
            ...(desc as Record<string, unknown>),
          });
          const related = factList.map(item =>
            fact(item.kind, item.key, item.data as never),
          ) as RelatedFact[];
          for (const result of evaluateResource(
            defaultChecks,
            contextFor(target, { facts: related }),
          )) {
            expect(STATUSES).toContain(result.outcome.status);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
