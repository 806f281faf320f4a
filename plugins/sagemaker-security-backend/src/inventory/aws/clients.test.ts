import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { databaseOf, sqliteMemory } from '../__testUtils__/harness';
import { createInventory } from '../scan/createInventory';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { AWS_SERVICES } from './actions';
import { RATE_FAMILY_KEYS } from '../../config/rateLimits';

const ENDPOINT = 'http://localhost:4566';

const KEY = 'AKIAIOSFODNN7EXAMPLE';

async function scanCapturing(endpoints: Record<string, string>) {
  // The simulated AWS knows the account's static key.
  const simulator = new AwsSimulator(fullEstate(), {
    accessKeys: { [KEY]: ACCOUNT },
  });
  const requests: Array<{
    service: string;
    hostname: string;
    port?: number;
    path: string;
    auth: string;
  }> = [];
  // Sees each signed request as the transport receives it.
  const transport: HttpHandler<any> = {
    handle: async (request: HttpRequest) => {
      const { hostname, port, path, headers } = request;
      const scope = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(
        headers.authorization,
      );
      requests.push({
        service: String(scope?.[1]),
        hostname,
        port,
        path,
        auth: headers.authorization,
      });
      return simulator.handle(request);
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  };
  const inventory = await createInventory({
    config: new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: ACCOUNT,
            accessKeyId: KEY,
            secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          },
        ],
      },
      sagemakerSecurity: {
        scanOnStartup: false,
        accounts: [{ accountId: ACCOUNT, regions: [REGION] }],
        aws: {
          endpoints,
        },
        // Not paced: this is about where requests go, not how fast.
        rateLimits: Object.fromEntries(
          RATE_FAMILY_KEYS.map(family => [family, 'unlimited']),
        ),
      },
    }),
    logger: mockServices.logger.mock(),
    database: databaseOf(sqliteMemory()),
    clientOptions: { requestHandler: transport },
  });
  const run = await inventory.scans.triggerScan({ trigger: 'manual' });
  const scan = await inventory.scans.waitForScan(run.id);
  return { scan, requests };
}

describe('AWS clients', () => {
  it('builds every client against the endpoint override, with static credentials', async () => {
    const { scan, requests } = await scanCapturing(
      Object.fromEntries(AWS_SERVICES.map(s => [s, ENDPOINT])),
    );
    expect(scan?.status).toBe('succeeded');
    // Signing names: CloudWatch signs as `monitoring`, the Tagging API as `tagging`.
    const SIGNING: Record<string, string> = {
      cloudwatch: 'monitoring',
      tag: 'tagging',
    };
    expect(new Set(requests.map(r => r.service))).toEqual(
      new Set(AWS_SERVICES.map(s => SIGNING[s] ?? s)),
    );
    for (const request of requests) {
      expect(request).toMatchObject({ hostname: 'localhost', port: 4566 });
      expect(request.auth).toContain('Credential=AKIAIOSFODNN7EXAMPLE/');
    }
    // Path-style S3: the bucket is in the path, not the host name.
    expect(requests.filter(r => r.service === 's3').map(r => r.path)).toContain(
      '/ml-artifacts/',
    );
  });
});

it('uses AWS endpoints and virtual-hosted S3 without an override', async () => {
  const { requests } = await scanCapturing({});
  const hosts = new Set(requests.map(r => r.hostname));
  expect(hosts).toContain('api.sagemaker.us-east-1.amazonaws.com');
  expect(hosts).toContain('iam.amazonaws.com');
  expect(hosts).toContain('ml-artifacts.s3.eu-west-1.amazonaws.com');
  expect(hosts).not.toContain('localhost');
});
