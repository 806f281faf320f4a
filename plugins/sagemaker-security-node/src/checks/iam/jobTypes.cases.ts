import { collectionError, roleWithStatements } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { automlJob, flowDefinition, WORKTEAMS } from '../jobTypesFixture';

const withWorkteam = (WorkteamArn: unknown) =>
  flowDefinition({
    HumanLoopConfig: {
      WorkteamArn,
      HumanTaskUiArn:
        'arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/claims',
      TaskTitle: 'Review the claim',
      TaskDescription: 'Check the extracted fields',
      TaskCount: 1,
    },
  });

/** Human review workflows, and the role checks on the new types. */
export const jobTypesIamCases: CheckCase[] = [
  // flow-definition-private-workforce
  {
    check: 'flow-definition-private-workforce',
    name: 'private work team',
    resource: flowDefinition(),
    expect: 'pass',
  },
  {
    check: 'flow-definition-private-workforce',
    name: 'public workforce (Amazon Mechanical Turk)',
    resource: withWorkteam(WORKTEAMS.public),
    expect: 'fail',
    message: /Mechanical Turk/,
  },
  {
    check: 'flow-definition-private-workforce',
    name: 'vendor workforce',
    resource: withWorkteam(WORKTEAMS.vendor),
    expect: 'warn',
    message: /vendor/,
  },
  {
    check: 'flow-definition-private-workforce',
    name: 'work team not reported',
    resource: flowDefinition({ HumanLoopConfig: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeFlowDefinition'],
  },
  {
    check: 'flow-definition-private-workforce',
    name: 'not a work team ARN',
    resource: withWorkteam('claims-reviewers'),
    expect: 'unknown',
  },
  {
    check: 'flow-definition-private-workforce',
    name: 'DescribeFlowDefinition denied',
    resource: flowDefinition(
      {},
      { errors: [collectionError('sagemaker:DescribeFlowDefinition')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeFlowDefinition'],
  },

  // The execution-role checks reach the new types through RoleArn.
  {
    check: 'execution-role-no-wildcard-actions',
    name: "human review workflow's role with sagemaker:*",
    resource: flowDefinition(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: "AutoML job's role not collected",
    resource: automlJob(),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
];
