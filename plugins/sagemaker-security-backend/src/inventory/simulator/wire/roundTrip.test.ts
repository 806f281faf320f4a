/**
 * Every operation the collector sends (iam-policy.json), and STS's, through
 * a real SDK client and the simulator: the input the SDK serializes is the
 * input the simulator decodes from the wire, and the output the simulator
 * encodes is the output the SDK's own deserializer gives back — every
 * member of the model, with dates, blobs, nested lists, maps and (second
 * variant) empty lists and maps.
 */
import { iamActionOf } from '../../aws/actions';
import { AwsSimulator } from '../AwsSimulator';
import policy from '../../../../iam-policy.json';
import { sampleValue } from './__testUtils__/sampleValue';
import { ioOf } from './schema';
import { sdkClientOf, SimService, wireService } from './services';

const ACCOUNT = '123456789012';
const KEY = 'AKIAROUNDTRIPTEST001';

const ACTIONS = [
  ...policy.Statement.flatMap(s => s.Action),
  'sts:AssumeRole',
  'sts:GetCallerIdentity',
];

function operationOf(action: string) {
  const service = action.split(':')[0] as SimService;
  const operation = wireService(service)
    .operations()
    .find(op =>
      service === 'sts'
        ? `sts:${op[2]}` === action
        : iamActionOf(service, op[2]) === action,
    );
  if (!operation) throw new Error(`No SDK operation for ${action}`);
  return { service, operation };
}

/** What a protocol cannot carry: empty lists (EC2 Query) and empty maps (Query) are not sent. */
function asSent(
  value: unknown,
  drop: { lists: boolean; maps: boolean },
): unknown {
  if (Array.isArray(value)) return value.map(v => asSent(v, drop));
  if (value instanceof Date || value instanceof Uint8Array) return value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const emptyList = Array.isArray(v) && v.length === 0;
      const emptyMap =
        !Array.isArray(v) &&
        v !== null &&
        typeof v === 'object' &&
        !(v instanceof Date) &&
        !(v instanceof Uint8Array) &&
        Object.keys(v).length === 0;
      if ((emptyList && drop.lists) || (emptyMap && drop.maps)) continue;
      out[k] = asSent(v, drop);
    }
    return out;
  }
  return value;
}

/**
 * The SDK deserializes a JSON-document string member (`@mediaType
 * application/json`, e.g. `HumanLoopActivationConditions`) as a
 * `LazyJsonString`, a String object with the same text: compared as that text.
 */
function unwrapStrings(value: unknown): unknown {
  if (value instanceof String) return value.toString();
  if (Array.isArray(value)) return value.map(unwrapStrings);
  if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, unwrapStrings(v)]),
    );
  }
  return value;
}

async function roundTrip(action: string, empty: boolean) {
  const { service, operation } = operationOf(action);
  const { input: inSchema, output: outSchema } = ioOf(operation);
  const input = (sampleValue(inSchema, { empty }) ?? {}) as Record<
    string,
    unknown
  >;
  if (service === 's3') input.Bucket = 'round-trip-bucket';
  const xml = !wireService(service).protocol.includes('Json');
  const output = sampleValue(outSchema, { empty, xml }) ?? {};

  const simulator = new AwsSimulator(
    { name: 'round trip', accounts: [{ accountId: ACCOUNT, regions: [] }] },
    { accessKeys: { [KEY]: ACCOUNT } },
  );
  const received: Array<Record<string, unknown>> = [];
  simulator.intercept(async call => {
    received.push(call.input);
    return output as object;
  });
  const { Client, command } = sdkClientOf(service);
  const client = new Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: KEY, secretAccessKey: 'round-trip' },
    requestHandler: simulator,
    maxAttempts: 1,
  });
  const Command = command(operation[2]);
  const { $metadata, ...got } = await client.send(new Command(input));
  client.destroy();

  const protocol = wireService(service).protocol;
  const drop = {
    lists: protocol === 'aws.protocols#ec2Query',
    maps: protocol.endsWith('Query') || protocol.endsWith('#ec2Query'),
  };
  return {
    got: unwrapStrings(got),
    output,
    received,
    sent: asSent(input, drop),
    $metadata,
  };
}

describe('round trip through the wire, every operation the collector sends', () => {
  it('covers every action of the IAM policy', () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(60);
    for (const action of ACTIONS)
      expect(() => operationOf(action)).not.toThrow();
  });

  it.each(ACTIONS)(
    '%s: every member, two entries per list and map',
    async action => {
      const { got, output, received, sent, $metadata } = await roundTrip(
        action,
        false,
      );
      expect($metadata.httpStatusCode).toBe(200);
      expect(received).toEqual([sent]);
      expect(got).toEqual(output);
    },
  );

  it.each(ACTIONS)('%s: empty lists and maps', async action => {
    const { got, output, received, sent } = await roundTrip(action, true);
    expect(received).toEqual([sent]);
    expect(got).toEqual(output);
  });
});
