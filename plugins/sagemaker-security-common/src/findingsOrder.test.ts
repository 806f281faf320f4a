import { compareResults, RESULT_STATUS_ORDER } from './findingsOrder';
import { CHECK_STATUSES } from './pillars';

const base = {
  status: 'fail' as const,
  severity: 'high' as const,
  since: '2026-11-01T00:00:00.000Z',
  resourceArn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a',
  checkId: 'check-a',
};

describe('compareResults', () => {
  it('orders every status, worst first', () => {
    expect([...RESULT_STATUS_ORDER].sort()).toEqual(
      [...CHECK_STATUSES, 'waived'].sort(),
    );
    const sorted = RESULT_STATUS_ORDER.map(status => ({ ...base, status }))
      .reverse()
      .sort(compareResults)
      .map(r => r.status);
    expect(sorted).toEqual([
      'fail',
      'unknown',
      'warn',
      'waived',
      'pass',
      'not_applicable',
    ]);
  });

  it('then by severity, age, resource and check', () => {
    const items = [
      { ...base, checkId: 'check-b' },
      { ...base, resourceArn: `${base.resourceArn}-z` },
      { ...base, since: '2025-01-01T00:00:00.000Z' },
      { ...base, severity: 'low' as const },
      { ...base, status: 'warn' as const, severity: 'critical' as const },
      { ...base, severity: 'critical' as const },
      base,
    ];
    expect([...items].sort(compareResults)).toEqual([
      items[5],
      items[2],
      items[6],
      items[0],
      items[1],
      items[3],
      items[4],
    ]);
    expect(compareResults(base, { ...base })).toBe(0);
  });
});
