import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, SecurityCheck } from '../types';
import { contextFor, fact, notebook } from '../testing/fixtures';
import {
  derive,
  deriveFor,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
} from './derived';
import { createCheckEvaluator } from './evaluateResource';

function check(
  id: string,
  evaluate: (context: CheckContext) => CheckOutcome,
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
    evaluate,
  };
}

const pass = (message: string): CheckOutcome => ({
  status: 'pass',
  message,
  evidence: [],
});

describe('derivations', () => {
  it('runs a derivation once per evaluation of a resource, and again for another context', () => {
    const seen: string[] = [];
    const nameOf = derive('name', context => {
      seen.push(context.resource.name);
      return context.resource.name;
    });
    const checks = [
      check('a', context => pass(`a ${nameOf(context)}`)),
      check('b', context => pass(`b ${nameOf(context)}`)),
    ];
    const evaluator = createCheckEvaluator(checks);
    const first = contextFor(notebook({}, { name: 'one' }));
    const second = contextFor(notebook({}, { name: 'two' }));

    const results = evaluator.evaluate(first);
    expect(results.map(r => r.outcome.message)).toEqual(['a one', 'b one']);
    expect(seen).toEqual(['one']);

    expect(evaluator.evaluate(second).map(r => r.outcome.message)).toEqual([
      'a two',
      'b two',
    ]);
    expect(seen).toEqual(['one', 'two']);

    // The same context evaluated again is a new evaluation: derived again.
    evaluator.evaluate(first);
    expect(seen).toEqual(['one', 'two', 'one']);
  });

  it('keeps a derivation used inside another derivation', () => {
    let inner = 0;
    const base = derive('base', context => {
      inner += 1;
      return context.resource.name.length;
    });
    const doubled = derive('doubled', context => base(context) * 2);
    const evaluator = createCheckEvaluator([
      check('a', context => pass(`${doubled(context)}`)),
      check('b', context => pass(`${base(context)}`)),
    ]);
    const results = evaluator.evaluate(
      contextFor(notebook({}, { name: 'abc' })),
    );
    expect(results.map(r => r.outcome.message)).toEqual(['6', '3']);
    expect(inner).toBe(1);
  });

  it('computes on every call outside an evaluation', () => {
    let runs = 0;
    const counted = derive('counted', () => {
      runs += 1;
      return runs;
    });
    const context = contextFor(notebook());
    expect(counted(context)).toBe(1);
    expect(counted(context)).toBe(2);
  });

  it('does not keep a derivation that throws: each check sees it throw', () => {
    let runs = 0;
    const failing = derive('failing', (): string => {
      runs += 1;
      throw new Error(`failure ${runs}`);
    });
    const evaluator = createCheckEvaluator([
      check('a', context => pass(failing(context))),
      check('b', context => pass(failing(context))),
    ]);
    const results = evaluator.evaluate(contextFor(notebook()));
    expect(runs).toBe(2);
    expect(results.map(r => [r.outcome.status, r.outcome.message])).toEqual([
      ['unknown', 'Check a failed to evaluate: failure 1'],
      ['unknown', 'Check b failed to evaluate: failure 2'],
    ]);
  });

  it('keeps a value per evaluation and arguments with deriveFor', () => {
    const calls: string[] = [];
    const upper = deriveFor('upper', (_context, text: string) => {
      calls.push(text);
      return text.toUpperCase();
    });
    const evaluator = createCheckEvaluator([
      check('a', context => pass(upper(context, 'x') + upper(context, 'y'))),
      check('b', context => pass(upper(context, 'x'))),
    ]);
    const results = evaluator.evaluate(contextFor(notebook()));
    expect(results.map(r => r.outcome.message)).toEqual(['XY', 'X']);
    expect(calls).toEqual(['x', 'y']);
  });

  it('keeps a value derived from a fact for every resource judged against that fact object', () => {
    const role = fact('iam-role', 'arn:aws:iam::123456789012:role/r', {
      roleName: 'r',
    } as never);
    const judged: string[] = [];
    const verdictOn = deriveFromFact(
      'verdict',
      (owner: typeof role, suffix: string) => {
        judged.push(suffix);
        return pass(`${owner.key}${suffix}`);
      },
    );
    const evaluator = createCheckEvaluator([
      check('a', context => verdictOn(context, role, '!')),
    ]);
    const first = evaluator.evaluate(contextFor(notebook({}, { name: 'one' })));
    const second = evaluator.evaluate(
      contextFor(notebook({}, { name: 'two' })),
    );
    expect(judged).toEqual(['!']);
    expect(second[0].outcome).toBe(first[0].outcome);
    // Another evaluator keeps its own memory.
    createCheckEvaluator([
      check('a', context => verdictOn(context, role, '!')),
    ]).evaluate(contextFor(notebook()));
    expect(judged).toEqual(['!', '!']);
  });

  it('does not keep a fact derivation that throws', () => {
    const owner = {};
    let runs = 0;
    const failing = deriveFromFact('failing', (_owner: object): string => {
      runs += 1;
      throw new Error('no');
    });
    const evaluator = createCheckEvaluator([
      check('a', context => pass(failing(context, owner))),
    ]);
    evaluator.evaluate(contextFor(notebook()));
    evaluator.evaluate(contextFor(notebook()));
    expect(runs).toBe(2);
  });

  it('shares a verdict between resources with the same key, and names each resource', () => {
    const shared = { id: 'shared fact' };
    const keyOf = deriveKey('key', context =>
      context.resource.name === 'alone' ? undefined : [shared, 'same'],
    );
    let verdicts = 0;
    const evaluate = sharedVerdict(keyOf, () => {
      verdicts += 1;
      return name => pass(`judged ${name}`);
    });
    const evaluator = createCheckEvaluator([check('a', evaluate)]);
    const messages = ['one', 'two', 'alone', 'three'].map(
      name =>
        evaluator.evaluate(contextFor(notebook({}, { name })))[0].outcome
          .message,
    );
    expect(messages).toEqual([
      'judged one',
      'judged two',
      'judged alone',
      'judged three',
    ]);
    // Once for the shared key, once for the resource without one.
    expect(verdicts).toBe(2);
  });
});
