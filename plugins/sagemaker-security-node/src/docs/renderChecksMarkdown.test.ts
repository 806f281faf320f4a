import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultChecks } from '../checks';
import { renderChecksMarkdown } from './renderChecksMarkdown';
import { SEED_COVERAGE } from './seedCoverage';

const REGENERATE =
  'docs/checks.md is out of date. Regenerate it with: cd plugins/sagemaker-security-node && UPDATE_CHECKS_DOC=1 yarn backstage-cli package test src/docs';
const DOC_PATH = path.resolve(__dirname, '../../../../docs/checks.md');

describe('docs/checks.md', () => {
  it('is up to date with the catalogue (UPDATE_CHECKS_DOC=1 regenerates it)', async () => {
    const rendered = renderChecksMarkdown(defaultChecks);
    if (process.env.UPDATE_CHECKS_DOC === '1') {
      await fs.writeFile(DOC_PATH, rendered, 'utf8');
    }
    const current = await fs.readFile(DOC_PATH, 'utf8').catch(() => '');
    expect(current === rendered ? 'up to date' : REGENERATE).toBe('up to date');
  });

  it('documents every check with its id, severity, resource types and remediation', () => {
    const rendered = renderChecksMarkdown(defaultChecks);
    for (const check of defaultChecks) {
      expect(rendered).toContain(`### \`${check.id}\``);
      expect(rendered).toContain(check.remediation.docsUrl);
    }
    expect(rendered).toContain(
      '| SageMaker.1 | `notebook-direct-internet-access` |',
    );
    expect(rendered).toContain('## Seed coverage');
  });
});

describe('seed coverage', () => {
  const ids = new Set(defaultChecks.map(check => check.id));

  it('names only existing checks', () => {
    const unknownIds = SEED_COVERAGE.flatMap(item => item.checkIds).filter(
      id => !ids.has(id),
    );
    expect(unknownIds).toEqual([]);
  });

  it('explains every recommendation it cannot check', () => {
    const unexplained = SEED_COVERAGE.filter(
      item => item.checkIds.length === 0 && !item.note,
    );
    expect(unexplained).toEqual([]);
  });

  it.each([
    'customer-managed keys',
    'aws:SecureTransport',
    'scoped-down policies',
    'MFA',
    'inside a VPC',
    'VPC endpoints for S3, KMS and ECR',
    'specific IP ranges',
    'CloudTrail',
    'training job runs longer',
    'endpoint latency',
    'Macie',
    'WAF',
    'EBS',
  ])('maps the seed recommendation mentioning "%s"', phrase => {
    expect(
      SEED_COVERAGE.some(item =>
        item.recommendation.toLowerCase().includes(phrase.toLowerCase()),
      ),
    ).toBe(true);
  });

  it('maps every check that the seed guidance motivates to a recommendation', () => {
    const mapped = new Set(SEED_COVERAGE.flatMap(item => item.checkIds));
    const seedMotivated = [
      'kms-keys-customer-managed',
      's3-buckets-secure-transport',
      'vpc-endpoint-s3',
      'vpc-endpoint-kms',
      'vpc-endpoints-ecr',
      'security-groups-no-public-ingress',
      'cloudtrail-logging-in-region',
      'endpoint-latency-alarms',
    ];
    expect(seedMotivated.filter(id => !mapped.has(id))).toEqual([]);
  });
});
