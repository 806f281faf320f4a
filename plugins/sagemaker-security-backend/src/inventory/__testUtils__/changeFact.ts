import { randomUUID } from 'node:crypto';
import type { Estate, EstateRegion } from '../simulator/estate';
import { IAM_EVENT_REGION } from '../changes/plan';

export interface RecordedWrite {
  /** e.g. `s3.amazonaws.com` */
  eventSource: string;
  eventName: string;
  requestParameters?: Record<string, unknown>;
  /** Region of the call; IAM's events are always recorded in us-east-1. */
  region: string;
  accountId?: string;
  resources?: Array<{ ARN?: string; accountId?: string; type?: string }>;
  /** When it happened; now when absent. */
  at?: Date;
}

function regionOf(estate: Estate, accountId: string | undefined, name: string) {
  const account = accountId
    ? estate.accounts.find(a => a.accountId === accountId)
    : estate.accounts[0];
  if (!account) throw new Error(`no account ${accountId} in the estate`);
  let region = account.regions.find(r => r.region === name);
  if (!region) {
    region = { region: name, sagemaker: {} } as EstateRegion;
    account.regions.push(region);
  }
  return { account, region };
}

/**
 * Appends a write event to the estate's event history as CloudTrail
 * records it (the summary and the `CloudTrailEvent` JSON).
 */
export function recordWrite(estate: Estate, write: RecordedWrite): void {
  const where =
    write.eventSource === 'iam.amazonaws.com' ? IAM_EVENT_REGION : write.region;
  const { account, region } = regionOf(estate, write.accountId, where);
  const at = (write.at ?? new Date()).toISOString();
  const eventId = randomUUID();
  const resources = write.resources ?? [];
  (region.events ??= []).push({
    EventId: eventId,
    EventName: write.eventName,
    EventSource: write.eventSource,
    EventTime: at,
    ReadOnly: 'false',
    Username: 'admin',
    Resources: resources.map(r => ({
      ResourceType: r.type,
      ResourceName: r.ARN,
    })),
    CloudTrailEvent: JSON.stringify({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', accountId: account.accountId },
      eventTime: at,
      eventSource: write.eventSource,
      eventName: write.eventName,
      awsRegion: where,
      sourceIPAddress: '203.0.113.1',
      userAgent: 'aws-cli/2',
      requestParameters: write.requestParameters ?? null,
      responseElements: null,
      requestID: randomUUID(),
      eventID: eventId,
      readOnly: false,
      resources,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account.accountId,
      eventCategory: 'Management',
    }),
  });
}

/** Changes the estate and records the write that changed it, together. */
export function changeFact(
  estate: Estate,
  write: RecordedWrite,
  change: (estate: Estate) => void,
): void {
  change(estate);
  recordWrite(estate, write);
}

/** Turns on the rotation of a key (found by its ID in the region), with its `EnableKeyRotation` event. */
export function enableKeyRotation(
  estate: Estate,
  regionName: string,
  keyId: string,
): void {
  changeFact(
    estate,
    {
      eventSource: 'kms.amazonaws.com',
      eventName: 'EnableKeyRotation',
      region: regionName,
      requestParameters: { keyId },
    },
    e => {
      const key = e.accounts[0].regions
        .find(r => r.region === regionName)
        ?.kmsKeys?.find(k => k.metadata.KeyId === keyId);
      if (!key) throw new Error(`no key ${keyId} in ${regionName}`);
      key.rotationEnabled = true;
    },
  );
}
