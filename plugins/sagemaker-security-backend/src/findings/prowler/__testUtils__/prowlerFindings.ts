/**
 * Findings as Prowler writes them with `--output-formats json-ocsf` (OCSF
 * 1.x Detection Finding, class_uid 2004; prowler/lib/outputs/ocsf/ocsf.py),
 * with the fields a real file carries besides those the import reads.
 */
export function prowlerFinding(options: {
  uid: string;
  resourceArn?: string;
  checkId?: string;
  status?: 'PASS' | 'FAIL' | 'MANUAL';
  severity?: string;
  accountId?: string;
  region?: string;
  padding?: number;
}) {
  const region = options.region ?? 'eu-west-1';
  const accountId = options.accountId ?? '111111111111';
  const arn =
    options.resourceArn ??
    `arn:aws:sagemaker:${region}:${accountId}:notebook-instance/fraud-notebook`;
  const checkId =
    options.checkId ??
    'sagemaker_notebook_instance_without_direct_internet_access_configured';
  const status = options.status ?? 'FAIL';
  return {
    message: `SageMaker notebook instance ${arn
      .split('/')
      .pop()} has direct internet access enabled.`,
    metadata: {
      event_code: checkId,
      product: {
        name: 'Prowler',
        uid: 'prowler',
        vendor_name: 'Prowler',
        version: '5.4.0',
      },
      profiles: ['cloud', 'datetime'],
      tenant_uid: '',
      version: '1.4.0',
    },
    severity_id: 4,
    severity: options.severity ?? 'High',
    status: 'New',
    status_code: status,
    status_detail: `SageMaker notebook instance ${arn
      .split('/')
      .pop()} has direct internet access enabled.`,
    status_id: 1,
    unmapped: {
      related_url: '',
      categories: ['internet-exposed'],
      depends_on: [],
      related_to: [],
      notes: '',
      compliance: { 'AWS-Foundational-Security-Best-Practices': ['sagemaker'] },
      padding: 'x'.repeat(options.padding ?? 0),
    },
    activity_name: 'Create',
    activity_id: 1,
    finding_info: {
      created_time: 1765015200,
      created_time_dt: '2026-12-06T10:00:00.000000',
      desc: 'Check if SageMaker notebook instances have direct internet access.',
      product_uid: 'prowler',
      title:
        'Check if SageMaker notebook instances have direct internet access',
      types: ['Infrastructure Security'],
      uid: options.uid,
    },
    resources: [
      {
        cloud_partition: 'aws',
        region,
        data: { details: '', metadata: {} },
        group: { name: 'sagemaker' },
        labels: [],
        name: arn.split('/').pop(),
        type: 'AwsSageMakerNotebookInstance',
        uid: arn,
      },
    ],
    category_name: 'Findings',
    category_uid: 2,
    class_name: 'Detection Finding',
    class_uid: 2004,
    cloud: {
      account: {
        name: '',
        type: 'AWS Account',
        type_id: 10,
        uid: accountId,
        labels: [],
      },
      org: { name: '', uid: '' },
      provider: 'aws',
      region,
    },
    remediation: {
      desc: 'Disable direct internet access and use a VPC.',
      references: [
        'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
      ],
    },
    risk_details:
      'Direct internet access lets the notebook reach and be reached from the internet.',
    time: 1765015200,
    time_dt: '2026-12-06T10:00:00.000000',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
  };
}
