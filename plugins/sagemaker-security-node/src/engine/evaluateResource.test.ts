import { SecurityCheck } from '../types';
import { contextFor, endpoint, notebook } from '../testing/fixtures';
import { evaluateResource } from './evaluateResource';

function fakeCheck(
  id: string,
  overrides: Partial<SecurityCheck>,
): SecurityCheck {
  return {
    id,
    pillar: 'network',
    title: id,
    severity: 'low',
    resourceTypes: ['notebook-instance'],
    rationale: 'r',
    references: { seed: { pillar: 'x', phases: ['training'] } },
    remediation: { text: 't', docsUrl: 'https://docs.aws.amazon.com/' },
    evaluate: () => ({ status: 'pass', message: 'ok' }),
    ...overrides,
  };
}

describe('evaluateResource', () => {
  it('runs only the checks for the resource type', () => {
    const results = evaluateResource(
      [fakeCheck('a', {}), fakeCheck('b', { resourceTypes: ['endpoint'] })],
      contextFor(notebook()),
    );
    expect(results).toEqual([
      {
        checkId: 'a',
        outcome: { status: 'pass', message: 'ok', evidence: [] },
      },
    ]);
  });

  it('turns an exception into unknown with the message, and goes on', () => {
    const results = evaluateResource(
      [
        fakeCheck('boom', {
          evaluate: () => {
            throw new Error('cannot read x of undefined');
          },
        }),
        fakeCheck('after', {}),
      ],
      contextFor(notebook()),
    );
    expect(results[0]).toEqual({
      checkId: 'boom',
      outcome: expect.objectContaining({
        status: 'unknown',
        message: expect.stringContaining('cannot read x of undefined'),
      }),
    });
    expect(results[1].outcome.status).toBe('pass');
  });

  it('turns a malformed result into unknown, never pass', () => {
    const results = evaluateResource(
      [
        fakeCheck('bad-status', {
          evaluate: () => ({ status: 'ok' as never, message: 'x' }),
        }),
        fakeCheck('nothing', { evaluate: () => undefined as never }),
      ],
      contextFor(notebook()),
    );
    expect(results.map(result => result.outcome.status)).toEqual([
      'unknown',
      'unknown',
    ]);
  });

  it('reports live-data checks as not_applicable in iac mode without running them', () => {
    const evaluate = jest.fn(() => ({
      status: 'fail' as const,
      message: 'no alarm',
    }));
    const live = fakeCheck('alarm', {
      resourceTypes: ['endpoint'],
      requiresLiveData: true,
      evaluate,
    });
    expect(
      evaluateResource([live], contextFor(endpoint(), { mode: 'iac' }))[0]
        .outcome.status,
    ).toBe('not_applicable');
    expect(evaluate).not.toHaveBeenCalled();
    expect(
      evaluateResource([live], contextFor(endpoint()))[0].outcome.status,
    ).toBe('fail');
  });
});
