/** Names and helpers shared by the full test estate's files. */
export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/SageMakerExecution`;
export const CMK_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const CMK_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${CMK_ID}`;
export const AWS_KEY_ID = 'aaaa1111-2222-3333-4444-555566667777';
export const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';

export const arn = (resource: string, region = REGION) =>
  `arn:aws:sagemaker:${region}:${ACCOUNT}:${resource}`;
export const daysAgo = (n: number) =>
  new Date(Date.now() - n * 86400_000).toISOString();
export const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));

export const trust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};
