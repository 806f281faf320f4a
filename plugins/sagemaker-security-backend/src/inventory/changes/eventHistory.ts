import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import type { FactKind } from '@mlsec/plugin-sagemaker-security-common';
import { attempt } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { ChangeLog } from './changeLog';
import { parseEvent, recordEvent } from './eventMap';

/**
 * Pages of 50 events read at most per account, region and scan: at
 * LookupEvents' 2 requests per second, 100 s. A busier history is cheaper
 * to replace by reading every fact.
 */
export const MAX_EVENT_PAGES = 200;

const EVERY_KIND: FactKind[] = [
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

const SAGEMAKER_SOURCE = 'sagemaker.amazonaws.com';

/** ARNs a SageMaker write names in its parameters (`resourceArn` of AddTags...). */
function arnsOf(params: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(params ?? {})
    .filter(([key, value]) => /arn$/i.test(key) && typeof value === 'string')
    .map(([, value]) => String(value));
}

export type ChangeLogResult = { log: ChangeLog } | { reason: string };

class TooManyEvents extends Error {}

/**
 * The write events of an account and region from `since` to `until`
 * (CloudTrail event history: management events, no trail needed), as the
 * facts they changed. Paced by the client factory (`cloudtrail:LookupEvents`
 * family, AWS's 2 requests per second); a failure (denied, unknown
 * operation, 5xx, throttled past retries) is a reason, not an error of
 * the scan: the caller then reads every fact.
 */
export async function readChangeLog(
  ctx: CollectContext,
  region: string,
  since: Date,
  until: Date,
): Promise<ChangeLogResult> {
  const log = new ChangeLog();
  let pages = 0;
  const read = await attempt(
    'cloudtrail:LookupEvents',
    { target: `${ctx.target.accountId}/${region}` },
    async () => {
      for await (const page of paginateLookupEvents(
        { client: ctx.clients.cloudtrail(region) },
        {
          LookupAttributes: [
            { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
          ],
          StartTime: since,
          EndTime: until,
        },
      )) {
        pages += 1;
        if (pages > MAX_EVENT_PAGES) throw new TooManyEvents();
        for (const summary of page.Events ?? []) {
          log.events += 1;
          const event = parseEvent(summary);
          // An event naming no service could have changed anything.
          if (event) recordEvent(event, log);
          else EVERY_KIND.forEach(kind => log.mark(kind));
          if (event?.eventSource === SAGEMAKER_SOURCE) {
            log.sagemaker.push({
              eventName: event.eventName,
              resourceArns: arnsOf(event.requestParameters),
            });
          }
        }
      }
    },
  );
  if (pages > MAX_EVENT_PAGES) {
    return {
      reason: `more than ${MAX_EVENT_PAGES} pages of write events in ${region} since ${since.toISOString()}`,
    };
  }
  if (!read.ok) {
    return {
      reason: `cloudtrail:LookupEvents in ${region} failed (${read.error.kind}): ${read.error.message}`,
    };
  }
  return { log };
}
