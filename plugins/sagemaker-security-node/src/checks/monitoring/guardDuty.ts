import {
  CheckOutcome,
  Evidence,
  GuardDutyFact,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  defineCheck,
  deriveKey,
  DOCS,
  fail,
  pass,
  readFactOnce,
  SEED,
  sharedVerdict,
  unknown,
  warn,
} from '../support';
import { TRAIL_RESOURCE_TYPES } from './cloudTrail';

type Detector = GuardDutyFact['detectors'][number];

/**
 * The GuardDuty features that watch what runs on the hosts: Runtime
 * Monitoring (EKS, ECS Fargate, EC2) and its EKS-only predecessor.
 */
const RUNTIME_FEATURES = ['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING'];

function runtimeFeatures(detector: Detector): string[] {
  return (detector.features ?? [])
    .filter(f => RUNTIME_FEATURES.includes(f.name) && f.status === 'ENABLED')
    .map(f => f.name);
}

function evidenceOf(
  fact: RelatedFact<'guardduty'>,
  detectors: Detector[],
  expected: string,
): Evidence[] {
  if (detectors.length === 0) {
    return [
      {
        path: 'guardduty:ListDetectors',
        observed: [],
        expected: `a detector in ${fact.region}`,
      },
    ];
  }
  return detectors.map(detector => ({
    path: 'guardduty:GetDetector',
    observed: {
      status: detector.status ?? null,
      features: (detector.features ?? []).map(f => `${f.name}=${f.status}`),
    },
    expected,
    relatedArn: `arn:aws:guardduty:${fact.region}:${fact.accountId}:detector/${detector.detectorId}`,
  }));
}

/** The region's verdict from its detectors. */
function regionVerdict(fact: RelatedFact<'guardduty'>): CheckOutcome {
  const { region } = fact;
  const detectors = fact.data!.detectors;
  const enabled = detectors.filter(d => d.status === 'ENABLED');
  const withRuntime = enabled.filter(d => runtimeFeatures(d).length > 0);
  if (withRuntime.length > 0) {
    const detector = withRuntime[0];
    return pass(
      `GuardDuty detector ${
        detector.detectorId
      } is enabled in ${region}, with ${runtimeFeatures(detector).join(
        ' and ',
      )}.`,
      evidenceOf(fact, withRuntime, 'ENABLED, with Runtime Monitoring'),
    );
  }
  if (enabled.length > 0) {
    return warn(
      `GuardDuty detector ${enabled[0].detectorId} is enabled in ${region}, but Runtime Monitoring is off: threats inside the compute that runs SageMaker workloads are not watched.`,
      evidenceOf(fact, enabled, 'RUNTIME_MONITORING=ENABLED'),
    );
  }
  // A detector whose GetDetector failed may be the enabled one.
  const unread = detectors.filter(d => d.status === undefined);
  if (unread.length > 0) {
    const error = fact.errors.find(e => e.action === 'guardduty:GetDetector');
    return unknown(
      `Status of GuardDuty detector ${unread
        .map(d => d.detectorId)
        .join(', ')} in ${region} could not be read${
        error ? `: ${error.message}` : ''
      }.`,
      ['guardduty:GetDetector'],
    );
  }
  return fail(
    detectors.length === 0
      ? `GuardDuty has no detector in ${region}: no threat detection runs there.`
      : `GuardDuty detector ${detectors
          .map(d => d.detectorId)
          .join(', ')} in ${region} is ${detectors
          .map(d => d.status)
          .join(', ')}.`,
    evidenceOf(fact, detectors, 'ENABLED'),
  );
}

/** Resources of one region share its `guardduty` fact, and so its verdict. */
const guardDutyKey = deriveKey('GuardDuty detectors of a region', context => {
  const read = readFactOnce(context, 'guardduty', '-');
  return read.ok ? [read.fact] : undefined;
});

export const guardDutyEnabled = defineCheck(
  {
    id: 'guardduty-enabled-in-region',
    pillar: 'monitoring',
    title:
      'GuardDuty threat detection, with Runtime Monitoring, is enabled in the region',
    severity: 'medium',
    resourceTypes: TRAIL_RESOURCE_TYPES,
    rationale:
      "GuardDuty watches the region's API activity, network and DNS traffic for compromised credentials, crypto-mining and data exfiltration from ML workloads; Runtime Monitoring adds what runs inside the compute. Without a detector nothing raises these findings. Enabled without Runtime Monitoring is a warning.",
    references: {
      securityHub: ['GuardDuty.1'],
      prowler: ['guardduty_is_enabled'],
      configRules: ['guardduty-enabled-centralized'],
      seed: { pillar: SEED.monitoring, phases: ['monitoring', 'deployment'] },
    },
    remediation: {
      text: 'Enable GuardDuty in the region (CreateDetector, or UpdateDetector --enable for a suspended one) and turn on Runtime Monitoring (UpdateDetector --features Name=RUNTIME_MONITORING,Status=ENABLED), or enable both organisation-wide from the delegated administrator.',
      docsUrl: DOCS.guardDutyRuntime,
    },
    requiresLiveData: true,
  },
  sharedVerdict(guardDutyKey, context => {
    const read = readFactOnce(context, 'guardduty', '-');
    return read.ok ? regionVerdict(read.fact) : read.outcome;
  }),
);
