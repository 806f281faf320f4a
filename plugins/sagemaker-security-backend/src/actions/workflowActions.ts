import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import type { Finding } from '@mlsec/plugin-sagemaker-security-common';
import { normalizeRef, parseEntityRefInput } from '../catalog/entityRefs';
import type { AuthorizedScorecardService } from '../service/AuthorizedScorecardService';
import { principalName, requestedTargets } from '../service/scanRequest';
import { isOpenFinding, worstFindings } from '../scoring/findings';
import type { ScanTrigger } from '../api/createRouter';

/**
 * Actions for AI agents beyond a single scorecard (issue 18, item 3): the
 * waivers, a service's history, a team's failing checks, one finding with
 * its evidence, and starting a scan (with a dry run). They read and write
 * through AuthorizedScorecardService, as the REST API does, so the same
 * permissions apply to the same principal.
 */
export function registerWorkflowActions(options: {
  actionsRegistry: ActionsRegistryService;
  scorecards: AuthorizedScorecardService;
  scanTrigger: ScanTrigger;
}): void {
  const { actionsRegistry, scorecards, scanTrigger } = options;
  const remediationOf = (checkId: string) =>
    scorecards.checkMetadata().find(c => c.id === checkId)?.remediation;

  actionsRegistry.register({
    name: 'list-waivers',
    title: 'List SageMaker security waivers',
    description:
      'Lists waivers (a check accepted for an entity, with its reason, author ' +
      'and expiry), of one entity or of every entity the caller may read, ' +
      'optionally only active, expired or revoked ones.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().optional().describe('Entity reference'),
          status: z.enum(['active', 'expired', 'revoked']).optional(),
        }),
      output: z =>
        z.object({
          waivers: z.array(
            z.object({
              id: z.string(),
              entityRef: z.string(),
              checkId: z.string(),
              resourceArn: z.string(),
              reason: z.string(),
              createdBy: z.string(),
              createdAt: z.string(),
              expiresAt: z.string(),
              status: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const waivers = await scorecards.listWaivers(
        {
          entityRef: input.entityRef
            ? parseEntityRefInput(input.entityRef)
            : undefined,
          status: input.status,
        },
        credentials,
      );
      return {
        output: {
          waivers: waivers.map(w => ({
            id: w.id,
            entityRef: w.entityRef,
            checkId: w.checkId,
            resourceArn: w.resourceArn,
            reason: w.reason,
            createdBy: w.createdBy,
            createdAt: w.createdAt,
            expiresAt: w.expiresAt,
            status: w.status,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-service-security-history',
    title: 'Get the security score history of an ML service',
    description:
      'Returns the daily score and grade of an entity between two UTC days ' +
      '(default: the last 30) and the check results that changed status, ' +
      'newest first.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Entity reference'),
          from: z.string().optional().describe('First day, YYYY-MM-DD'),
          to: z.string().optional().describe('Last day, YYYY-MM-DD'),
          transitionsLimit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          trend: z.array(
            z.object({
              date: z.string(),
              score: z.number().nullable(),
              grade: z.string().nullable(),
            }),
          ),
          transitions: z.array(
            z.object({
              resourceArn: z.string(),
              checkId: z.string(),
              fromStatus: z.string().nullable(),
              toStatus: z.string().nullable(),
              at: z.string(),
            }),
          ),
          transitionCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const history = await scorecards.entityHistory(
        parseEntityRefInput(input.entityRef),
        { from: input.from, to: input.to },
        credentials,
      );
      const transitions = [...history.transitions].sort((a, b) =>
        b.at.localeCompare(a.at),
      );
      return {
        output: {
          entityRef: history.entityRef,
          trend: history.trend,
          transitions: transitions.slice(0, input.transitionsLimit ?? 50),
          transitionCount: transitions.length,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-team-failing-checks',
    title: "List a team's failing SageMaker security checks",
    description:
      'Lists the open findings (fail, warn, unknown; waived ones left out) of ' +
      'every ML service a team owns that the caller may read, worst first, ' +
      'each with its service, resource, reason, and how to fix it (text, AWS ' +
      'documentation, and the scaffolder template when there is one).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .describe('The team: a Group entity reference, e.g. fraud-ml'),
          limit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          owner: z.string(),
          services: z.array(z.string()),
          total: z.number(),
          findings: z.array(
            z.object({
              entityRef: z.string(),
              checkId: z.string(),
              title: z.string(),
              severity: z.string(),
              status: z.string(),
              resourceArn: z.string(),
              message: z.string(),
              remediation: z.string().optional(),
              docsUrl: z.string().optional(),
              template: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const owner = normalizeRef(input.owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (!owner) {
        throw new NotFoundError(`No team ${input.owner}`);
      }
      const open: Finding[] = [];
      for await (const batch of await scorecards.exportFindings(
        { owner },
        credentials,
      )) {
        open.push(...batch.filter(f => isOpenFinding(f.result.status)));
      }
      return {
        output: {
          owner,
          services: [...new Set(open.map(f => f.entityRef ?? ''))].sort(),
          total: open.length,
          findings: worstFindings(open, input.limit ?? 50).map(f => {
            const remediation = remediationOf(f.check.id);
            return {
              entityRef: f.entityRef ?? '',
              checkId: f.check.id,
              title: f.check.title,
              severity: f.check.severity,
              status: f.result.status,
              resourceArn: f.result.resourceArn,
              message: f.result.message,
              ...(remediation
                ? {
                    remediation: remediation.text,
                    docsUrl: remediation.docsUrl,
                    ...(remediation.template
                      ? { template: remediation.template.name }
                      : {}),
                  }
                : {}),
            };
          }),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-finding',
    title: 'Explain one SageMaker security finding with its evidence',
    description:
      'Explains the current result of one check on one resource of an entity: ' +
      'its status and why (the message), the evidence the check read (each ' +
      'field, its value and what was expected), what could not be read and ' +
      'the IAM action it needs, a waiver that covers it, and how to fix it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Entity reference'),
          checkId: z.string(),
          resourceArn: z.string(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          checkId: z.string(),
          title: z.string(),
          rationale: z.string(),
          resourceArn: z.string(),
          status: z.string(),
          evaluatedStatus: z.string(),
          message: z.string(),
          evidence: z.array(z.object({}).passthrough()),
          missing: z.array(z.string()).optional(),
          since: z.string(),
          waiver: z
            .object({
              id: z.string(),
              reason: z.string(),
              expiresAt: z.string(),
            })
            .optional(),
          remediation: z.object({
            text: z.string(),
            docsUrl: z.string(),
            template: z.string().optional(),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = parseEntityRefInput(input.entityRef);
      const finding = (await scorecards.findings(entityRef, credentials)).find(
        f =>
          f.check.id === input.checkId &&
          f.result.resourceArn === input.resourceArn,
      );
      const check = scorecards
        .checkMetadata()
        .find(c => c.id === input.checkId);
      if (!finding || !check) {
        throw new NotFoundError(
          `No result of ${input.checkId} on ${input.resourceArn} for ${entityRef}`,
        );
      }
      const { result } = finding;
      return {
        output: {
          entityRef,
          checkId: check.id,
          title: check.title,
          rationale: check.rationale,
          resourceArn: result.resourceArn,
          status: result.status,
          evaluatedStatus: result.evaluatedStatus,
          message: result.message,
          evidence: result.evidence.map(e => ({ ...e })),
          ...(result.missing ? { missing: result.missing } : {}),
          since: result.since,
          ...(result.waiver
            ? {
                waiver: {
                  id: result.waiver.id,
                  reason: result.waiver.reason,
                  expiresAt: result.waiver.expiresAt,
                },
              }
            : {}),
          remediation: {
            text: check.remediation.text,
            docsUrl: check.remediation.docsUrl,
            ...(check.remediation.template
              ? { template: check.remediation.template.name }
              : {}),
          },
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'start-scan',
    title: 'Start a SageMaker security scan',
    description:
      'Starts a scan of every configured account and region, or of the ' +
      'named ones (each must be configured). Needs ' +
      '`sagemaker-security.scan.run`. With `dryRun` it checks the permission ' +
      'and the targets and says what would be scanned, without starting.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          targets: z
            .array(
              z.object({
                accountId: z.string().regex(/^\d{12}$/),
                region: z.string().min(1).max(32),
              }),
            )
            .max(500)
            .optional(),
          dryRun: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          dryRun: z.boolean(),
          targets: z.array(
            z.object({ accountId: z.string(), region: z.string() }),
          ),
          scanId: z.string().optional(),
          status: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      await scorecards.authorizeScan(credentials);
      const targets = requestedTargets(input.targets, scanTrigger.targets);
      const scanned = targets ?? [...scanTrigger.targets];
      if (input.dryRun) {
        return { output: { dryRun: true, targets: scanned } };
      }
      const scan = await scanTrigger.triggerScan({
        trigger: 'manual',
        requestedBy: principalName(credentials),
        ...(targets ? { targets } : {}),
      });
      return {
        output: {
          dryRun: false,
          targets: scanned,
          scanId: scan.id,
          status: scan.status,
        },
      };
    },
  });
}
