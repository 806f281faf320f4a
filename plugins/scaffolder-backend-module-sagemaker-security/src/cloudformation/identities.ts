import { createHash } from 'node:crypto';
import { RESOURCE_TYPE_DESCRIPTORS } from '@mlsec/plugin-sagemaker-security-common';
import {
  Identify,
  isRecord,
  ResourceIdentity,
  StackEnvironment,
  Unresolved,
} from './intrinsics';
import { CloudFormationTemplate } from './parse';

/** Deterministic hex derived from the logical ID, so synthetic IDs are stable. */
export function syntheticHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function syntheticUuid(seed: string): string {
  const h = syntheticHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20)}`;
}

/** SageMaker resource types by CloudFormation type: name property, ARN segment, and whether `Ref` is the name (from the registry). */
export const SAGEMAKER_TYPES: Record<
  string,
  { nameProperty: string; arnSegment: string; refIsName?: boolean }
> = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(({ cloudFormation, arnSegment }) =>
    cloudFormation
      ? [
          [
            cloudFormation.type,
            {
              nameProperty: cloudFormation.nameProperty,
              arnSegment,
              ...(cloudFormation.refIsName ? { refIsName: true } : {}),
            },
          ],
        ]
      : [],
  ),
);

/** The synthetic Studio domain ID of a Domain resource. */
export function syntheticDomainId(seed: string): string {
  return `d-${syntheticHex(`domain:${seed}`, 12)}`;
}

/**
 * Builds the `Ref` / `Fn::GetAtt` values of the template's resources: the
 * declared name when it resolves, otherwise a synthetic one derived from the
 * logical ID (CloudFormation generates a name at deploy).
 */
export function createIdentify(
  template: CloudFormationTemplate,
  env: StackEnvironment,
): Identify {
  const { accountId: a, region: r, partition: p, stackName } = env;
  return (logicalId, resolve) => {
    const declaration = template.Resources[logicalId];
    // Seeded by file too, so that two stacks' `Key` resources differ.
    const seed = `${template.file}#${logicalId}`;
    const props = isRecord(declaration.Properties)
      ? declaration.Properties
      : {};
    const named = (property: string, fallback: string): string => {
      const value =
        props[property] === undefined ? undefined : resolve(props[property]);
      return typeof value === 'string' && value.length > 0 ? value : fallback;
    };
    const ec2Id = (prefix: string) =>
      `${prefix}-${syntheticHex(`${prefix}:${seed}`, 17)}`;
    const simple = (ref: unknown, attributes: Record<string, unknown> = {}) =>
      ({ ref, attributes } satisfies ResourceIdentity);

    const sageMaker = SAGEMAKER_TYPES[declaration.Type];
    if (sageMaker) {
      const name = named(sageMaker.nameProperty, logicalId);
      let path = name.toLowerCase();
      const attributes: Record<string, unknown> = {
        [sageMaker.nameProperty]: name,
      };
      if (declaration.Type === 'AWS::SageMaker::Domain') {
        const domainId = syntheticDomainId(seed);
        path = domainId;
        attributes.DomainId = domainId;
        attributes.Url = `https://${domainId}.studio.${r}.sagemaker.aws`;
      }
      if (
        declaration.Type === 'AWS::SageMaker::UserProfile' ||
        declaration.Type === 'AWS::SageMaker::Space'
      ) {
        const domainId = resolve(props.DomainId);
        path = `${
          typeof domainId === 'string' ? domainId : 'unknown-domain'
        }/${path}`;
      }
      const arn = `arn:${p}:sagemaker:${r}:${a}:${sageMaker.arnSegment}/${path}`;
      for (const key of [
        'Arn',
        `${sageMaker.nameProperty.replace(/Name$/, '')}Arn`,
      ]) {
        attributes[key] = arn;
      }
      if (declaration.Type === 'AWS::SageMaker::Domain') {
        return simple(attributes.DomainId, attributes);
      }
      return simple(sageMaker.refIsName ? name : arn, attributes);
    }

    switch (declaration.Type) {
      case 'AWS::KMS::Key': {
        const keyId = syntheticUuid(`kms:${seed}`);
        const arn = `arn:${p}:kms:${r}:${a}:key/${keyId}`;
        // Ref gives the key ID in CloudFormation; the ARN is the same key and
        // is what the checks resolve facts by.
        return simple(arn, { Arn: arn, KeyId: keyId });
      }
      case 'AWS::KMS::Alias':
        return simple(named('AliasName', `alias/${logicalId}`));
      case 'AWS::S3::Bucket': {
        const name = named(
          'BucketName',
          `${stackName}-${logicalId}`.toLowerCase(),
        );
        return simple(name, {
          Arn: `arn:${p}:s3:::${name}`,
          DomainName: `${name}.s3.amazonaws.com`,
          RegionalDomainName: `${name}.s3.${r}.amazonaws.com`,
        });
      }
      case 'AWS::IAM::Role': {
        const name = named('RoleName', `${stackName}-${logicalId}`);
        const path = named('Path', '/');
        return simple(name, {
          Arn: `arn:${p}:iam::${a}:role${path}${name}`,
          RoleId: `AROA${syntheticHex(`role:${seed}`, 17).toUpperCase()}`,
        });
      }
      case 'AWS::IAM::ManagedPolicy': {
        const name = named('ManagedPolicyName', `${stackName}-${logicalId}`);
        const path = named('Path', '/');
        const arn = `arn:${p}:iam::${a}:policy${path}${name}`;
        return simple(arn, { PolicyArn: arn });
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::RolePolicy':
        return simple(named('PolicyName', logicalId));
      case 'AWS::EC2::SecurityGroup': {
        const id = ec2Id('sg');
        return simple(id, { GroupId: id, VpcId: resolve(props.VpcId) });
      }
      case 'AWS::EC2::Subnet': {
        const id = ec2Id('subnet');
        return simple(id, {
          SubnetId: id,
          VpcId: resolve(props.VpcId),
          AvailabilityZone: resolve(props.AvailabilityZone),
        });
      }
      case 'AWS::EC2::VPC': {
        const id = ec2Id('vpc');
        return simple(id, {
          VpcId: id,
          CidrBlock: resolve(props.CidrBlock),
          DefaultSecurityGroup: ec2Id('sg'),
        });
      }
      case 'AWS::EC2::VPCEndpoint': {
        const id = ec2Id('vpce');
        return simple(id, { Id: id });
      }
      case 'AWS::EC2::InternetGateway': {
        const id = ec2Id('igw');
        return simple(id, { InternetGatewayId: id });
      }
      case 'AWS::EC2::RouteTable': {
        const id = ec2Id('rtb');
        return simple(id, { RouteTableId: id });
      }
      case 'AWS::EC2::NatGateway':
        return simple(ec2Id('nat'));
      case 'AWS::SNS::Topic': {
        const name = named('TopicName', `${stackName}-${logicalId}`);
        const arn = `arn:${p}:sns:${r}:${a}:${name}`;
        return simple(arn, { TopicArn: arn, TopicName: name });
      }
      case 'AWS::Lambda::Function': {
        const name = named('FunctionName', `${stackName}-${logicalId}`);
        return simple(name, {
          Arn: `arn:${p}:lambda:${r}:${a}:function:${name}`,
        });
      }
      case 'AWS::Logs::LogGroup': {
        const name = named('LogGroupName', `${stackName}-${logicalId}`);
        return simple(name, {
          Arn: `arn:${p}:logs:${r}:${a}:log-group:${name}:*`,
        });
      }
      case 'AWS::CloudTrail::Trail': {
        const name = named('TrailName', `${stackName}-${logicalId}`);
        return simple(name, {
          Arn: `arn:${p}:cloudtrail:${r}:${a}:trail/${name}`,
        });
      }
      case 'AWS::CloudWatch::Alarm': {
        const name = named('AlarmName', `${stackName}-${logicalId}`);
        return simple(name, {
          Arn: `arn:${p}:cloudwatch:${r}:${a}:alarm:${name}`,
        });
      }
      case 'AWS::ECR::Repository': {
        const name = named(
          'RepositoryName',
          `${stackName}-${logicalId}`.toLowerCase(),
        );
        return simple(name, {
          Arn: `arn:${p}:ecr:${r}:${a}:repository/${name}`,
          RepositoryUri: `${a}.dkr.ecr.${r}.amazonaws.com/${name}`,
        });
      }
      default:
        return new Unresolved(
          `!Ref ${logicalId} (${declaration.Type} is not modelled)`,
        );
    }
  };
}
