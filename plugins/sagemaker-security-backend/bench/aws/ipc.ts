/**
 * The simulated AWS across a process boundary: the scanner runs in a child
 * process (so its peak RSS is the scanner's alone, as against real AWS),
 * and each SDK call goes to the parent over IPC at the same middleware step
 * the in-process simulator uses. Errors keep the fields the SDK's retry
 * strategy reads (name, $metadata, $retryable).
 */
import type { ChildProcess } from 'node:child_process';
import { HttpResponse } from '@smithy/protocol-http';
import type {
  ClientCustomizer,
  ClientInfo,
} from '../../src/inventory/aws/clients';
import type { SimulatedAws } from './SimulatedAws';

interface AwsRequest {
  t: 'aws';
  id: number;
  info: ClientInfo;
  commandName: string;
  input: unknown;
}

interface AwsReply {
  t: 'aws';
  id: number;
  output?: Record<string, unknown>;
  error?: Record<string, unknown>;
}

const ERROR_FIELDS = [
  'name',
  'message',
  '$fault',
  '$metadata',
  '$retryable',
  'Code',
];

function toWire(error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown>;
  return Object.fromEntries(
    ERROR_FIELDS.filter(k => e?.[k] !== undefined).map(k => [k, e[k]]),
  );
}

function fromWire(wire: Record<string, unknown>): Error {
  const { message, ...rest } = wire;
  return Object.assign(new Error(String(message)), rest);
}

/** Parent side: answers the child's AWS calls from `aws`. */
export function serveAws(child: ChildProcess, aws: SimulatedAws) {
  child.on('message', (message: unknown) => {
    const m = message as AwsRequest;
    if (m?.t !== 'aws') return;
    aws
      .call(m.info, m.commandName, m.input)
      .then(
        output => ({ t: 'aws', id: m.id, output } as AwsReply),
        error => ({ t: 'aws', id: m.id, error: toWire(error) } as AwsReply),
      )
      .then(reply => {
        if (child.connected) child.send(reply);
      });
  });
}

/** Child side: an SDK client customizer that sends every call to the parent. */
export function remoteAws(): ClientCustomizer {
  let nextId = 0;
  const pending = new Map<
    number,
    {
      resolve: (o: Record<string, unknown>) => void;
      reject: (e: Error) => void;
    }
  >();
  process.on('message', (message: unknown) => {
    const m = message as AwsReply;
    if (m?.t !== 'aws') return;
    const waiter = pending.get(m.id);
    if (!waiter) return;
    pending.delete(m.id);
    if (m.error) waiter.reject(fromWire(m.error));
    else waiter.resolve(m.output ?? {});
  });
  const call = (info: ClientInfo, commandName: string, input: unknown) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      const request: AwsRequest = { t: 'aws', id, info, commandName, input };
      process.send!(request);
    });
  return (client, info) => {
    const plainInfo: ClientInfo = {
      accountId: info.accountId,
      region: info.region,
      service: info.service,
    };
    client.middlewareStack.add(
      (_next: unknown, context: { commandName?: string }) =>
        async (args: { input: unknown }) => ({
          output: await call(
            plainInfo,
            String(context.commandName),
            args.input,
          ),
          response: new HttpResponse({ statusCode: 200, headers: {} }),
        }),
      { step: 'deserialize', priority: 'high', name: 'benchRemoteAws' },
    );
  };
}
