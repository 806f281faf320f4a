/** The account ID in an ARN, e.g. arn:aws:iam::123456789012:role/x. */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Splits a list into chunks, e.g. for EC2 filters of bounded size. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
