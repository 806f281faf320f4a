import type { GuardDutyFact } from '@mlsec/plugin-sagemaker-security-common';
import {
  collectionError,
  domain,
  endpoint,
  fact,
  notebook,
} from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

const ID = '12abc34d567e8fa901bc2d34e56789f0';

const detectors = (
  list: GuardDutyFact['detectors'],
  errors = [] as ReturnType<typeof collectionError>[],
) => fact('guardduty', '-', { detectors: list }, { errors });

const runtime = (status: string) => [
  { name: 'CLOUD_TRAIL', status: 'ENABLED' },
  { name: 'RUNTIME_MONITORING', status },
];

export const guardDutyCases: CheckCase[] = [
  {
    check: 'guardduty-enabled-in-region',
    name: 'enabled, with Runtime Monitoring',
    resource: notebook(),
    facts: [
      detectors([
        { detectorId: ID, status: 'ENABLED', features: runtime('ENABLED') },
      ]),
    ],
    expect: 'pass',
    message: /enabled in .*, with RUNTIME_MONITORING/,
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'enabled, with the EKS-only Runtime Monitoring',
    resource: domain(),
    facts: [
      detectors([
        {
          detectorId: ID,
          status: 'ENABLED',
          features: [{ name: 'EKS_RUNTIME_MONITORING', status: 'ENABLED' }],
        },
      ]),
    ],
    expect: 'pass',
    message: /EKS_RUNTIME_MONITORING/,
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'enabled without Runtime Monitoring',
    resource: endpoint(),
    facts: [
      detectors([
        { detectorId: ID, status: 'ENABLED', features: runtime('DISABLED') },
      ]),
    ],
    expect: 'warn',
    message: /Runtime Monitoring is off/,
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'Runtime Monitoring on a suspended detector does not count',
    resource: notebook(),
    facts: [
      detectors([
        { detectorId: ID, status: 'DISABLED', features: runtime('ENABLED') },
      ]),
    ],
    expect: 'fail',
    message: /is DISABLED/,
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'no detector in the region',
    resource: notebook(),
    facts: [detectors([])],
    expect: 'fail',
    message: /no detector/,
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'ListDetectors denied',
    resource: notebook(),
    facts: [
      fact('guardduty', '-', undefined, {
        errors: [collectionError('guardduty:ListDetectors')],
      }),
    ],
    expect: 'unknown',
    missing: ['guardduty:ListDetectors'],
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'GetDetector denied',
    resource: notebook(),
    facts: [
      detectors(
        [{ detectorId: ID }],
        [collectionError('guardduty:GetDetector')],
      ),
    ],
    expect: 'unknown',
    missing: ['guardduty:GetDetector'],
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'one detector read as enabled outweighs another whose GetDetector failed',
    resource: notebook(),
    facts: [
      detectors(
        [
          { detectorId: 'unread' },
          { detectorId: ID, status: 'ENABLED', features: runtime('ENABLED') },
        ],
        [collectionError('guardduty:GetDetector')],
      ),
    ],
    expect: 'pass',
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'not collected',
    resource: notebook(),
    expect: 'unknown',
    missing: ['guardduty:ListDetectors'],
  },
  {
    check: 'guardduty-enabled-in-region',
    name: 'not declared in the infrastructure code',
    resource: notebook(),
    mode: 'iac',
    expect: 'not_applicable',
  },
];
