/**
 * What a scan records when AWS cannot be reached or refuses the region:
 * the real collector and SDK clients, pointed (with documented config
 * only) at a closed port, at a host name that does not resolve, or at a
 * local server answering with AWS's own bytes.
 */
import {
  closedPort,
  jsonError,
  queryError,
  startAwsWire,
  UNRESOLVABLE_HOST,
} from '../__testUtils__/awsWire';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(60_000);

const ACCOUNT = '111122223333';
const STATIC_KEYS = {
  accounts: [
    {
      accountId: ACCOUNT,
      accessKeyId: 'mlsec-static-key',
      secretAccessKey: 'mlsec-static-secret',
    },
  ],
};
const MAIN_KEYS = {
  mainAccount: {
    accessKeyId: 'mlsec-main-key',
    secretAccessKey: 'mlsec-main-secret',
  },
};
const ROLE = {
  ...MAIN_KEYS,
  accounts: [
    { accountId: ACCOUNT, roleName: 'Scanner', externalId: 'mlsec-ext-91' },
  ],
};

async function scanAt(endpoint: string, aws: object, regions = ['us-east-1']) {
  const { scan } = await scanOnce({
    aws,
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(endpoint) },
    },
  });
  return scan;
}

describe('a scan pointed at an endpoint it cannot reach', () => {
  it('records a closed port as endpoint_unreachable, never access_denied', async () => {
    const port = await closedPort();
    const scan = await scanAt(`http://127.0.0.1:${port}`, STATIC_KEYS);
    const [target] = scan.targets;
    expect(target.status).toBe('failed');
    expect(target.errors.length).toBeGreaterThan(0);
    for (const error of target.errors) {
      expect(error).toMatchObject({
        kind: 'endpoint_unreachable',
        code: 'ECONNREFUSED',
        message: expect.stringContaining(`at 127.0.0.1:${port}`),
      });
    }
  });

  it('records a host name that does not resolve as endpoint_unreachable, never access_denied', async () => {
    const scan = await scanAt(`http://${UNRESOLVABLE_HOST}:4566`, STATIC_KEYS);
    const [target] = scan.targets;
    expect(target.status).toBe('failed');
    expect(target.errors.length).toBeGreaterThan(0);
    for (const error of target.errors) {
      expect(error).toMatchObject({
        kind: 'endpoint_unreachable',
        message: expect.stringContaining(UNRESOLVABLE_HOST),
      });
    }
  });

  it('records an unreachable STS endpoint during role assumption as endpoint_unreachable (was access_denied "Not authorized to perform sts:AssumeRole")', async () => {
    const port = await closedPort();
    const scan = await scanAt(`http://127.0.0.1:${port}`, ROLE);
    expect(scan.targets[0]).toMatchObject({
      status: 'failed',
      errors: [
        {
          kind: 'endpoint_unreachable',
          action: 'sts:AssumeRole',
          target: ACCOUNT,
          code: 'ECONNREFUSED',
          message: `Could not obtain credentials for account ${ACCOUNT}: Could not reach the endpoint of sts:AssumeRole at 127.0.0.1:${port}: the connection was refused (ECONNREFUSED); tried role assumption of arn:aws:iam::${ACCOUNT}:role/Scanner (with an external ID) with the main account's credentials (the static keys of aws.mainAccount), through the STS endpoint http://127.0.0.1:${port}`,
        },
      ],
    });
  });

  it('with main account keys and every endpoint overridden, sends the account lookup to the sts override: a DNS failure is endpoint_unreachable (was access_denied)', async () => {
    const scan = await scanAt(`http://${UNRESOLVABLE_HOST}:4566`, MAIN_KEYS);
    expect(scan.targets[0]).toMatchObject({
      status: 'failed',
      errors: [
        {
          kind: 'endpoint_unreachable',
          action: 'sts:GetCallerIdentity',
          message: expect.stringContaining(
            `Could not reach the endpoint of sts:GetCallerIdentity at ${UNRESOLVABLE_HOST}`,
          ),
        },
      ],
    });
  });
});

describe('a region that is not enabled for the account', () => {
  const REFUSED = jsonError(
    400,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );

  it('is region_disabled and failed, never succeeded, when the credentials work elsewhere', async () => {
    // IAM (global) accepts the credentials; every regional service refuses.
    const wire = await startAwsWire(r =>
      r.service === 'iam'
        ? queryError(
            404,
            'NoSuchEntity',
            'The role with name mlsec-sagemaker-security-credentials-check cannot be found.',
          )
        : REFUSED,
    );
    try {
      const scan = await scanAt(wire.url, STATIC_KEYS, ['me-south-1']);
      expect(scan.targets[0]).toMatchObject({
        region: 'me-south-1',
        status: 'failed',
        resourceCount: 0,
        errorCount: 1,
        errors: [
          {
            kind: 'region_disabled',
            code: 'UnrecognizedClientException',
          },
        ],
      });
      // One regional call, then one to IAM to tell it from bad credentials.
      expect(wire.requests.map(r => r.service)).toEqual(['sagemaker', 'iam']);
    } finally {
      await wire.close();
    }
  });

  it('is credentials_unavailable when IAM refuses the credentials too', async () => {
    const wire = await startAwsWire(r =>
      r.service === 'iam'
        ? queryError(
            403,
            'InvalidClientTokenId',
            'The security token included in the request is invalid.',
          )
        : REFUSED,
    );
    try {
      const scan = await scanAt(wire.url, STATIC_KEYS, ['me-south-1']);
      expect(scan.targets[0]).toMatchObject({
        status: 'failed',
        errors: [
          {
            kind: 'credentials_unavailable',
            code: 'InvalidClientTokenId',
            message: expect.stringContaining(
              'tried the static keys of aws.accounts[0]',
            ),
          },
        ],
      });
    } finally {
      await wire.close();
    }
  });
});
