import { createIdentify } from './identities';
import {
  IntrinsicResolver,
  NO_VALUE,
  StackEnvironment,
  Unresolved,
} from './intrinsics';
import { CloudFormationTemplate } from './parse';

const env: StackEnvironment = {
  accountId: '000000000000',
  region: 'eu-west-1',
  partition: 'aws',
  stackName: 'stack',
};

function resolverFor(partial: Partial<CloudFormationTemplate>) {
  const template: CloudFormationTemplate = {
    file: 'stack.yaml',
    Parameters: {},
    Mappings: {},
    Conditions: {},
    Resources: {},
    ...partial,
  };
  return new IntrinsicResolver(template, env, createIdentify(template, env));
}

describe('IntrinsicResolver', () => {
  const resolver = resolverFor({
    Parameters: {
      Env: { Type: 'String', Default: 'prod' },
      Count: { Type: 'Number', Default: '2' },
      Subnets: {
        Type: 'List<AWS::EC2::Subnet::Id>',
        Default: 'subnet-1, subnet-2',
      },
      KeyArn: { Type: 'String' },
      Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/ami' },
    },
    Mappings: { Sizes: { prod: { Instance: 'ml.m5.xlarge' } } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      HasKey: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'KeyArn' }, ''] }] },
      ProdAndKey: {
        'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'HasKey' }],
      },
      NotProdOrKey: {
        'Fn::Or': [
          { 'Fn::Not': [{ Condition: 'IsProd' }] },
          { Condition: 'HasKey' },
        ],
      },
    },
    Resources: {
      Key: { Type: 'AWS::KMS::Key' },
      Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'exec' } },
      Bucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: { 'Fn::Sub': '${AWS::StackName}-data-${AWS::AccountId}' },
        },
      },
      Domain: {
        Type: 'AWS::SageMaker::Domain',
        Properties: { DomainName: 'studio' },
      },
      Model: { Type: 'AWS::SageMaker::Model' },
      Queue: { Type: 'AWS::SQS::Queue' },
    },
  });

  it('resolves pseudo parameters and parameter defaults', () => {
    expect(
      resolver.resolve({
        a: { Ref: 'AWS::Region' },
        b: { Ref: 'AWS::AccountId' },
        c: { Ref: 'Env' },
        d: { Ref: 'Count' },
        e: { Ref: 'Subnets' },
      }),
    ).toEqual({
      a: 'eu-west-1',
      b: '000000000000',
      c: 'prod',
      d: 2,
      e: ['subnet-1', 'subnet-2'],
    });
  });

  it('leaves parameters without a default, SSM parameters and imports unresolved', () => {
    const value = resolver.resolve({
      key: { Ref: 'KeyArn' },
      ami: { Ref: 'Ami' },
      imported: { 'Fn::ImportValue': 'SharedVpc' },
      joined: { 'Fn::Join': ['', ['arn:', { Ref: 'KeyArn' }]] },
      sub: { 'Fn::Sub': '${KeyArn}/x' },
    }) as Record<string, Unresolved>;
    for (const field of ['key', 'ami', 'imported', 'joined', 'sub']) {
      expect(value[field]).toBeInstanceOf(Unresolved);
    }
    expect(value.key.expression).toBe(
      '!Ref KeyArn (a parameter without a default)',
    );
    expect(value.imported.expression).toBe('!ImportValue SharedVpc');
  });

  it('gives resources stable synthetic identities', () => {
    const keyArn = resolver.resolve({ 'Fn::GetAtt': ['Key', 'Arn'] }) as string;
    expect(keyArn).toMatch(
      /^arn:aws:kms:eu-west-1:000000000000:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    // Ref of a key is treated as its ARN, so that facts are found by ARN.
    expect(resolver.resolve({ Ref: 'Key' })).toBe(keyArn);
    expect(resolver.resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe(
      'arn:aws:iam::000000000000:role/exec',
    );
    expect(resolver.resolve({ Ref: 'Bucket' })).toBe('stack-data-000000000000');
    expect(resolver.resolve({ 'Fn::Sub': '${Bucket.Arn}/*' })).toBe(
      'arn:aws:s3:::stack-data-000000000000/*',
    );
    expect(resolver.resolve({ 'Fn::GetAtt': ['Domain', 'DomainId'] })).toMatch(
      /^d-[0-9a-f]{12}$/,
    );
    expect(resolver.resolve({ 'Fn::GetAtt': ['Model', 'ModelName'] })).toBe(
      'Model',
    );
    expect(resolver.resolve({ Ref: 'Model' })).toBe(
      'arn:aws:sagemaker:eu-west-1:000000000000:model/model',
    );
    expect(resolver.resolve({ Ref: 'Queue' })).toBeInstanceOf(Unresolved);
    expect(resolver.resolve({ 'Fn::GetAtt': ['Key', 'Nope'] })).toBeInstanceOf(
      Unresolved,
    );
  });

  it('evaluates conditions, and keeps them unresolved when they depend on unknown input', () => {
    expect(resolver.conditionHolds('IsProd')).toBe(true);
    expect(resolver.conditionHolds('HasKey')).toBeInstanceOf(Unresolved);
    expect(resolver.conditionHolds('ProdAndKey')).toBeInstanceOf(Unresolved);
    expect(resolver.conditionHolds('NotProdOrKey')).toBeInstanceOf(Unresolved);
    expect(resolver.resolve({ 'Fn::If': ['IsProd', 'yes', 'no'] })).toBe('yes');
    expect(
      resolver.resolve({ 'Fn::If': ['HasKey', 'yes', 'no'] }),
    ).toBeInstanceOf(Unresolved);
  });

  it('drops AWS::NoValue from maps and lists', () => {
    expect(
      resolver.resolve({
        kept: 1,
        dropped: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] },
        list: ['a', { Ref: 'AWS::NoValue' }],
      }),
    ).toEqual({ kept: 1, list: ['a'] });
    expect(resolver.resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('resolves Select, Split, Join, FindInMap, Base64 and GetAZs', () => {
    expect(
      resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }),
    ).toBe('b');
    expect(resolver.resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }]] })).toBe(
      'a-prod',
    );
    expect(
      resolver.resolve({
        'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Instance'],
      }),
    ).toBe('ml.m5.xlarge');
    expect(
      resolver.resolve({ 'Fn::FindInMap': ['Sizes', 'dev', 'Instance'] }),
    ).toBeInstanceOf(Unresolved);
    expect(
      resolver.resolve({ 'Fn::Base64': { 'Fn::Sub': 'echo ${Env}' } }),
    ).toBe(Buffer.from('echo prod').toString('base64'));
    expect(resolver.resolve({ 'Fn::GetAZs': '' })).toEqual([
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]);
    expect(
      resolver.resolve({ 'Fn::Sub': ['${!Literal}-${X}', { X: 'y' }] }),
    ).toBe('${Literal}-y');
  });
});
