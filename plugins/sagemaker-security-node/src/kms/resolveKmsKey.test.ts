import {
  ACCOUNT,
  collectionError,
  fact,
  factLookup,
  KEY_ARN,
  KEY_ID,
  kmsAliases,
  kmsKey,
  notebook,
  REGION,
} from '../testing/fixtures';
import { parseKmsReference, resolveKmsKey } from './resolveKmsKey';

const target = notebook();

describe('resolveKmsKey', () => {
  const facts = factLookup([kmsKey(), kmsAliases({ 'alias/ml-data': KEY_ID })]);

  it.each([
    ['key ID', KEY_ID],
    ['key ARN', KEY_ARN],
    ['alias name', 'alias/ml-data'],
    ['alias ARN', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ml-data`],
  ])('resolves a %s to the same key', (_kind, reference) => {
    const resolution = resolveKmsKey(reference, target, facts);
    expect(resolution).toMatchObject({ status: 'resolved', keyArn: KEY_ARN });
  });

  it('resolves a key in another region by its ARN, using that region', () => {
    const otherArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
    const lookup = factLookup(
      [kmsKey({}, { arn: otherArn })].map(item => ({
        ...item,
        region: 'us-east-1',
      })),
    );
    expect(resolveKmsKey(otherArn, target, lookup)).toMatchObject({
      status: 'resolved',
      keyArn: otherArn,
    });
  });

  it('builds the key ARN in the partition of the resource', () => {
    const china = notebook(
      {},
      { arn: `arn:aws-cn:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/x` },
    );
    const chinaArn = `arn:aws-cn:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
    expect(
      resolveKmsKey(KEY_ID, china, factLookup([kmsKey({}, { arn: chinaArn })])),
    ).toMatchObject({ status: 'resolved' });
  });

  it('recognises alias/aws/* as AWS-managed when the alias list does not name it', () => {
    expect(
      resolveKmsKey(
        'alias/aws/sagemaker',
        target,
        factLookup([kmsAliases({})]),
      ),
    ).toEqual({
      status: 'aws-managed-alias',
      alias: 'alias/aws/sagemaker',
    });
  });

  it('follows alias/aws/* to its key when the alias list names it', () => {
    const lookup = factLookup([
      kmsAliases({ 'alias/aws/sagemaker': KEY_ID }),
      kmsKey({ keyManager: 'AWS' }),
    ]);
    const resolution = resolveKmsKey('alias/aws/sagemaker', target, lookup);
    expect(resolution.status === 'resolved' && resolution.key.keyManager).toBe(
      'AWS',
    );
  });

  it.each([
    [
      'aliases not collected',
      'alias/ml-data',
      factLookup([kmsKey()]),
      ['kms:ListAliases'],
      true,
    ],
    [
      'aliases denied',
      'alias/ml-data',
      factLookup([
        {
          ...kmsAliases({}),
          data: undefined,
          errors: [collectionError('kms:ListAliases')],
        },
      ]),
      ['kms:ListAliases'],
      false,
    ],
    ['unknown alias', 'alias/gone', factLookup([kmsAliases({})]), [], false],
    ['key not collected', KEY_ID, factLookup([]), ['kms:DescribeKey'], true],
    [
      'DescribeKey denied',
      KEY_ID,
      factLookup([
        fact('kms-key', KEY_ARN, undefined, {
          errors: [collectionError('kms:DescribeKey')],
        }),
      ]),
      ['kms:DescribeKey'],
      false,
    ],
    ['not a key reference', 'arn:aws:s3:::bucket', factLookup([]), [], false],
  ])(
    'is unresolved when %s',
    (_name, reference, lookup, missing, notCollected) => {
      const resolution = resolveKmsKey(reference, target, lookup);
      expect(resolution).toMatchObject({
        status: 'unresolved',
        missing,
        notCollected,
      });
    },
  );
});

describe('parseKmsReference', () => {
  it('reads account and region from ARNs and defaults them from the resource', () => {
    expect(
      parseKmsReference('arn:aws:kms:us-west-2:222:alias/x', target),
    ).toEqual({
      kind: 'alias',
      id: 'alias/x',
      partition: 'aws',
      accountId: '222',
      region: 'us-west-2',
    });
    expect(parseKmsReference('mrk-1234', target)).toMatchObject({
      kind: 'key',
      accountId: ACCOUNT,
      region: REGION,
    });
    expect(parseKmsReference('  ', target)).toBeUndefined();
  });
});
