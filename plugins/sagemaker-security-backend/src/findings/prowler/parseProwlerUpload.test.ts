import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseProwlerUpload, PayloadTooLargeError } from './parseProwlerUpload';
import { prowlerFinding } from './__testUtils__/prowlerFindings';

const upload = (value: unknown, chunkSize = 7) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunkSize) {
    chunks.push(Buffer.from(text.slice(i, i + chunkSize)));
  }
  return Readable.from(chunks);
};

const NOTEBOOK =
  'arn:aws:sagemaker:eu-west-1:111111111111:notebook-instance/fraud-notebook';

describe('parseProwlerUpload', () => {
  it('keeps SageMaker findings, normalized, counting the others and repeated uids', async () => {
    const parsed = await parseProwlerUpload(
      upload([
        prowlerFinding({ uid: 'a', resourceArn: NOTEBOOK }),
        prowlerFinding({ uid: 'b', resourceArn: 'arn:aws:s3:::ml-bucket' }),
        prowlerFinding({
          uid: 'a',
          resourceArn: NOTEBOOK,
          status: 'PASS',
          severity: 'Critical',
        }),
      ]),
      1_000_000,
    );
    expect(parsed.ignored).toBe(1);
    expect(parsed.duplicates).toBe(1);
    expect(parsed.records).toEqual([
      {
        source: 'prowler',
        sourceId: 'a',
        resourceArn: NOTEBOOK,
        accountId: '111111111111',
        region: 'eu-west-1',
        controlId:
          'sagemaker_notebook_instance_without_direct_internet_access_configured',
        title:
          'Check if SageMaker notebook instances have direct internet access',
        severity: 'critical',
        status: 'passed',
        remediationUrl:
          'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
        firstObservedAt: '2026-12-06T10:00:00.000Z',
        lastObservedAt: '2026-12-06T10:00:00.000Z',
      },
    ]);
  });

  it.each([
    [
      'a resource without uid',
      [
        prowlerFinding({ uid: 'a' }),
        {
          ...prowlerFinding({ uid: 'b' }),
          resources: [{ region: 'eu-west-1' }],
        },
      ],
      'body[1].resources[0].uid: Required',
    ],
    [
      'another OCSF class',
      [{ ...prowlerFinding({ uid: 'a' }), class_uid: 2003 }],
      'body[0].class_uid: expected 2004',
    ],
    [
      'an unknown severity',
      [{ ...prowlerFinding({ uid: 'a' }), severity: 'Severe' }],
      'body[0].severity: Invalid enum value',
    ],
    [
      'an account that is not an AWS account ID',
      [
        {
          ...prowlerFinding({ uid: 'a' }),
          cloud: { account: { uid: 'abc' }, region: 'eu-west-1' },
        },
      ],
      'body[0].cloud.account.uid: expected a 12-digit AWS account ID',
    ],
    [
      'an object instead of the array',
      prowlerFinding({ uid: 'a' }),
      'body: expected a JSON array of OCSF Detection Findings',
    ],
    ['truncated JSON', '[{"class_uid": 2004, ', 'body: expected a JSON array'],
  ])('refuses %s naming the field', async (_what, body, message) => {
    await expect(parseProwlerUpload(upload(body), 1_000_000)).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(message),
      }),
    );
  });

  it('refuses more than the limit, however it arrives', async () => {
    const body = Array.from({ length: 50 }, (_, i) =>
      prowlerFinding({ uid: `u${i}` }),
    );
    const size = Buffer.byteLength(JSON.stringify(body));
    await expect(
      parseProwlerUpload(upload(body, 512), size - 1),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(parseProwlerUpload(upload(body, 512), size)).resolves.toEqual(
      expect.objectContaining({ ignored: 0, duplicates: 0 }),
    );
  });

  it("reads the sample of examples/ (Prowler's json-ocsf output on the demo estate)", async () => {
    const parsed = await parseProwlerUpload(
      createReadStream(
        resolve(__dirname, '../../../../../examples/prowler-sample.ocsf.json'),
      ),
      1_000_000,
    );
    expect(parsed.ignored).toBe(1);
    expect(parsed.duplicates).toBe(0);
    expect(parsed.records.map(r => [r.resourceArn, r.controlId])).toEqual([
      [
        'arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/churn-exploration',
        'sagemaker_notebook_instance_without_direct_internet_access_configured',
      ],
      [
        'arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/nbo-prototype',
        'sagemaker_notebook_instance_without_direct_internet_access_configured',
      ],
      [
        'arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/churn-exploration',
        'sagemaker_notebook_instance_root_access_disabled',
      ],
    ]);
  });
});
