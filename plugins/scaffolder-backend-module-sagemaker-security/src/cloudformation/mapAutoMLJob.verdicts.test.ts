/*
 * The verdicts of the AutoML job checks on an `AWS::SageMaker::AutoMLJob`
 * before deploy, field by field: a missing field fails only the check it
 * concerns; a value known only at deploy makes that check unknown, never a
 * pass or a fail, and is recorded under the V2 field the checks read.
 */
import {
  IN_VPC,
  INTER_CONTAINER,
  inventoryOf,
  jobWith,
  Json,
  OUTPUT_AND_VOLUME_KEYS,
  stack,
  verdicts,
} from '../testing/automlJobStack';

describe('the AutoML job checks on AWS::SageMaker::AutoMLJob, per field', () => {
  it.each([
    [
      'no output key',
      (job: Json) => delete job.OutputDataConfig.KmsKeyId,
      { [OUTPUT_AND_VOLUME_KEYS]: 'fail' },
    ],
    [
      'no volume key',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig.VolumeKmsKeyId,
      { [OUTPUT_AND_VOLUME_KEYS]: 'fail' },
    ],
    [
      'inter-container encryption off',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.EnableInterContainerTrafficEncryption =
          false;
      },
      { [INTER_CONTAINER]: 'fail' },
    ],
    [
      'inter-container encryption omitted (false by default)',
      (job: Json) =>
        delete job.AutoMLJobConfig.SecurityConfig
          .EnableInterContainerTrafficEncryption,
      { [INTER_CONTAINER]: 'fail' },
    ],
    [
      'no VPC',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig.VpcConfig,
      { [IN_VPC]: 'fail' },
    ],
    [
      'no security config',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig,
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'fail',
        [INTER_CONTAINER]: 'fail',
        [IN_VPC]: 'fail',
      },
    ],
    [
      'no AutoMLJobConfig at all',
      (job: Json) => delete job.AutoMLJobConfig,
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'fail',
        [INTER_CONTAINER]: 'fail',
        [IN_VPC]: 'fail',
      },
    ],
  ])(
    'fails a job with %s, and only the check it concerns',
    (_, change, failing) => {
      expect(verdicts(stack(jobWith(change)))).toEqual({
        [OUTPUT_AND_VOLUME_KEYS]: 'pass',
        [INTER_CONTAINER]: 'pass',
        [IN_VPC]: 'pass',
        ...failing,
      });
    },
  );

  it.each([
    [
      'an imported output key',
      (job: Json) => {
        job.OutputDataConfig.KmsKeyId = { 'Fn::ImportValue': 'shared-key' };
      },
      { [OUTPUT_AND_VOLUME_KEYS]: 'unknown' },
      'OutputDataConfig.KmsKeyId',
    ],
    [
      'a volume key from a parameter without default',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.VolumeKmsKeyId = { Ref: 'KeyArn' };
      },
      { [OUTPUT_AND_VOLUME_KEYS]: 'unknown' },
      'SecurityConfig.VolumeKmsKeyId',
    ],
    [
      'an encryption flag from a parameter without default',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.EnableInterContainerTrafficEncryption =
          { Ref: 'Encrypt' };
      },
      { [INTER_CONTAINER]: 'unknown' },
      'SecurityConfig.EnableInterContainerTrafficEncryption',
    ],
    [
      'a VPC under a condition on unknown input',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.VpcConfig = {
          'Fn::If': [
            'Vpc',
            job.AutoMLJobConfig.SecurityConfig.VpcConfig,
            { Ref: 'AWS::NoValue' },
          ],
        };
      },
      { [IN_VPC]: 'unknown' },
      'SecurityConfig.VpcConfig',
    ],
    [
      'a whole security config known only at deploy',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig = {
          'Fn::ImportValue': 'automl-security',
        };
      },
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'unknown',
        [INTER_CONTAINER]: 'unknown',
        [IN_VPC]: 'unknown',
      },
      'SecurityConfig',
    ],
    [
      'a whole AutoMLJobConfig known only at deploy',
      (job: Json) => {
        job.AutoMLJobConfig = { 'Fn::ImportValue': 'automl-config' };
      },
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'unknown',
        [INTER_CONTAINER]: 'unknown',
        [IN_VPC]: 'unknown',
      },
      'SecurityConfig',
    ],
  ])(
    'is unknown, never pass or fail, on %s',
    (_, change, unknownChecks, field) => {
      const template = stack(jobWith(change));
      expect(verdicts(template)).toEqual({
        [OUTPUT_AND_VOLUME_KEYS]: 'pass',
        [INTER_CONTAINER]: 'pass',
        [IN_VPC]: 'pass',
        ...unknownChecks,
      });
      // Recorded under the V2 field the checks read.
      const [job] = inventoryOf(template).resources;
      expect(job.errors).toContainEqual(
        expect.objectContaining({
          code: 'UnresolvedBeforeDeploy',
          field,
          target: 'automl.json#Job',
        }),
      );
    },
  );
});
