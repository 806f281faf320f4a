import type {
  CheckResult,
  ResultStatus,
  Severity,
} from '@mlsec/plugin-sagemaker-security-common';
import { pageResults } from './resultPages';

function result(
  checkId: string,
  status: ResultStatus,
  severity: Severity,
  resource = 'a',
  since = '2026-11-01T00:00:00.000Z',
): CheckResult {
  return {
    checkId,
    resourceArn: `arn:aws:sagemaker:eu-west-1:111111111111:endpoint/${resource}`,
    resourceType: 'endpoint',
    resourceName: resource,
    accountId: '111111111111',
    region: 'eu-west-1',
    pillar: checkId.startsWith('net') ? 'network' : 'iam',
    severity,
    status,
    evaluatedStatus: status === 'waived' ? 'fail' : status,
    message: '',
    evidence: [],
    since,
    evaluatedAt: '2026-11-02T00:00:00.000Z',
  };
}

describe('pageResults', () => {
  const results = [
    result('iam-pass', 'pass', 'critical'),
    result('iam-warn', 'warn', 'critical'),
    result('net-low', 'fail', 'low'),
    result('iam-na', 'not_applicable', 'high'),
    result('net-unknown', 'unknown', 'high'),
    result('iam-waived', 'waived', 'critical'),
    result('net-crit', 'fail', 'critical', 'b'),
    result('net-crit', 'fail', 'critical', 'a'),
    result('iam-old', 'fail', 'critical', 'z', '2026-01-01T00:00:00.000Z'),
  ];
  const ids = (page: { items: CheckResult[] }) =>
    page.items.map(r => `${r.checkId}/${r.resourceName}`);

  it('orders by status, severity, age, resource and check, and pages', () => {
    const whole = pageResults(results, { limit: 500 });
    expect(ids(whole)).toEqual([
      'iam-old/z',
      'net-crit/a',
      'net-crit/b',
      'net-low/a',
      'net-unknown/a',
      'iam-warn/a',
      'iam-waived/a',
      'iam-pass/a',
      'iam-na/a',
    ]);
    const second = pageResults(results, { offset: 3, limit: 3 });
    expect(second).toMatchObject({ offset: 3, limit: 3, totalCount: 9 });
    expect(ids(second)).toEqual(ids(whole).slice(3, 6));
    expect(pageResults(results, {}).limit).toBe(50);
    // The input is left as it was.
    expect(results[0].checkId).toBe('iam-pass');
  });

  it('filters before it pages and counts', () => {
    const failing = pageResults(results, {
      status: ['warn', 'fail'],
      pillar: 'network',
      limit: 1,
      offset: 1,
    });
    expect(failing.totalCount).toBe(3);
    expect(ids(failing)).toEqual(['net-crit/b']);
    const ofB = pageResults(results, {
      resourceArn: results[6].resourceArn,
    });
    expect(ids(ofB)).toEqual(['net-crit/b']);
  });
});
