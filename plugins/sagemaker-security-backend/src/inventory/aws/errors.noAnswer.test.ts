/**
 * Error classification when no answer comes: a closed port, a host name
 * that does not resolve, a reset connection, TLS spoken to plain HTTP, and
 * a server that never answers, through real SDK clients.
 */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  closedPort,
  startAwsWire,
  UNRESOLVABLE_HOST,
} from '../__testUtils__/awsWire';
import { calls, config } from '../__testUtils__/sdkCalls';
import { attempt } from './errors';

describe('classifyError, when no answer comes', () => {
  it('a closed port is endpoint_unreachable, naming the address', async () => {
    const port = await closedPort();
    const result = await attempt('sagemaker:ListModels', {}, () =>
      calls['sagemaker:ListModels'](`http://127.0.0.1:${port}`, 1),
    );
    expect(!result.ok && result.error).toEqual({
      kind: 'endpoint_unreachable',
      action: 'sagemaker:ListModels',
      code: 'ECONNREFUSED',
      message: `Could not reach the endpoint of sagemaker:ListModels at 127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`,
    });
  });

  it('a host name that does not resolve is endpoint_unreachable, naming it', async () => {
    const result = await attempt('iam:GetRole', {}, () =>
      calls['iam:GetRole'](`http://${UNRESOLVABLE_HOST}:4566`, 1),
    );
    expect(!result.ok && result.error).toMatchObject({
      kind: 'endpoint_unreachable',
      code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/),
      message: expect.stringContaining(UNRESOLVABLE_HOST),
    });
  });

  it('a reset connection, a TLS failure and a timeout are endpoint_unreachable', async () => {
    const wire = await startAwsWire(r =>
      r.service === 'sagemaker' ? 'reset' : 'hang',
    );
    try {
      const reset = await attempt('sagemaker:ListModels', {}, () =>
        calls['sagemaker:ListModels'](wire.url, 1),
      );
      // TLS spoken to a plain HTTP server.
      const tls = await attempt('sagemaker:ListModels', {}, () =>
        calls['sagemaker:ListModels'](wire.url.replace('http:', 'https:'), 1),
      );
      const timeout = await attempt('kms:DescribeKey', {}, () =>
        new KMSClient({
          ...config(wire.url, 1),
          requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
        }).send(new DescribeKeyCommand({ KeyId: 'k' })),
      );
      expect(!reset.ok && reset.error).toMatchObject({
        kind: 'endpoint_unreachable',
        code: 'ECONNRESET',
      });
      expect(!tls.ok && tls.error).toMatchObject({
        kind: 'endpoint_unreachable',
        message: expect.stringContaining('TLS'),
      });
      expect(!timeout.ok && timeout.error).toMatchObject({
        kind: 'endpoint_unreachable',
        code: expect.stringMatching(/^(TimeoutError|ETIMEDOUT)$/),
        message: expect.stringContaining('timed out'),
      });
    } finally {
      await wire.close();
    }
  });
});
