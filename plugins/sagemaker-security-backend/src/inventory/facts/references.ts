/**
 * Related resources referenced from SageMaker descriptions: collected while
 * resources are described, then each fetched once as a related fact.
 */
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+/;
const S3_URI = /^s3:\/\/([^/]+)/i;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const VPC = /^vpc-[0-9a-f]{8,17}$/;
/** Field names holding a KMS key: KmsKeyId, VolumeKmsKeyId, KmsKey, S3KmsKeyId... */
const KMS_FIELD = /kms.*key/i;

export type ReferenceKind =
  | 'roles'
  | 'kmsKeys'
  | 'buckets'
  | 'securityGroups'
  | 'subnets'
  | 'vpcs';

export class References {
  readonly roles = new Set<string>();
  readonly kmsKeys = new Set<string>();
  readonly buckets = new Set<string>();
  readonly securityGroups = new Set<string>();
  readonly subnets = new Set<string>();
  readonly vpcs = new Set<string>();
  /** Told of each reference the first time `addFrom` finds it. */
  onNew?: (kind: ReferenceKind, value: string) => void;

  addFrom(description: unknown) {
    this.walk(description, '');
  }

  private add(kind: ReferenceKind, value: string) {
    const set = this[kind];
    if (set.has(value)) return;
    set.add(value);
    this.onNew?.(kind, value);
  }

  private walk(value: unknown, field: string) {
    if (typeof value === 'string') {
      this.addString(value, field);
    } else if (Array.isArray(value)) {
      for (const item of value) this.walk(item, field);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) this.walk(v, key);
    }
  }

  private addString(value: string, field: string) {
    if (field === 'PipelineDefinition') {
      // A JSON string whose steps name roles, keys and buckets of their own.
      try {
        this.walk(JSON.parse(value), '');
      } catch {
        // An unparsable definition holds no references we can trust.
      }
      return;
    }
    if (ROLE_ARN.test(value)) this.add('roles', value);
    else if (SECURITY_GROUP.test(value)) this.add('securityGroups', value);
    else if (SUBNET.test(value)) this.add('subnets', value);
    else if (VPC.test(value)) this.add('vpcs', value);
    else if (KMS_FIELD.test(field) && value.trim() !== '') {
      this.add('kmsKeys', value.trim());
    } else {
      const bucket = S3_URI.exec(value)?.[1];
      if (bucket) this.add('buckets', bucket);
    }
  }
}
