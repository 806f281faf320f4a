/**
 * Which stored facts a CloudTrail write event changes. Each relevant
 * service's events are pinned to facts by the IDs in their request
 * parameters; an event of a relevant service that cannot be pinned (an
 * unknown name, a parameter missing) marks the whole fact kind (fail
 * closed). Only event names known to leave every stored fact alone are
 * skipped (reads of data, tags, findings, log streams...).
 */
import type { FactKind } from '@mlsec/plugin-sagemaker-security-common';
import type { ChangeLog } from './changeLog';

/** The parts of an event (the `CloudTrailEvent` JSON) the mapping reads. */
export interface WriteEvent {
  eventSource: string;
  eventName: string;
  requestParameters?: Record<string, unknown> | null;
}

type Mapper = (event: WriteEvent, log: ChangeLog) => void;

const LOG_PREFIX = '/aws/sagemaker/';
const NETWORK: FactKind[] = ['security-group', 'subnet', 'vpc-endpoints'];

/** Every string in the request parameters matching `pattern`, however nested. */
function idsIn(value: unknown, pattern: RegExp, found = new Set<string>()) {
  if (typeof value === 'string') {
    if (pattern.test(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) idsIn(item, pattern, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) idsIn(item, pattern, found);
  }
  return found;
}

function param(event: WriteEvent, name: string): string | undefined {
  const value = event.requestParameters?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Marks each ID, or the whole kind when there is none. */
function markIds(log: ChangeLog, kind: FactKind, ids: Set<string>) {
  if (ids.size === 0) log.mark(kind);
  for (const id of ids) log.mark(kind, id);
}

const s3: Mapper = (event, log) => {
  // Every bucket-level write names its bucket; the stored bucket is re-read.
  log.mark('s3-bucket', param(event, 'bucketName'));
};

const KMS_IGNORED =
  /^(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|GenerateRandom|GenerateMac|VerifyMac|Sign|Verify|CreateKey$|CreateGrant|RetireGrant|RevokeGrant|TagResource|UntagResource)/;
const KMS_KEY_ARN = /^arn:[\w-]+:kms:[\w-]+:\d{12}:key\/(.+)$/;
const KMS_ALIAS_ARN = /^arn:[\w-]+:kms:[\w-]+:\d{12}:(alias\/.+)$/;

function markKeyRef(log: ChangeLog, ref: string) {
  const alias =
    KMS_ALIAS_ARN.exec(ref)?.[1] ??
    (ref.startsWith('alias/') ? ref : undefined);
  if (alias) {
    log.mark('kms-key', `alias:${alias}`);
    return;
  }
  log.mark('kms-key', ref);
  const id = KMS_KEY_ARN.exec(ref)?.[1];
  if (id) log.mark('kms-key', id);
}

const kms: Mapper = (event, log) => {
  if (KMS_IGNORED.test(event.eventName)) return;
  const aliasName = param(event, 'aliasName');
  if (/Alias$/.test(event.eventName)) {
    // The region's alias list, the key(s) gaining or losing the alias.
    log.mark('kms-aliases');
    if (!aliasName) log.mark('kms-key');
    else log.mark('kms-key', `alias:${aliasName}`);
    const target = param(event, 'targetKeyId');
    if (target) markKeyRef(log, target);
    return;
  }
  const keyId = param(event, 'keyId');
  if (keyId) markKeyRef(log, keyId);
  else log.mark('kms-key');
};

/** IAM writes that never change a role, its policies or its trust. */
const IAM_IGNORED =
  /User|Group|AccessKey|LoginProfile|MFADevice|ServerCertificate|SSHPublicKey|SigningCertificate|ServiceSpecificCredential|AccountAlias|AccountPasswordPolicy|OpenIDConnectProvider|SAMLProvider|CredentialReport|SecurityTokenServicePreferences|^CreatePolicy$|^TagPolicy|^UntagPolicy|InstanceProfile$/;

const iam: Mapper = (event, log) => {
  const roleName = param(event, 'roleName');
  if (roleName) {
    log.mark('iam-role', `role:${roleName}`);
    return;
  }
  if (IAM_IGNORED.test(event.eventName)) return;
  const policyArn = param(event, 'policyArn');
  // A managed policy's new default version: every role attaching it.
  if (policyArn) log.mark('iam-role', `policy:${policyArn}`);
  else log.mark('iam-role');
};

const EC2_IGNORED =
  /NetworkInterface|Instance|Volume|Snapshot|Tags$|KeyPair|Image|LaunchTemplate|Spot|Fleet|Address|Reservation|Capacity/;

const ec2: Mapper = (event, log) => {
  const name = event.eventName;
  const params = event.requestParameters;
  if (/VpcEndpoint/.test(name)) {
    markIds(log, 'vpc-endpoints', idsIn(params, /^(vpce|vpc)-[0-9a-f]{8,17}$/));
  } else if (/SecurityGroup/.test(name)) {
    markIds(log, 'security-group', idsIn(params, /^sg-[0-9a-f]{8,17}$/));
  } else if (/Route|InternetGateway/.test(name)) {
    // A route table or gateway is not stored: every subnet's route is read.
    log.mark('subnet');
  } else if (/Subnet/.test(name)) {
    markIds(log, 'subnet', idsIn(params, /^subnet-[0-9a-f]{8,17}$/));
  } else if (/Vpc/.test(name)) {
    const vpcs = idsIn(params, /^vpc-[0-9a-f]{8,17}$/);
    if (vpcs.size === 0) NETWORK.forEach(kind => log.mark(kind));
    for (const vpc of vpcs) {
      log.mark('subnet', `vpc:${vpc}`);
      log.mark('vpc-endpoints', vpc);
    }
  } else if (!EC2_IGNORED.test(name)) {
    NETWORK.forEach(kind => log.mark(kind));
  }
};

/** One fact per region: any write not known to leave it alone marks it. */
function regional(kind: FactKind, ignored: RegExp): Mapper {
  return (event, log) => {
    if (!ignored.test(event.eventName)) log.mark(kind);
  };
}

const logs: Mapper = (event, log) => {
  const group = param(event, 'logGroupName');
  if (group && !group.startsWith(LOG_PREFIX)) return;
  regional(
    'log-groups',
    /LogStream|LogEvents|Query|Queries|Export|Subscription|MetricFilter|Destination|Tag|Delivery|ResourcePolicy|Transformer|Index|Anomaly|Integration/,
  )(event, log);
};

const MAPPERS: Record<string, Mapper> = {
  's3.amazonaws.com': s3,
  'kms.amazonaws.com': kms,
  'iam.amazonaws.com': iam,
  'ec2.amazonaws.com': ec2,
  'cloudtrail.amazonaws.com': regional(
    'cloudtrail',
    /Tags$|Channel|EventDataStore|Query|Dashboard|Import|ResourcePolicy/,
  ),
  'monitoring.amazonaws.com': regional(
    'cloudwatch-alarms',
    /Dashboard|MetricData|InsightRule|MetricStream|AnomalyDetector|TagResource|UntagResource/,
  ),
  'logs.amazonaws.com': logs,
  'guardduty.amazonaws.com': regional(
    'guardduty',
    /Finding|Filter|IPSet|ThreatIntelSet|Member|Invitation|PublishingDestination|TagResource|UntagResource|Malware|Sample|Archive|Coverage/,
  ),
};

/** Records what the event changed in `log`; other services' events change no fact. */
export function recordEvent(event: WriteEvent, log: ChangeLog): void {
  MAPPERS[event.eventSource]?.(event, log);
}

/**
 * The event as CloudTrail wrote it (`CloudTrailEvent` JSON), with the
 * summary's own fields as a fallback; undefined when neither names the
 * event's service and name.
 */
export function parseEvent(summary: {
  EventName?: string;
  EventSource?: string;
  CloudTrailEvent?: string;
}): WriteEvent | undefined {
  let detail: Record<string, unknown> = {};
  try {
    detail = summary.CloudTrailEvent ? JSON.parse(summary.CloudTrailEvent) : {};
  } catch {
    // Mapped from the summary alone: without parameters, fail closed.
  }
  const eventSource = String(detail.eventSource ?? summary.EventSource ?? '');
  const eventName = String(detail.eventName ?? summary.EventName ?? '');
  if (!eventSource || !eventName) return undefined;
  const params = detail.requestParameters;
  return {
    eventSource,
    eventName,
    requestParameters:
      params && typeof params === 'object'
        ? (params as Record<string, unknown>)
        : null,
  };
}
