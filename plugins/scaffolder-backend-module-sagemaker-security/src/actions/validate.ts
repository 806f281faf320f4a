import { promises as fs } from 'node:fs';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import { loadTemplates } from '../cloudformation/loadTemplates';
import { mapToInventory } from '../cloudformation/mapResources';
import {
  blockingFindings,
  FAIL_ON_LEVELS,
  FailOn,
  summarize,
} from '../evaluate/failOn';
import { evaluateInventory, IacFinding } from '../evaluate/runChecks';

/**
 * ID of the scaffolder action that validates CloudFormation templates against the checks.
 *
 * @public
 */
export const VALIDATE_ACTION_ID = 'sagemaker-security:validate';

/** Account used for synthetic ARNs; the code is validated before any account exists. */
export const IAC_ACCOUNT_ID = '000000000000';
export const IAC_DEFAULT_REGION = 'us-east-1';

/**
 * Options of `createValidateAction`.
 *
 * @public
 */
export interface ValidateActionOptions {
  /**
   * The checks to run: a list, or a function giving the list at each run
   * (e.g. the checks the SageMaker security backend plugin publishes).
   */
  checks: SecurityCheck[] | (() => SecurityCheck[]);
  /** From `sagemakerSecurity.validate.failOn`; the action's input overrides it. */
  defaultFailOn: FailOn;
}

function where(finding: IacFinding): string {
  return finding.file
    ? `${finding.file}#${finding.logicalId}`
    : finding.resourceArn;
}

function logLine(finding: IacFinding): string {
  return `[${finding.status.toUpperCase()}][${finding.severity}] ${
    finding.checkId
  } on ${finding.resourceType} ${finding.resourceName} (${where(finding)}): ${
    finding.message
  }`;
}

/**
 * Input of `sagemaker-security:validate` (type aliases, not interfaces: the
 * scaffolder constrains them to `JsonObject`; written out so the published
 * declaration does not depend on the order the compiler infers unions in).
 *
 * @public
 */
export type ValidateActionInput = {
  path?: string | undefined;
  failOn?: FailOn | undefined;
  exclude?: string[] | undefined;
  region?: string | undefined;
};

/**
 * Output of `sagemaker-security:validate`.
 *
 * @public
 */
export type ValidateActionOutput = {
  findings: Record<string, any>[];
  summary: {
    files: number;
    resources: number;
    pass: number;
    fail: number;
    warn: number;
    unknown: number;
    not_applicable: number;
    failOn: FailOn;
    blocking: number;
  };
};

/**
 * `sagemaker-security:validate`: maps the CloudFormation templates of the
 * task workspace to the inventory shape and runs the SageMaker security
 * checks over it, before anything is deployed.
 *
 * @public
 */
export function createValidateAction(
  options: ValidateActionOptions,
): TemplateAction<ValidateActionInput, ValidateActionOutput, 'v2'> {
  return createTemplateAction({
    id: VALIDATE_ACTION_ID,
    description:
      'Validates the CloudFormation templates in the workspace against the SageMaker security checks and fails on failing checks at or above a severity.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Validate the rendered skeleton, failing on high or critical findings',
        example: [
          'steps:',
          '  - id: validate',
          '    name: Validate SageMaker security',
          `    action: ${VALIDATE_ACTION_ID}`,
          '    input:',
          '      path: .',
          '      failOn: high',
          '      exclude: [endpoint-config-instance-count]',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to validate, relative; default "."',
            ),
        failOn: z =>
          z
            .enum(FAIL_ON_LEVELS)
            .optional()
            .describe(
              'Lowest severity of a failing check that fails the step (or "never")',
            ),
        exclude: z =>
          z.array(z.string()).optional().describe('Check IDs not to run'),
        region: z =>
          z
            .string()
            .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region, e.g. eu-west-1')
            .optional()
            .describe(
              `Region the templates will be deployed to; default ${IAC_DEFAULT_REGION}`,
            ),
      },
      output: {
        // JSON-typed (not `unknown`): the published declaration of this action
        // must satisfy the scaffolder's `JsonObject` constraint in an app's
        // `tsc --skipLibCheck false`.
        findings: z =>
          z
            .array(z.record(z.any()))
            .describe('Findings that did not pass (fail, warn, unknown)'),
        summary: z =>
          z
            .object({
              files: z.number(),
              resources: z.number(),
              pass: z.number(),
              fail: z.number(),
              warn: z.number(),
              unknown: z.number(),
              not_applicable: z.number(),
              failOn: z.enum(FAIL_ON_LEVELS),
              blocking: z.number(),
            })
            .describe('Counts per status, and the threshold'),
      },
    },
    async handler(ctx) {
      const relative = ctx.input.path ?? '.';
      const failOn = ctx.input.failOn ?? options.defaultFailOn;
      const region = ctx.input.region ?? IAC_DEFAULT_REGION;
      const root = resolveSafeChildPath(ctx.workspacePath, relative);
      const stat = await fs.stat(root).catch(() => undefined);
      if (!stat?.isDirectory()) {
        throw new InputError(
          `path "${relative}" is not a folder of the task workspace`,
        );
      }

      const loaded = await loadTemplates(root);
      if (loaded.errors.length > 0) {
        const lines = loaded.errors.map(error => error.message);
        lines.forEach(line => ctx.logger.error(line));
        throw new InputError(
          `Cannot validate: ${
            loaded.errors.length
          } CloudFormation file(s) are malformed:\n${lines.join('\n')}`,
        );
      }
      if (loaded.templates.length === 0) {
        ctx.logger.warn(
          `No CloudFormation templates found under "${relative}"; nothing to validate.`,
        );
      }
      const inventory = mapToInventory(loaded.templates, {
        accountId: IAC_ACCOUNT_ID,
        region,
        partition: 'aws',
      });
      const findings = evaluateInventory(
        inventory,
        typeof options.checks === 'function'
          ? options.checks()
          : options.checks,
        ctx.input.exclude ?? [],
      );
      const summary = summarize(
        findings,
        {
          files: loaded.templates.length,
          resources: inventory.resources.length,
        },
        failOn,
      );

      ctx.logger.info(
        `Validated ${summary.resources} SageMaker resource(s) in ${summary.files} template(s): ${summary.pass} pass, ${summary.fail} fail, ${summary.warn} warn, ${summary.unknown} unknown, ${summary.not_applicable} not applicable.`,
      );
      const reported = findings.filter(
        f => f.status !== 'pass' && f.status !== 'not_applicable',
      );
      for (const finding of reported) {
        const line = logLine(finding);
        if (finding.status === 'fail') ctx.logger.error(line);
        else ctx.logger.warn(line);
      }
      ctx.output('findings', reported);
      ctx.output('summary', summary);

      const blocking = blockingFindings(findings, failOn);
      if (blocking.length > 0) {
        const ids = [...new Set(blocking.map(f => f.checkId))].sort();
        throw new Error(
          `SageMaker security validation failed: ${
            blocking.length
          } finding(s) at or above "${failOn}" severity fail: ${ids.join(
            ', ',
          )}. ${blocking.map(f => `${f.checkId} on ${where(f)}`).join('; ')}`,
        );
      }
    },
  });
}
