import type {
  EntityRollupRow,
  Finding,
} from '@mlsec/plugin-sagemaker-security-common';
import { csvField, findingsToCsv } from './csv';
import { pageOrgRows } from '../service/orgPage';
import { scoreResults } from '../scoring/score';
import { DEFAULT_SCORING_CONFIG } from '../scoring/ScoringConfig';

describe('csv', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(undefined)).toBe('');
  });

  it('writes one header line and one line per finding', () => {
    const finding: Finding = {
      entityRef: 'component:default/a',
      check: {
        id: 'c',
        title: 'Check, with comma',
        pillar: 'iam',
        severity: 'high',
      },
      result: {
        checkId: 'c',
        resourceArn: 'arn:aws:sagemaker:eu-west-1:1:endpoint/x',
        resourceType: 'endpoint',
        resourceName: 'x',
        accountId: '1',
        region: 'eu-west-1',
        pillar: 'iam',
        severity: 'high',
        status: 'fail',
        evaluatedStatus: 'fail',
        message: 'bad',
        evidence: [],
        missing: ['iam:GetRole', 'kms:DescribeKey'],
        since: '2026-11-01T00:00:00.000Z',
        evaluatedAt: '2026-11-02T00:00:00.000Z',
      },
    };
    const lines = findingsToCsv([finding]).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe(
      'component:default/a,arn:aws:sagemaker:eu-west-1:1:endpoint/x,endpoint,x,1,eu-west-1,c,"Check, with comma",iam,high,fail,fail,bad,iam:GetRole kms:DescribeKey,2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,,,',
    );
    const withReferences = findingsToCsv([finding], checkId =>
      checkId === 'c'
        ? {
            securityHub: ['SageMaker.1'],
            awsSample: ['SM-01', 'SM-03'],
            seed: { pillar: 'network', phases: ['deployment'] },
          }
        : undefined,
    ).split('\r\n');
    expect(withReferences[0].endsWith(',waiverExpiresAt,references')).toBe(
      true,
    );
    expect(
      withReferences[1].endsWith(
        ',securityHub:SageMaker.1 awsSample:SM-01 awsSample:SM-03',
      ),
    ).toBe(true);
  });
});

describe('pageOrgRows', () => {
  const row = (
    entityRef: string,
    statuses: Array<'pass' | 'fail'>,
    owner?: string,
  ): EntityRollupRow => ({
    entityRef,
    ...(owner ? { owner } : {}),
    score: scoreResults(
      statuses.map((status, i) => ({
        checkId: `c${i}`,
        status,
        severity: 'medium',
        pillar: i % 2 ? 'network' : 'iam',
      })),
      DEFAULT_SCORING_CONFIG,
    ),
    trend: [],
    worstFindings: [],
    resourceCount: statuses.length,
  });
  const rows = [
    row('component:default/good', ['pass', 'pass'], 'group:default/a'),
    row('component:default/bad', ['fail', 'fail'], 'group:default/b'),
    row(
      'component:default/half',
      ['fail', 'pass', 'pass', 'pass'],
      'group:default/a',
    ),
    row('component:default/none', []),
  ];
  const refs = (page: { items: EntityRollupRow[] }) =>
    page.items.map(r => r.entityRef.split('/')[1]);

  it('orders by score, worst first by default, rows without a score last', () => {
    expect(refs(pageOrgRows(rows, {}))).toEqual([
      'bad',
      'half',
      'good',
      'none',
    ]);
    expect(refs(pageOrgRows(rows, { order: 'desc' }))).toEqual([
      'good',
      'half',
      'bad',
      'none',
    ]);
  });

  it('orders by a pillar and by other keys', () => {
    // half: iam c0 fail, c2 pass -> 50; network c1, c3 pass -> 100.
    expect(refs(pageOrgRows(rows, { pillar: 'network' }))).toEqual([
      'bad',
      'good',
      'half',
      'none',
    ]);
    expect(
      refs(pageOrgRows(rows, { orderBy: 'resourceCount', order: 'desc' })),
    ).toEqual(['half', 'bad', 'good', 'none']);
    expect(refs(pageOrgRows(rows, { orderBy: 'fail', order: 'desc' }))).toEqual(
      ['bad', 'half', 'good', 'none'],
    );
    expect(refs(pageOrgRows(rows, { orderBy: 'owner' }))).toEqual([
      'good',
      'half',
      'bad',
      'none',
    ]);
  });

  it('filters by owner and grade and pages', () => {
    expect(refs(pageOrgRows(rows, { owner: 'group:default/a' }))).toEqual([
      'half',
      'good',
    ]);
    expect(refs(pageOrgRows(rows, { grade: 'F' }))).toEqual(['bad']);
    expect(refs(pageOrgRows(rows, { grade: 'C' }))).toEqual(['half']);
    expect(pageOrgRows(rows, { offset: 1, limit: 2 })).toMatchObject({
      offset: 1,
      limit: 2,
      totalCount: 4,
      items: [
        { entityRef: 'component:default/half' },
        { entityRef: 'component:default/good' },
      ],
    });
  });
});
