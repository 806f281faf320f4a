/**
 * The benchmark's AWS: the project's AwsSimulator (an HTTP request handler
 * speaking each service's protocol) answering from the estate, behind
 * per-call latency and AWS-style request-rate limits that answer with the
 * service's own throttling error on the wire. The simulator's own
 * `rateLimits` are one window per action across all accounts; AWS limits
 * each account and region separately, which this wrapper does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { RESOURCE_TYPE_DESCRIPTORS } from '@mlsec/plugin-sagemaker-security-common';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { AwsService } from '../../src/inventory/aws/actions';
import {
  AwsSimulator,
  SimCall,
} from '../../src/inventory/simulator/AwsSimulator';
import { throttled } from '../../src/inventory/simulator/awsErrors';
import type {
  Estate,
  EstateAccount,
  EstateRegion,
  EstateSageMakerResource,
} from '../../src/inventory/simulator/estate';
import { AwsProfile, rateOf } from '../options';
import { TokenBuckets } from './TokenBuckets';

/** When the request being answered was sent (see `SimulatedAws.handle`). */
const SENT_AT = new AsyncLocalStorage<number>();

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Where a call's rate limit is kept: IAM per account, the rest per account and region. */
export function bucketKey(
  accountId: string,
  region: string,
  service: AwsService | string,
  action: string,
): string {
  return `${accountId}|${service === 'iam' ? 'global' : region}|${action}`;
}

/** The static access key of an account in the benchmark (no STS). */
export function benchAccessKey(accountId: string): string {
  return `AKIA${accountId}BNCH`;
}

/**
 * SageMaker describes the index answers: operation → (type, input field =
 * description field), for every descriptor described by one such field.
 */
const DESCRIBES: Record<string, [string, string]> = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(({ id, api, simulator }) => {
    const inputs = Object.keys(api.describeInput);
    return inputs.length === 1 && simulator.match === undefined
      ? [[api.describe, [id, inputs[0]]]]
      : [];
  }),
);

/** Search's `Resource` → the type it reads (from the descriptors). */
const SEARCHED: Record<string, string> = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(({ id, api }) =>
    api.search ? [[api.search.resource, id]] : [],
  ),
);

/** The Tagging API's `sagemaker:<arnSegment>` → the type. */
const TAGGED: Record<string, string> = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.map(({ id, arnSegment }) => [
    `sagemaker:${arnSegment}`,
    id,
  ]),
);

const TOKEN = 'sim:';

/**
 * The simulator finds a resource by scanning its type's list: O(n) per
 * call, minutes of CPU at 50,000 jobs, taken from the cores the scanner
 * runs on. Describes and tag reads are therefore answered by a second
 * simulator over a one-resource view of the region, found by index; the
 * simulator still builds the answer (and the first one puts it on the
 * wire). Safe because the simulator (without latency) reads its estate
 * synchronously when called.
 */
class IndexedView {
  private readonly byKey = new Map<
    string,
    { type: string; resource: EstateSageMakerResource }
  >();
  private readonly region: EstateRegion = { region: '', sagemaker: {} };
  private readonly account: EstateAccount = {
    accountId: '',
    regions: [this.region],
  };
  private readonly simulator: AwsSimulator;
  /** Search and GetResources listings, sorted once per scan and paged by offset. */
  private readonly listings = new Map<
    string,
    {
      source: EstateSageMakerResource[];
      length: number;
      items: EstateSageMakerResource[];
    }
  >();

  constructor(
    private readonly estate: Estate,
    private readonly pageSize: number,
  ) {
    this.simulator = new AwsSimulator(
      { name: 'view', accounts: [this.account] },
      { pageSize },
    );
    const describeKeys = Object.values(DESCRIBES);
    for (const account of estate.accounts) {
      for (const region of account.regions) {
        for (const [type, list] of Object.entries(region.sagemaker)) {
          const key = describeKeys.find(([t]) => t === type)?.[1];
          for (const resource of list ?? []) {
            const d = resource.description;
            const at = `${account.accountId}|${region.region}`;
            const entry = { type, resource };
            if (key) this.byKey.set(`${at}|${type}|${d[key]}`, entry);
            const arn = Object.entries(d).find(
              ([k, v]) =>
                k.endsWith('Arn') && String(v).includes(':sagemaker:'),
            )?.[1];
            if (arn) this.byKey.set(`${at}|arn|${arn}`, entry);
          }
        }
      }
    }
  }

  /**
   * One page of a Search or GetResources listing: the listing is filtered
   * and sorted once (kept while its type's list keeps its length), the page
   * answered by the simulator from a view holding that page only.
   */
  private async page(
    call: SimCall,
    type: string,
    listing: (all: EstateSageMakerResource[]) => EstateSageMakerResource[],
    names: { token: string; size: string },
  ): Promise<object> {
    const region = this.estate.accounts
      .find(a => a.accountId === call.accountId)
      ?.regions.find(r => r.region === call.region);
    const source =
      (region?.sagemaker as Record<string, EstateSageMakerResource[]>)?.[
        type
      ] ?? [];
    const { [names.token]: token, ...rest } = call.input;
    const key = `${call.accountId}|${call.region}|${
      call.operation
    }|${JSON.stringify(rest)}`;
    let cached = this.listings.get(key);
    if (
      !cached ||
      cached.source !== source ||
      cached.length !== source.length
    ) {
      cached = { source, length: source.length, items: listing(source) };
      this.listings.set(key, cached);
    }
    const offset = token ? Number(String(token).slice(TOKEN.length)) : 0;
    const size = Math.min(
      Number(rest[names.size]) || this.pageSize,
      this.pageSize,
    );
    this.account.accountId = call.accountId;
    this.region.region = call.region;
    this.region.sagemaker = {
      [type]: cached.items.slice(offset, offset + size),
    };
    const answer = (await this.simulator.answer({
      ...call,
      input: rest,
    })) as Record<string, unknown>;
    const out = names.token === 'NextToken' ? 'NextToken' : 'PaginationToken';
    return offset + size < cached.items.length
      ? { ...answer, [out]: `${TOKEN}${offset + size}` }
      : answer;
  }

  /** The answer from the view, or undefined when the index does not know the call. */
  answer(call: SimCall): Promise<object> | undefined {
    if (call.operation === 'Search' && SEARCHED[call.input.Resource]) {
      // The simulator's Search handler filters and sorts the page it is given.
      const sorted = (all: EstateSageMakerResource[]) => {
        const sign = call.input.SortOrder === 'Ascending' ? 1 : -1;
        const after = call.input.SearchExpression?.Filters?.[0]?.Value;
        return all
          .filter(
            r => !after || String(r.description.CreationTime) >= String(after),
          )
          .sort(
            (a, b) =>
              sign *
              String(a.description.CreationTime ?? '').localeCompare(
                String(b.description.CreationTime ?? ''),
              ),
          );
      };
      return this.page(call, SEARCHED[call.input.Resource], sorted, {
        token: 'NextToken',
        size: 'MaxResults',
      });
    }
    const filters: string[] | undefined = call.input.ResourceTypeFilters;
    if (
      call.operation === 'GetResources' &&
      filters?.length === 1 &&
      TAGGED[filters[0]]
    ) {
      return this.page(
        call,
        TAGGED[filters[0]],
        all => all.filter(r => Object.keys(r.tags ?? {}).length > 0),
        { token: 'PaginationToken', size: 'ResourcesPerPage' },
      );
    }
    if (call.service !== 'sagemaker') return undefined;
    const at = `${call.accountId}|${call.region}`;
    const describe = DESCRIBES[call.operation];
    const found =
      call.operation === 'ListTags'
        ? this.byKey.get(`${at}|arn|${call.input.ResourceArn}`)
        : describe &&
          this.byKey.get(`${at}|${describe[0]}|${call.input[describe[1]]}`);
    if (!found) return undefined;
    this.account.accountId = call.accountId;
    this.region.region = call.region;
    this.region.sagemaker = { [found.type]: [found.resource] };
    return this.simulator.answer(call);
  }
}

export class SimulatedAws {
  readonly simulator: AwsSimulator;
  /** Requests received per IAM action, throttled ones included. */
  readonly requests: Record<string, number> = {};
  readonly throttled: Record<string, number> = {};
  /** Requests let through per rate-limit bucket. */
  readonly admitted = new Map<string, number>();
  private readonly view: IndexedView;
  private limits: TokenBuckets;

  constructor(
    readonly estate: Estate,
    private profile: AwsProfile,
    pageSize = 100,
  ) {
    this.simulator = new AwsSimulator(estate, {
      pageSize,
      accessKeys: Object.fromEntries(
        estate.accounts.map(a => [benchAccessKey(a.accountId), a.accountId]),
      ),
    });
    this.view = new IndexedView(estate, pageSize);
    this.limits = new TokenBuckets(profile.burstSeconds);
    this.simulator.intercept((call, answer) => this.call(call, answer));
  }

  /** Latency and rate limits in force. */
  get currentProfile(): AwsProfile {
    return this.profile;
  }

  /** Changes latency and rate limits from now on (fresh buckets). */
  setProfile(profile: AwsProfile) {
    this.profile = profile;
    this.limits = new TokenBuckets(profile.burstSeconds);
  }

  resetCounts() {
    for (const k of Object.keys(this.requests)) delete this.requests[k];
    for (const k of Object.keys(this.throttled)) delete this.throttled[k];
    this.admitted.clear();
  }

  totalRequests(): number {
    return Object.values(this.requests).reduce((a, b) => a + b, 0);
  }

  totalThrottled(): number {
    return Object.values(this.throttled).reduce((a, b) => a + b, 0);
  }

  /**
   * One HTTP request to the simulated AWS. `sentAt` (ms since the epoch):
   * when the client sent it. The rate limits then see it arrive one latency
   * later, as AWS would, however late this process (busy serving other
   * requests on shared cores) gets to it.
   */
  handle(
    request: HttpRequest,
    options: { sentAt?: number } = {},
  ): Promise<{ response: HttpResponse }> {
    return options.sentAt === undefined
      ? this.simulator.handle(request)
      : SENT_AT.run(options.sentAt, () => this.simulator.handle(request));
  }

  /** One AWS request: latency, then the rate limit, then the simulator's answer. */
  private async call(
    call: SimCall,
    answer: () => Promise<object>,
  ): Promise<object> {
    const { action, accountId, region, service } = call;
    this.requests[action] = (this.requests[action] ?? 0) + 1;
    const sentAt = SENT_AT.getStore();
    const arrival =
      sentAt === undefined
        ? undefined
        : sentAt - performance.timeOrigin + this.profile.latencyMs;
    if (this.profile.latencyMs > 0) await sleep(this.profile.latencyMs);
    const rate = rateOf(this.profile.rates, action);
    const bucket = bucketKey(accountId, region, service, action);
    if (rate !== undefined && !this.limits.take(bucket, rate, arrival)) {
      this.throttled[action] = (this.throttled[action] ?? 0) + 1;
      throw throttled(service, action);
    }
    this.admitted.set(bucket, (this.admitted.get(bucket) ?? 0) + 1);
    return this.view.answer(call) ?? answer();
  }
}
