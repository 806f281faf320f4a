/**
 * SDK clients that build the estate, straight to moto (not through the fault
 * proxy): what the scanner later reads was written by the AWS SDK too.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

/** moto's default account: every ARN the estate builds names it. */
export const ACCOUNT = '123456789012';
/** The main region, with most of the estate. */
export const MAIN = 'us-east-1';
/** A second region, with a small estate of its own. */
export const SECOND = 'eu-west-1';

export function estateClients(endpoint: string, region: string) {
  const config = {
    endpoint,
    region,
    credentials: { accessKeyId: 'estate-builder', secretAccessKey: 'moto' },
  };
  return {
    region,
    sagemaker: new SageMakerClient(config),
    iam: new IAMClient({ ...config, region: MAIN }),
    kms: new KMSClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    ec2: new EC2Client(config),
    cloudtrail: new CloudTrailClient(config),
    cloudwatch: new CloudWatchClient(config),
    logs: new CloudWatchLogsClient(config),
    guardduty: new GuardDutyClient(config),
  };
}

export type EstateClients = ReturnType<typeof estateClients>;

export function destroyClients(clients: EstateClients) {
  for (const client of Object.values(clients)) {
    if (typeof client === 'object') client.destroy();
  }
}
