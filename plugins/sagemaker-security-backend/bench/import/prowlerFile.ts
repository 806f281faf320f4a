/**
 * Writes a Prowler OCSF file (`prowler aws --output-formats json-ocsf`: a
 * JSON array of Detection Findings) of a given size, deterministically:
 * the same size gives the same bytes. Four findings in five are on
 * SageMaker resources (notebooks, endpoints, models of 3 accounts and 2
 * regions), the others on S3 buckets and IAM roles, as in a real run of
 * every AWS check; one finding uid in fifty is repeated.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prowlerFinding } from '../../src/findings/prowler/__testUtils__/prowlerFindings';

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['eu-west-1', 'us-east-1'];
const CHECKS = [
  'sagemaker_notebook_instance_without_direct_internet_access_configured',
  'sagemaker_notebook_instance_encryption_enabled',
  'sagemaker_notebook_instance_root_access_disabled',
  'sagemaker_notebook_instance_vpc_settings_configured',
  'sagemaker_models_network_isolation_enabled',
  'sagemaker_endpoint_config_prod_variant_instances',
];
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Informational'];
const STATUSES = ['FAIL', 'PASS', 'MANUAL'] as const;

/** The i-th finding of the file; one in fifty repeats the one before it. */
export function benchFinding(n: number, uidPrefix = 'prowler-aws') {
  const i = n % 50 === 49 ? n - 1 : n;
  const account = ACCOUNTS[i % ACCOUNTS.length];
  const region = REGIONS[(i >> 2) % REGIONS.length];
  const kind = i % 5;
  let arn: string;
  if (kind === 4) {
    arn =
      i % 2
        ? `arn:aws:s3:::ml-data-${i % 97}`
        : `arn:aws:iam::${account}:role/ml-role-${i % 89}`;
  } else {
    const type = [
      'notebook-instance',
      'endpoint',
      'model',
      'notebook-instance',
    ][kind];
    arn = `arn:aws:sagemaker:${region}:${account}:${type}/ml-${type}-${
      i % 211
    }`;
  }
  const uid = `${uidPrefix}-${
    CHECKS[i % CHECKS.length]
  }-${account}-${region}-${i}`;
  return prowlerFinding({
    uid,
    resourceArn: arn,
    checkId: CHECKS[i % CHECKS.length],
    status: STATUSES[i % STATUSES.length],
    severity: SEVERITIES[i % SEVERITIES.length],
    accountId: account,
    region,
  });
}

/**
 * Writes findings until the file holds at least `bytes`; with
 * `malformedAt`, that finding has a resource without `uid` (Prowler never
 * writes one; the import must refuse the file).
 */
export async function writeProwlerFile(
  path: string,
  options: { bytes: number; malformedAt?: number; uidPrefix?: string },
): Promise<{ findings: number; bytes: number }> {
  const out = createWriteStream(path);
  let written = 0;
  let i = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[');
  while (written < options.bytes - 2) {
    const finding: any = benchFinding(i, options.uidPrefix);
    if (i === options.malformedAt) {
      finding.resources = [{ region: finding.cloud.region }];
    }
    // Pretty-printed, as Prowler writes it.
    await write(`${i ? ',' : ''}${JSON.stringify(finding, null, 4)}`);
    i += 1;
  }
  await write(']');
  out.end();
  await once(out, 'finish');
  return { findings: i, bytes: written };
}
