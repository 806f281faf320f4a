import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { AwsSimulator } from '../../AwsSimulator';
import {
  accessDenied,
  MalformedAnswer,
  SimulatedAwsError,
} from '../../awsErrors';
import type { Estate } from '../../estate';
import { sdkClientOf, SimService } from '../services';

export const ACCOUNT = '123456789012';
const KEY = 'AKIAERRORTESTKEY0001';
export const ATTEMPTS = 3;

const estate = (): Estate => ({
  name: 'errors',
  accounts: [
    {
      accountId: ACCOUNT,
      regions: [{ region: 'eu-west-1', sagemaker: {} }],
      buckets: [{ name: 'no-config', region: 'eu-west-1' }],
    },
  ],
});

export interface Sent {
  service: SimService;
  operation: string;
  input?: Record<string, unknown>;
  /** What the simulated AWS answers instead of the estate's answer. */
  answer?: () => SimulatedAwsError | MalformedAnswer;
  accessKeyId?: string;
  method?: string;
}

/**
 * Sends one command with a real SDK client whose transport is a simulator
 * answering `answer` (else from a one-bucket estate); the SDK's error, if any.
 */
export async function send(sent: Sent) {
  const simulator = new AwsSimulator(estate(), {
    accessKeys: { [KEY]: ACCOUNT },
  });
  if (sent.answer) {
    const answer = sent.answer;
    simulator.intercept(async () => {
      throw answer();
    });
  }
  const { Client, command } = sdkClientOf(sent.service);
  const client = new Client({
    region: 'eu-west-1',
    credentials: {
      accessKeyId: sent.accessKeyId ?? KEY,
      secretAccessKey: 'errors',
    },
    requestHandler: simulator,
    retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS, 1),
  });
  const Command = command(sent.operation);
  const error = await client.send(new Command(sent.input ?? {})).then(
    () => undefined,
    e => e,
  );
  client.destroy();
  return { error, attempts: simulator.callCounts };
}

export const BUCKET = { Bucket: 'no-config' };
export const denied = (service: SimService, action: string) => () =>
  accessDenied(service, ACCOUNT, action);
