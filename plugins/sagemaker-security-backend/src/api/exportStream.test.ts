import { mockServices } from '@backstage/backend-test-utils';
import type { Finding } from '@mlsec/plugin-sagemaker-security-common';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamFindings } from './exportStream';

const finding = (n: number): Finding => ({
  entityRef: 'component:default/svc',
  result: {
    checkId: 'c',
    resourceArn: `arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-${n}`,
    resourceType: 'notebook-instance',
    resourceName: `nb-${n}`,
    accountId: '111122223333',
    region: 'us-east-1',
    pillar: 'encryption',
    severity: 'high',
    status: 'fail',
    evaluatedStatus: 'fail',
    message: 'x'.repeat(200),
    evidence: [],
    since: '2026-12-01T00:00:00.000Z',
    evaluatedAt: '2026-12-07T00:00:00.000Z',
  },
  check: { id: 'c', title: 'C', pillar: 'encryption', severity: 'high' },
});

/** A server whose one route streams `batches`. */
async function serve(batches: () => AsyncIterable<Finding[]>) {
  const logger = mockServices.logger.mock();
  const app = express();
  app.get('/', (_req, res) =>
    streamFindings(res, {
      format: 'json',
      filename: 'f',
      batches: batches(),
      referencesOf: () => undefined,
      logger,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, logger, url: `http://127.0.0.1:${port}/` };
}

/** The body as received, and whether the transfer completed. */
function fetchRaw(url: string): Promise<{ body: string; complete: boolean }> {
  return new Promise(resolve => {
    http.get(url, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        body += chunk;
      });
      res.on('end', () => resolve({ body, complete: res.complete }));
      res.on('error', () => resolve({ body, complete: false }));
      res.on('aborted', () => resolve({ body, complete: false }));
    });
  });
}

describe('streamFindings', () => {
  it('writes every batch as one JSON array, waiting for the socket between batches', async () => {
    const { server, url } = await serve(async function* batches() {
      for (let b = 0; b < 200; b++) {
        yield Array.from({ length: 50 }, (_, i) => finding(b * 50 + i));
      }
    });
    try {
      const { body, complete } = await fetchRaw(url);
      expect(complete).toBe(true);
      const parsed = JSON.parse(body);
      expect(parsed).toHaveLength(10_000);
      expect(parsed[9_999].result.resourceName).toBe('nb-9999');
    } finally {
      server.close();
    }
  });

  it('writes [] for no findings', async () => {
    const { server, url } = await serve(async function* batches() {
      yield [];
    });
    try {
      const { body } = await fetchRaw(url);
      expect(JSON.parse(body)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('breaks the transfer when reading fails after the first bytes, so no short file looks complete', async () => {
    const { server, url, logger } = await serve(async function* batches() {
      yield [finding(1)];
      throw new Error('database went away');
    });
    try {
      const { body, complete } = await fetchRaw(url);
      expect(complete).toBe(false);
      expect(() => JSON.parse(body)).toThrow();
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('database went away'),
      );
    } finally {
      server.close();
    }
  });
});
