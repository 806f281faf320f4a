import { DEFAULT_RATE_LIMITS, UNPACED } from '../../config/rateLimits';
import { chooseReadPath, PathsOffered, ReadEstimate } from './costModel';
import { estimateOf } from './readPlan';

const ACTIONS = {
  list: 'sagemaker:ListTrainingJobs',
  describe: 'sagemaker:DescribeTrainingJob',
};
const ALL: PathsOffered = {
  search: true,
  searchNeedsDescribe: false,
  tagging: true,
};
const firstScan = (n: number): ReadEstimate => ({
  listed: n,
  described: n,
  tagReads: n,
  stored: n,
});

describe('read-path cost model', () => {
  it('counts the calls of each path by action', () => {
    const choice = chooseReadPath(
      ACTIONS,
      ALL,
      firstScan(500_000),
      DEFAULT_RATE_LIMITS,
    );
    const byPath = Object.fromEntries(
      choice.considered.map(c => [c.path, c.calls]),
    );
    expect(byPath).toEqual({
      list: {
        'sagemaker:ListTrainingJobs': 5_000,
        'sagemaker:DescribeTrainingJob': 500_000,
        'sagemaker:ListTags': 500_000,
      },
      search: {
        'sagemaker:Search': 5_000,
        'sagemaker:ListTrainingJobs': 1,
      },
      tagging: {
        'sagemaker:ListTrainingJobs': 5_000,
        'sagemaker:DescribeTrainingJob': 500_000,
        'tag:GetResources': 5_000,
        'sagemaker:ListTags': 1,
      },
    });
    expect(choice.path).toBe('search');
  });

  it('weighs each path by its slowest rate bucket', () => {
    // List 4/s, Describe 10/s, ListTags 10/s: 500,000 describes take 50,000 s.
    const choice = chooseReadPath(
      ACTIONS,
      { ...ALL, search: false },
      firstScan(500_000),
      DEFAULT_RATE_LIMITS,
    );
    expect(choice.path).toBe('tagging');
    expect(choice.seconds).toBeCloseTo(50_000);
    expect(choice.considered.map(c => c.path)).toEqual(['tagging', 'list']);
    expect(choice.considered[1].seconds).toBeCloseTo(50_000);
    // Equal slowest buckets: fewer calls decide.
    expect(choice.considered[1].total).toBeGreaterThan(choice.total);
  });

  it('a Search whose records need a Describe still saves the ListTags', () => {
    const choice = chooseReadPath(
      ACTIONS,
      { search: true, searchNeedsDescribe: true, tagging: false },
      firstScan(1_000),
      DEFAULT_RATE_LIMITS,
    );
    expect(choice.path).toBe('search');
    expect(choice.calls).toEqual({
      'sagemaker:Search': 10,
      'sagemaker:ListTrainingJobs': 1,
      'sagemaker:DescribeTrainingJob': 1_000,
    });
  });

  it('keeps List where nothing is described and no tags are due, and Search is slower per call', () => {
    const rescan: ReadEstimate = {
      listed: 50_000,
      described: 0,
      tagReads: 0,
      stored: 50_000,
    };
    const slowSearch = { ...DEFAULT_RATE_LIMITS, sagemakerSearch: 1 };
    expect(chooseReadPath(ACTIONS, ALL, rescan, slowSearch).path).toBe('list');
    // The Tagging API reads every stored resource's tags: not worth it then.
    expect(
      chooseReadPath(ACTIONS, { ...ALL, search: false }, rescan, slowSearch)
        .path,
    ).toBe('list');
    // Paced at List's rate, Search takes as long (its witness is one call
    // more) but also reads fresh tags: a rescan with tags due prefers it.
    expect(
      chooseReadPath(
        ACTIONS,
        ALL,
        { ...rescan, tagReads: 100 },
        { ...DEFAULT_RATE_LIMITS, sagemakerListTags: 1 },
      ).path,
    ).toBe('search');
  });

  it('Tagging API pages follow the stored resources, not the look-back listing', () => {
    const estimate: ReadEstimate = {
      listed: 1_000,
      described: 0,
      tagReads: 30,
      stored: 400_000,
    };
    const choice = chooseReadPath(
      ACTIONS,
      { search: false, searchNeedsDescribe: false, tagging: true },
      estimate,
      UNPACED,
    );
    expect(choice.considered.find(c => c.path === 'tagging')?.calls).toEqual({
      'sagemaker:ListTrainingJobs': 10,
      'tag:GetResources': 4_000,
      'sagemaker:ListTags': 1,
    });
    // Unpaced: calls decide (40 against 4,010).
    expect(choice.path).toBe('list');
    expect(choice.seconds).toBeUndefined();
  });

  it('offers only List to a type without bulk reads', () => {
    const choice = chooseReadPath(
      ACTIONS,
      { search: false, searchNeedsDescribe: false, tagging: false },
      firstScan(10),
      DEFAULT_RATE_LIMITS,
    );
    expect(choice.path).toBe('list');
    expect(choice.considered).toHaveLength(1);
  });
});

describe('the estimate from the store', () => {
  const spec = (over: object) =>
    ({ isJob: false, immutable: false, ...over } as never);
  const none = { names: new Set<string>(), tagsDue: new Set<string>() };
  const seenAt = '2026-01-02T00:00:00.000Z';
  const DAY = 86_400_000;

  it('assumes a full page when nothing is stored', () => {
    expect(estimateOf(spec({}), { count: 0 }, none, seenAt, DAY)).toEqual(
      firstScan(100),
    );
  });

  it('counts open jobs as described and due jobs as tag reads', () => {
    const completed = {
      names: new Set(['a', 'b', 'c']),
      tagsDue: new Set(['a']),
    };
    expect(
      estimateOf(spec({ isJob: true }), { count: 10 }, completed, seenAt, DAY),
    ).toEqual({ listed: 10, described: 7, tagReads: 8, stored: 10 });
  });

  it('reads the tags of the due share of an incremental type', () => {
    const estimate = estimateOf(
      spec({ immutable: true }),
      { count: 240, lastSeenAt: '2026-01-01T23:00:00.000Z' },
      none,
      seenAt,
      DAY,
    );
    expect(estimate).toEqual({
      listed: 240,
      described: 0,
      tagReads: 10,
      stored: 240,
    });
  });
});
