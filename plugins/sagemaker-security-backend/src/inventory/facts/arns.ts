/** The account ID in an ARN, e.g. arn:aws:iam::123456789012:role/x. */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
