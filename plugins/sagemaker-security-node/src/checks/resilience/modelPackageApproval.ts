import {
  CheckOutcome,
  Evidence,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  defineCheck,
  DOCS,
  fail,
  getPath,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  unknown,
} from '../support';

const DESCRIBE = 'sagemaker:DescribeModelPackage';

function timeOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = new Date(value as string).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** Who a `UserContext` names: the IAM identity, else the Studio user profile. */
function who(context: unknown): string | undefined {
  return (
    nonEmptyString(getPath(context, 'IamIdentity.Arn')) ??
    nonEmptyString(getPath(context, 'UserProfileName'))
  );
}

function evidenceOf(resource: SageMakerResource, expected: string): Evidence[] {
  const d = resource.description;
  return [
    {
      path: 'DescribeModelPackage.ModelApprovalStatus',
      observed: {
        ModelApprovalStatus: d.ModelApprovalStatus ?? null,
        CreationTime: d.CreationTime ?? null,
        LastModifiedTime: d.LastModifiedTime ?? null,
        LastModifiedBy: who(d.LastModifiedBy) ?? null,
        ApprovalDescription: d.ApprovalDescription ?? null,
      },
      expected,
      relatedArn: resource.arn,
    },
  ];
}

function judge(resource: SageMakerResource): CheckOutcome {
  const d = resource.description;
  if (!nonEmptyString(d.ModelPackageGroupName)) {
    return notApplicable(
      `${resource.name} is an unversioned model package (no model package group): it has no approval status.`,
    );
  }
  const status = nonEmptyString(d.ModelApprovalStatus);
  const expected =
    'PendingManualApproval at registration, Approved only by a later update';
  if (!status) {
    return unknown(
      `Approval status of ${resource.name} is absent.`,
      [DESCRIBE],
      evidenceOf(resource, expected),
    );
  }
  if (status !== 'Approved') {
    return pass(
      `${resource.name} is ${status}: it is not deployable until someone approves it.`,
      evidenceOf(resource, expected),
    );
  }
  const created = timeOf(d.CreationTime);
  const modified = timeOf(d.LastModifiedTime);
  if (modified !== undefined && (created === undefined || modified > created)) {
    const by = who(d.LastModifiedBy);
    return pass(
      `${resource.name} was approved by an update after registration${
        by ? ` (last modified by ${by})` : ''
      }${
        nonEmptyString(d.ApprovalDescription)
          ? `: "${String(d.ApprovalDescription)}"`
          : ''
      }.`,
      evidenceOf(resource, expected),
    );
  }
  return fail(
    `${resource.name} was registered directly as Approved and never modified: no separate approval step came between training and deployment.`,
    evidenceOf(resource, expected),
  );
}

export const modelPackageManualApproval = defineCheck(
  {
    id: 'model-package-manual-approval',
    pillar: 'resilience',
    title:
      'Model package versions are approved in a step separate from their registration',
    severity: 'medium',
    resourceTypes: ['model-package'],
    rationale:
      'The model registry is a review gate only if a version waits as PendingManualApproval until someone approves it. A version created with ModelApprovalStatus=Approved and never modified (no LastModifiedTime after its CreationTime) had no approval step: whatever trained it also released it. A version approved by a later UpdateModelPackage passes (LastModifiedBy names who; ApprovalDescription says why); PendingManualApproval and Rejected pass (no release without a decision). Unversioned packages have no approval status and are not applicable. Each version is judged, not only the latest of its group, so an auto-approved version that is still deployable is found. Any later update counts as the approval step, because DescribeModelPackage does not say which update changed the status.',
    references: {
      seed: { pillar: SEED.compliance, phases: ['governance', 'deployment'] },
    },
    remediation: {
      text: 'Register new versions with ModelApprovalStatus=PendingManualApproval (the pipeline RegisterModel step: approval_status="PendingManualApproval") and approve them in a separate, reviewed step (UpdateModelPackage --model-approval-status Approved --approval-description ...).',
      docsUrl: DOCS.modelRegistryApprove,
    },
  },
  ({ resource }) => judge(resource),
);
