import {
  CloudFormationParseError,
  mentionsCloudFormation,
  parseCloudFormation,
} from './parse';

describe('parseCloudFormation', () => {
  it('turns every short-form tag into its JSON form', () => {
    const template = parseCloudFormation(
      [
        'Resources:',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      A: !Ref Param',
        '      B: !GetAtt Key.Arn',
        '      C: !GetAtt [Key, KeyId]',
        "      D: !Sub 'arn:${AWS::Partition}:s3:::x'",
        '      E: !Sub',
        "        - '${X}-y'",
        '        - X: !Ref Param',
        "      F: !If [IsProd, !Join ['', [a, !Ref Param]], !Ref AWS::NoValue]",
        '      G: !Select [0, !Split [",", !ImportValue Shared]]',
        "      H: !Base64 'echo hi'",
        '      I: !FindInMap [Map, !Ref AWS::Region, Ami]',
        "      J: !GetAZs ''",
        "      K: !Cidr ['10.0.0.0/16', 4, 8]",
        'Conditions:',
        '  IsProd: !And [!Equals [!Ref Env, prod], !Not [!Condition Other]]',
        '  Other: !Or [!Equals [a, b], !Equals [c, c]]',
      ].join('\n'),
      'stack.yaml',
    )!;
    expect(template.Resources.Bucket.Properties).toEqual({
      A: { Ref: 'Param' },
      B: { 'Fn::GetAtt': ['Key', 'Arn'] },
      C: { 'Fn::GetAtt': ['Key', 'KeyId'] },
      D: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::x' },
      E: { 'Fn::Sub': ['${X}-y', { X: { Ref: 'Param' } }] },
      F: {
        'Fn::If': [
          'IsProd',
          { 'Fn::Join': ['', ['a', { Ref: 'Param' }]] },
          { Ref: 'AWS::NoValue' },
        ],
      },
      G: {
        'Fn::Select': [
          0,
          { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] },
        ],
      },
      H: { 'Fn::Base64': 'echo hi' },
      I: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Ami'] },
      J: { 'Fn::GetAZs': '' },
      K: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
    });
    expect(template.Conditions.IsProd).toEqual({
      'Fn::And': [
        { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        { 'Fn::Not': [{ Condition: 'Other' }] },
      ],
    });
  });

  it('reads JSON templates', () => {
    const template = parseCloudFormation(
      JSON.stringify({
        Resources: {
          Nb: {
            Type: 'AWS::SageMaker::NotebookInstance',
            Properties: { RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } },
          },
        },
      }),
      'nb.json',
    );
    expect(template?.Resources.Nb.Type).toBe(
      'AWS::SageMaker::NotebookInstance',
    );
  });

  it('skips files that are not CloudFormation', () => {
    expect(
      parseCloudFormation(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\n',
        'catalog-info.yaml',
      ),
    ).toBeUndefined();
    expect(
      parseCloudFormation(
        'Resources:\n  x:\n    Type: Custom::Thing\n',
        'a.yaml',
      ),
    ).toBeUndefined();
    // Broken YAML that is not CloudFormation (e.g. a Helm template) is skipped.
    expect(
      parseCloudFormation('key: {{ .Values.x }\n  - nope', 'chart/x.yaml'),
    ).toBeUndefined();
  });

  it('names the file and line of malformed CloudFormation', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Nb:',
      '    Type: AWS::SageMaker::NotebookInstance',
      '   Properties: [',
    ].join('\n');
    expect(() => parseCloudFormation(text, 'infra/nb.yaml')).toThrow(
      CloudFormationParseError,
    );
    expect(() => parseCloudFormation(text, 'infra/nb.yaml')).toThrow(
      /^infra\/nb\.yaml: not valid CloudFormation: line 5/,
    );
    expect(() =>
      parseCloudFormation(
        '{"Resources": {"A": {"Type": "AWS::S3::Bucket"',
        'a.json',
      ),
    ).toThrow(/^a\.json: not valid CloudFormation/);
  });

  it('rejects resources without a type', () => {
    expect(() =>
      parseCloudFormation(
        'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Properties: {}\n',
        'x.yaml',
      ),
    ).toThrow('x.yaml: not valid CloudFormation: resource B has no Type');
  });

  it('recognises CloudFormation text before parsing', () => {
    expect(mentionsCloudFormation('  Type: AWS::S3::Bucket')).toBe(true);
    expect(mentionsCloudFormation('{"Type":"AWS::KMS::Key"}')).toBe(true);
    expect(mentionsCloudFormation('kind: Component')).toBe(false);
  });
});
