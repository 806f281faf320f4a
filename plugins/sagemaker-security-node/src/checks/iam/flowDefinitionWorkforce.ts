import {
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  pass,
  SEED,
  unknown,
  warn,
} from '../support';

const WORKTEAM = 'HumanLoopConfig.WorkteamArn';

/**
 * The workforce kind an A2I work team ARN names: AWS's public crowd
 * (Amazon Mechanical Turk) is `workteam/public-crowd/default`, Marketplace
 * vendors `workteam/vendor-crowd/...`, private teams `workteam/private-crowd/...`.
 */
function workforceOf(arn: string): 'public' | 'vendor' | 'private' | undefined {
  const match = /:workteam\/([a-z-]+)\//.exec(arn);
  switch (match?.[1]) {
    case 'public-crowd':
      return 'public';
    case 'vendor-crowd':
      return 'vendor';
    case 'private-crowd':
      return 'private';
    default:
      return undefined;
  }
}

/** Items a model sends to human review reach only your own reviewers. */
export const flowDefinitionPrivateWorkforce = defineCheck(
  {
    id: 'flow-definition-private-workforce',
    pillar: 'iam',
    title: 'Human review workflow sends items to a private workforce',
    severity: 'high',
    resourceTypes: ['flow-definition'],
    rationale:
      'A human review workflow (Amazon A2I flow definition) shows every item it receives to its work team. With the public workforce (Amazon Mechanical Turk) anyone registered there may see them; AWS asks not to send confidential data or personal information to it. A vendor workforce is a third party under its own agreement.',
    references: { seed: { pillar: SEED.iam, phases: ['deployment'] } },
    remediation: {
      text: 'Create the workflow again with HumanLoopConfig.WorkteamArn naming a private work team (workteam/private-crowd/...) of your reviewers, point the callers at it and delete the old one.',
      docsUrl: DOCS.publicWorkforce,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, WORKTEAM);
    if (failure) return failure;
    const arn = getPath(resource.description, WORKTEAM);
    const kind = typeof arn === 'string' ? workforceOf(arn) : undefined;
    const evidence = [
      fieldEvidence(resource, WORKTEAM, arn, 'a private work team'),
    ];
    if (typeof arn !== 'string' || kind === undefined) {
      return unknown(
        `${resource.name}: the work team (${WORKTEAM}) is not reported as a work team ARN.`,
        ['sagemaker:DescribeFlowDefinition'],
        evidence,
      );
    }
    if (kind === 'public') {
      return fail(
        `${resource.name} sends items to the public workforce (Amazon Mechanical Turk): ${arn}.`,
        evidence,
      );
    }
    if (kind === 'vendor') {
      return warn(
        `${resource.name} sends items to a vendor workforce (${arn}); the vendor's agreement governs who sees them.`,
        evidence,
      );
    }
    return pass(
      `${resource.name} sends items to a private work team.`,
      evidence,
    );
  },
);
