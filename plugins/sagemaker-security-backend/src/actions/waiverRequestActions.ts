import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { WaiverRequest } from '@mlsec/plugin-sagemaker-security-common';
import { parseEntityRefInput } from '../catalog/entityRefs';
import type { AuthorizedWaiverRequests } from '../service/AuthorizedWaiverRequests';

const STATUSES = ['pending', 'approved', 'denied', 'withdrawn'] as const;

/** A request as the actions answer it (the wire shape, optional fields left out when absent). */
function requestOutput(request: WaiverRequest) {
  return { ...request };
}

/**
 * Waiver request actions for AI agents (issue 18, items 2 and 3): list
 * requests, request a waiver, approve or deny one. They go through
 * AuthorizedWaiverRequests with the caller's credentials, as the REST API
 * does: the same read decisions, the owner rule for requests, the security
 * groups (and not the requester) for decisions. Both writes have a dry run
 * that decides and validates everything and stores nothing.
 */
export function registerWaiverRequestActions(options: {
  actionsRegistry: ActionsRegistryService;
  waiverRequests: AuthorizedWaiverRequests;
}): void {
  const { actionsRegistry, waiverRequests } = options;

  const requestSchema = (z: any) =>
    z.object({
      id: z.string(),
      entityRef: z.string(),
      checkId: z.string(),
      resourceArn: z.string(),
      reason: z.string(),
      expiresAt: z.string(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      status: z.enum(STATUSES),
      decidedBy: z.string().optional(),
      decidedAt: z.string().optional(),
      comment: z.string().optional(),
      waiverId: z.string().optional(),
    });

  actionsRegistry.register({
    name: 'list-waiver-requests',
    title: 'List SageMaker security waiver requests',
    description:
      'Lists waiver requests (an owner asking the security group to accept a ' +
      'failing check until a date, with the reason, and the decision), newest ' +
      'first, of some entities or of every entity the caller may read, ' +
      'optionally of one status (pending, approved, denied, withdrawn).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRefs: z
            .array(z.string())
            .max(100)
            .optional()
            .describe('Entity references'),
          status: z.enum(STATUSES).optional(),
        }),
      output: z => z.object({ requests: z.array(requestSchema(z)) }),
    },
    action: async ({ input, credentials }) => {
      const requests = await waiverRequests.list(
        {
          entityRefs: input.entityRefs?.map(ref => parseEntityRefInput(ref)),
          status: input.status,
        },
        credentials,
      );
      return { output: { requests: requests.map(requestOutput) } };
    },
  });

  actionsRegistry.register({
    name: 'request-waiver',
    title: 'Request a SageMaker security waiver',
    description:
      'Asks the security group to waive a check for one resource of an ' +
      'entity (or all of them, resourceArn "*") until expiresAt, with a ' +
      'reason of at least 10 characters. The caller must be a user allowed ' +
      '`sagemaker-security.waiver.request` (by default an owner of the ' +
      'entity or a security group member). With `dryRun` it checks the ' +
      'permission and the input and stores nothing.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Entity reference'),
          checkId: z.string(),
          resourceArn: z
            .string()
            .describe('An ARN of the entity, or * for all of them'),
          reason: z.string().min(10).max(2000),
          expiresAt: z.string().describe('ISO 8601 date-time in the future'),
          dryRun: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          dryRun: z.boolean(),
          request: requestSchema(z).partial({
            id: true,
            requestedAt: true,
            status: true,
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const { dryRun, ...rest } = input;
      const body = { ...rest, entityRef: parseEntityRefInput(rest.entityRef) };
      if (dryRun) {
        const row = await waiverRequests.checkRequest(body, credentials);
        return {
          output: {
            dryRun: true,
            request: {
              entityRef: row.entityRef,
              checkId: row.checkId,
              resourceArn: row.resourceArn,
              reason: row.reason,
              expiresAt: row.expiresAt.toISOString(),
              requestedBy: row.requestedBy,
            },
          },
        };
      }
      const request = await waiverRequests.request(body, credentials);
      return { output: { dryRun: false, request: requestOutput(request) } };
    },
  });

  actionsRegistry.register({
    name: 'decide-waiver-request',
    title: 'Approve or deny a SageMaker security waiver request',
    description:
      'Approves (creating the waiver) or denies (comment of at least 10 ' +
      'characters required) a pending waiver request. The caller must be a ' +
      'user allowed `sagemaker-security.waiver.approve`, a member of a ' +
      'configured security group, and not the requester. With `dryRun` it ' +
      'checks all of that and that the request is pending, and changes ' +
      'nothing.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          id: z.string().describe('The waiver request id'),
          decision: z.enum(['approve', 'deny']),
          comment: z.string().max(2000).optional(),
          dryRun: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          dryRun: z.boolean(),
          request: requestSchema(z),
          waiverId: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const result = await waiverRequests.decide(
        input.id,
        input.decision,
        input.comment,
        credentials,
        { dryRun: input.dryRun },
      );
      return {
        output: {
          dryRun: Boolean(input.dryRun),
          request: requestOutput(result.request),
          ...(result.waiver ? { waiverId: result.waiver.id } : {}),
        },
      };
    },
  });
}
