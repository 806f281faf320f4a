import {
  CheckOutcome,
  CloudTrailFact,
  RelatedFact,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import { CheckContext } from '../../types';
import {
  defineCheck,
  DOCS,
  fail,
  notApplicable,
  LinkedValue,
  bucketNamesKey,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
  pass,
  readFactOnce,
  resourceBuckets,
  SEED,
  unknown,
} from '../support';

type Trail = CloudTrailFact['trails'][number];

/** Long-lived resources anchor the per-region trail (and GuardDuty) checks. */
export const TRAIL_RESOURCE_TYPES: ResourceType[] = [
  'notebook-instance',
  'domain',
  'endpoint',
];

function covers(trail: Trail, region: string): boolean {
  return trail.isMultiRegionTrail === true || trail.homeRegion === region;
}

type TrailsCovering =
  | { ok: true; trails: Trail[]; covering: Trail[] }
  | { ok: false; outcome: CheckOutcome };

/** The trails covering a region, found once per `cloudtrail` fact and region. */
const trailsCovering = deriveFromFact(
  'trails covering a region',
  (fact: RelatedFact<'cloudtrail'>, region: string): TrailsCovering =>
    coveringTrails(fact.data!, fact.errors, region),
);

/** Trails covering the resource's region that are logging management events. */
function loggingTrails(context: CheckContext): TrailsCovering {
  const read = readFactOnce(context, 'cloudtrail', '-');
  if (!read.ok) return read;
  return trailsCovering(context, read.fact, context.resource.region);
}

function coveringTrails(
  data: CloudTrailFact,
  errors: RelatedFact['errors'],
  region: string,
): TrailsCovering {
  const covering = data.trails.filter(trail => covers(trail, region));
  const logging = covering.filter(
    trail => trail.isLogging === true && trail.includeManagementEvents === true,
  );
  // A trail whose status or selectors could not be read may be the one
  // that logs: without a proven logging trail, that is unknown, not a pass.
  const undetermined = covering.filter(
    trail =>
      trail.isLogging !== false &&
      trail.includeManagementEvents !== false &&
      (trail.isLogging === undefined ||
        trail.includeManagementEvents === undefined),
  );
  if (logging.length === 0 && undetermined.length > 0) {
    const actions = [
      ...(undetermined.some(trail => trail.isLogging === undefined)
        ? ['cloudtrail:GetTrailStatus']
        : []),
      ...(undetermined.some(
        trail => trail.includeManagementEvents === undefined,
      )
        ? ['cloudtrail:GetEventSelectors']
        : []),
    ];
    const error = errors.find(e => actions.includes(e.action));
    return {
      ok: false,
      outcome: unknown(
        `Logging status or event selectors of the trails covering ${region} could not be read${
          error ? `: ${error.message}` : ''
        }.`,
        actions,
      ),
    };
  }
  return { ok: true, trails: logging, covering };
}

function trailEvidence(trails: Trail[], expected: string) {
  return trails.map(trail => ({
    path: 'cloudtrail:DescribeTrails',
    observed: {
      isMultiRegionTrail: trail.isMultiRegionTrail,
      isLogging: trail.isLogging,
      logFileValidationEnabled: trail.logFileValidationEnabled,
      kmsKeyId: trail.kmsKeyId,
    },
    expected,
    relatedArn: trail.arn,
  }));
}

const TRAIL_REFERENCES = {
  pillar: SEED.monitoring,
  phases: ['monitoring' as const, 'governance' as const],
};

export const cloudTrailLogging = defineCheck(
  {
    id: 'cloudtrail-logging-in-region',
    pillar: 'monitoring',
    title: 'CloudTrail records SageMaker API activity in the region',
    severity: 'high',
    resourceTypes: TRAIL_RESOURCE_TYPES,
    rationale:
      'CloudTrail is the audit record of who created training jobs, deployed models, changed endpoints or opened notebook URLs.',
    references: {
      securityHub: ['CloudTrail.1'],
      prowler: [
        'cloudtrail_multi_region_enabled',
        'cloudtrail_multi_region_enabled_logging_management_events',
      ],
      configRules: ['multi-region-cloudtrail-enabled'],
      seed: TRAIL_REFERENCES,
    },
    remediation: {
      text: 'Create a multi-region trail (or an organisation trail) that logs management events, and make sure it is logging.',
      docsUrl: DOCS.cloudTrail,
      template: FOUNDATION_TEMPLATE,
    },
    requiresLiveData: true,
  },
  context => {
    const result = loggingTrails(context);
    if (!result.ok) return result.outcome;
    return result.trails.length > 0
      ? pass(
          `Trail ${result.trails[0].name} logs management events in ${context.resource.region}.`,
          trailEvidence(result.trails, 'logging'),
        )
      : fail(
          `No logging trail records management events in ${context.resource.region}.`,
          result.covering.length > 0
            ? trailEvidence(result.covering, 'logging, with management events')
            : [
                {
                  path: 'cloudtrail:DescribeTrails',
                  observed: [],
                  expected: `a trail covering ${context.resource.region}`,
                },
              ],
        );
  },
);

export const cloudTrailLogFileValidation = defineCheck(
  {
    id: 'cloudtrail-log-file-validation',
    pillar: 'monitoring',
    title: "The region's trail validates its log files",
    severity: 'medium',
    resourceTypes: TRAIL_RESOURCE_TYPES,
    rationale:
      'Log file validation proves the audit record was not altered after delivery.',
    references: {
      prowler: ['cloudtrail_log_file_validation_enabled'],
      seed: TRAIL_REFERENCES,
    },
    remediation: {
      text: 'Enable log file validation on the trail (UpdateTrail --enable-log-file-validation).',
      docsUrl: DOCS.trailValidation,
    },
    requiresLiveData: true,
  },
  context => {
    const result = loggingTrails(context);
    if (!result.ok) return result.outcome;
    if (result.trails.length === 0) {
      return notApplicable(
        `No logging trail in ${context.resource.region} (see cloudtrail-logging-in-region).`,
      );
    }
    const validated = result.trails.filter(
      trail => trail.logFileValidationEnabled === true,
    );
    return validated.length > 0
      ? pass(
          `Trail ${validated[0].name} validates its log files.`,
          trailEvidence(validated, 'validation on'),
        )
      : fail(
          `No trail covering ${context.resource.region} validates its log files.`,
          trailEvidence(result.trails, 'validation on'),
        );
  },
);

export const cloudTrailKmsEncryption = defineCheck(
  {
    id: 'cloudtrail-kms-encryption',
    pillar: 'monitoring',
    title: "The region's trail encrypts logs with a KMS key",
    severity: 'medium',
    resourceTypes: TRAIL_RESOURCE_TYPES,
    rationale:
      'SSE-KMS on trail logs adds a key policy between the audit record and whoever can read the bucket.',
    references: {
      prowler: ['cloudtrail_kms_encryption_enabled'],
      seed: TRAIL_REFERENCES,
    },
    remediation: {
      text: 'Set a KMS key on the trail (UpdateTrail --kms-key-id).',
      docsUrl: DOCS.trailKms,
    },
    requiresLiveData: true,
  },
  context => {
    const result = loggingTrails(context);
    if (!result.ok) return result.outcome;
    if (result.trails.length === 0) {
      return notApplicable(
        `No logging trail in ${context.resource.region} (see cloudtrail-logging-in-region).`,
      );
    }
    const encrypted = result.trails.filter(trail => !!trail.kmsKeyId);
    return encrypted.length > 0
      ? pass(
          `Trail ${encrypted[0].name} encrypts logs with ${encrypted[0].kmsKeyId}.`,
          trailEvidence(encrypted, 'a KMS key'),
        )
      : fail(
          `No trail covering ${context.resource.region} encrypts logs with KMS.`,
          trailEvidence(result.trails, 'a KMS key'),
        );
  },
);

function logsBucketObjects(trail: Trail, bucket: string): boolean | undefined {
  if (trail.s3DataEventArns === undefined) return undefined;
  return trail.s3DataEventArns.some(
    arn =>
      arn === 'arn:aws:s3' ||
      arn === 'arn:aws:s3:::' ||
      arn.startsWith(`arn:aws:s3:::${bucket}/`) ||
      arn === `arn:aws:s3:::${bucket}`,
  );
}

function judgeDataEvents(
  result: { trails: Trail[] },
  buckets: LinkedValue[],
): CheckOutcome {
  const unlogged: string[] = [];
  let unreadable = false;
  for (const bucket of buckets) {
    const verdicts = result.trails.map(trail =>
      logsBucketObjects(trail, bucket.value),
    );
    if (verdicts.includes(true)) continue;
    if (verdicts.includes(undefined)) unreadable = true;
    else unlogged.push(bucket.value);
  }
  if (unlogged.length > 0) {
    return fail(
      `No trail records S3 data events for ${unlogged.join(', ')}.`,
      unlogged.map(bucket => ({
        path: 'cloudtrail:GetEventSelectors',
        observed: result.trails.flatMap(trail => trail.s3DataEventArns ?? []),
        expected: `arn:aws:s3:::${bucket}/ (or all buckets)`,
        relatedArn: `arn:aws:s3:::${bucket}`,
      })),
    );
  }
  if (unreadable) {
    return unknown(
      "Event selectors of the region's trails could not be read.",
      ['cloudtrail:GetEventSelectors'],
    );
  }
  return pass(
    `S3 data events are recorded for ${buckets.map(b => b.value).join(', ')}.`,
  );
}

/**
 * The same object for resources naming the same buckets (see
 * `bucketNamesKey`) in a region whose trails log the same way; undefined
 * when either is unknown.
 */
const dataEventsKey = deriveKey('S3 data event logging', context => {
  if (resourceBuckets(context).length === 0) return undefined;
  const result = loggingTrails(context);
  if (!result.ok) return undefined;
  const buckets = bucketNamesKey(context);
  return buckets ? [result, buckets] : undefined;
});

export const cloudTrailS3DataEvents = defineCheck(
  {
    id: 'cloudtrail-s3-data-events',
    pillar: 'monitoring',
    title: "CloudTrail records object access to the job's S3 buckets",
    severity: 'low',
    resourceTypes: ['training-job', 'processing-job', 'transform-job'],
    rationale:
      'Management events do not show who read training data or downloaded model artifacts; S3 data events do.',
    references: {
      prowler: [
        'cloudtrail_s3_dataevents_read_enabled',
        'cloudtrail_s3_dataevents_write_enabled',
      ],
      seed: TRAIL_REFERENCES,
    },
    remediation: {
      text: 'Add an event selector for S3 data events on the training-data and artifact buckets to the trail.',
      docsUrl: DOCS.trailDataEvents,
    },
    requiresLiveData: true,
  },
  sharedVerdict(dataEventsKey, context => {
    const buckets = resourceBuckets(context);
    if (buckets.length === 0) {
      return notApplicable(`${context.resource.name} names no S3 bucket.`);
    }
    const result = loggingTrails(context);
    if (!result.ok) return result.outcome;
    return judgeDataEvents(result, buckets);
  }),
);
