import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { SEVERITIES, Severity } from '@mlsec/plugin-sagemaker-security-common';
import { parseEntityRefInput } from '../catalog/entityRefs';
import { AuthorizedScorecardService } from '../service/AuthorizedScorecardService';
import {
  isOpenFinding,
  severityRank,
  worstFindings,
} from '../scoring/findings';

const SEVERITY_VALUES = SEVERITIES as unknown as [Severity, ...Severity[]];

/**
 * Actions for AI agents (ids `sagemaker-security:<name>`). They answer with
 * compact summaries and read through the same AuthorizedScorecardService as
 * the REST API, so the same permissions apply.
 */
export function registerSecurityActions(options: {
  actionsRegistry: ActionsRegistryService;
  scorecards: AuthorizedScorecardService;
}): void {
  const { actionsRegistry, scorecards } = options;

  actionsRegistry.register({
    name: 'get-entity-security-scorecard',
    title: 'Get the SageMaker security scorecard of an entity',
    description:
      'Returns the security grade (A–F), overall score (0–100) and pillar scores ' +
      '(encryption, network, iam, monitoring, resilience) of an ML service ' +
      'Component or a SageMaker Resource entity, computed from the checks run over ' +
      'its linked SageMaker resources, with its worst open findings (the first ' +
      '`findingsLimit`, default 5, of `openFindingCount`; list-failing-checks ' +
      'lists more). `unknown` results could not be evaluated (for example a ' +
      'denied IAM call) and count partly against the score; `waived` results ' +
      'are excluded from it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity reference, e.g. component:default/fraud-scoring'),
          findingsLimit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe(
              'How many of the worst open findings to return (default 5)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          grade: z.string().nullable(),
          score: z.number().nullable(),
          cappedBy: z.string().optional(),
          stale: z.boolean(),
          evaluatedAt: z.string().optional(),
          resourceCount: z.number(),
          counts: z.record(z.number()),
          pillars: z.array(
            z.object({
              pillar: z.string(),
              grade: z.string().nullable(),
              score: z.number().nullable(),
            }),
          ),
          worstFindings: z.array(
            z.object({
              checkId: z.string(),
              title: z.string(),
              severity: z.string(),
              status: z.string(),
              resourceName: z.string(),
              message: z.string(),
            }),
          ),
          openFindingCount: z
            .number()
            .describe('Open findings (fail, unknown, warn) in all'),
          moreFindings: z
            .string()
            .optional()
            .describe('How to get the findings left out, when there are some'),
        }),
    },
    examples: [
      {
        title: 'Scorecard of an ML service',
        input: { entityRef: 'component:default/fraud-scoring' },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = parseEntityRefInput(input.entityRef);
      const limit = input.findingsLimit ?? 5;
      // The first page is worst first: its open findings lead it.
      const card = await scorecards.entityScorecard(
        entityRef,
        credentials,
        limit,
      );
      const { fail, unknown, warn } = card.score.counts;
      const openFindingCount = fail + unknown + warn;
      const titles = new Map(
        scorecards.checkMetadata().map(c => [c.id, c.title]),
      );
      return {
        output: {
          entityRef: card.entityRef,
          grade: card.score.grade,
          score: card.score.score,
          ...(card.score.cappedBy ? { cappedBy: card.score.cappedBy } : {}),
          stale: card.stale,
          ...(card.evaluatedAt ? { evaluatedAt: card.evaluatedAt } : {}),
          resourceCount: card.resources.length,
          counts: { ...card.score.counts },
          pillars: card.score.pillars.map(p => ({
            pillar: p.pillar,
            grade: p.grade,
            score: p.score,
          })),
          worstFindings: worstFindings(
            card.results.map(r => ({
              result: r,
              check: {
                id: r.checkId,
                title: titles.get(r.checkId) ?? r.checkId,
                pillar: r.pillar,
                severity: r.severity,
              },
            })),
            limit,
          ).map(f => ({
            checkId: f.check.id,
            title: f.check.title,
            severity: f.check.severity,
            status: f.result.status,
            resourceName: f.result.resourceName,
            message: f.result.message,
          })),
          openFindingCount,
          ...(openFindingCount > limit
            ? {
                moreFindings: `${
                  openFindingCount - limit
                } more open findings: call list-failing-checks with this entityRef (and a limit up to 200), or this action with a larger findingsLimit (up to 50).`,
              }
            : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-failing-checks',
    title: 'List failing SageMaker security checks of an entity',
    description:
      'Lists the open findings (fail, and optionally unknown and warn) of an ML ' +
      'service Component or a SageMaker Resource entity, worst first, with the ' +
      'resource, the reason and how to fix it. Waived findings are left out.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Entity reference'),
          minSeverity: z
            .enum(SEVERITY_VALUES)
            .optional()
            .describe('Only findings of this severity or worse'),
          includeUnknown: z
            .boolean()
            .optional()
            .describe(
              'Include checks that could not be evaluated (default true)',
            ),
          includeWarnings: z
            .boolean()
            .optional()
            .describe('Include warnings (default true)'),
          limit: z.number().int().min(1).max(200).optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          total: z.number(),
          findings: z.array(
            z.object({
              checkId: z.string(),
              title: z.string(),
              pillar: z.string(),
              severity: z.string(),
              status: z.string(),
              resourceArn: z.string(),
              resourceName: z.string(),
              message: z.string(),
              missing: z.array(z.string()).optional(),
              since: z.string(),
              remediation: z.string().optional(),
              docsUrl: z.string().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Critical and high failures',
        input: {
          entityRef: 'component:default/fraud-scoring',
          minSeverity: 'high',
          includeUnknown: false,
          includeWarnings: false,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = parseEntityRefInput(input.entityRef);
      const metadata = new Map(scorecards.checkMetadata().map(c => [c.id, c]));
      const maxRank = input.minSeverity
        ? severityRank(input.minSeverity)
        : SEVERITIES.length;
      const open = (await scorecards.findings(entityRef, credentials))
        .filter(f => isOpenFinding(f.result.status))
        .filter(
          f => (input.includeUnknown ?? true) || f.result.status !== 'unknown',
        )
        .filter(
          f => (input.includeWarnings ?? true) || f.result.status !== 'warn',
        )
        .filter(f => severityRank(f.result.severity) <= maxRank);
      const ordered = worstFindings(open, input.limit ?? 50);
      return {
        output: {
          entityRef,
          total: open.length,
          findings: ordered.map(f => {
            const check = metadata.get(f.check.id);
            return {
              checkId: f.check.id,
              title: f.check.title,
              pillar: f.check.pillar,
              severity: f.check.severity,
              status: f.result.status,
              resourceArn: f.result.resourceArn,
              resourceName: f.result.resourceName,
              message: f.result.message,
              ...(f.result.missing ? { missing: f.result.missing } : {}),
              since: f.result.since,
              ...(check
                ? {
                    remediation: check.remediation.text,
                    docsUrl: check.remediation.docsUrl,
                  }
                : {}),
            };
          }),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-check',
    title: 'Explain a SageMaker security check',
    description:
      'Explains one check of the catalogue: what it verifies and why, its ' +
      'pillar and severity, the resource types it applies to, how to fix a ' +
      'failure (text, AWS documentation, and the scaffolder template that ' +
      'fixes it when there is one) and the matching Security Hub, AWS Config, ' +
      'Prowler and Checkov rules.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          checkId: z
            .string()
            .describe('Check id, e.g. notebook-direct-internet-access'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          pillar: z.string(),
          severity: z.string(),
          resourceTypes: z.array(z.string()),
          rationale: z.string(),
          remediation: z.object({
            text: z.string(),
            docsUrl: z.string(),
            template: z.string().optional(),
          }),
          references: z.record(z.array(z.string())),
        }),
    },
    examples: [
      {
        title: 'Explain a check',
        input: { checkId: 'notebook-direct-internet-access' },
      },
    ],
    action: async ({ input }) => {
      const check = scorecards
        .checkMetadata()
        .find(c => c.id === input.checkId);
      if (!check) {
        throw new NotFoundError(`No check ${input.checkId}`);
      }
      const { seed, ...rules } = check.references;
      return {
        output: {
          id: check.id,
          title: check.title,
          pillar: check.pillar,
          severity: check.severity,
          resourceTypes: [...check.resourceTypes],
          rationale: check.rationale,
          remediation: {
            text: check.remediation.text,
            docsUrl: check.remediation.docsUrl,
            ...(check.remediation.template
              ? { template: check.remediation.template.name }
              : {}),
          },
          references: {
            ...Object.fromEntries(
              Object.entries(rules).filter(
                (entry): entry is [string, string[]] => Array.isArray(entry[1]),
              ),
            ),
            seedPhases: seed.phases,
          },
        },
      };
    },
  });
}
