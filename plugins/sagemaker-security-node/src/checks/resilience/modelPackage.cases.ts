import { collectionError, modelPackage } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

const CHECK = 'model-package-manual-approval';
const CREATED = '2026-11-02T09:00:00.000Z';
const REVIEWER = 'arn:aws:sts::111122223333:assumed-role/ModelRisk/alice';

const version = (description: Record<string, unknown>) =>
  modelPackage(
    {
      ModelPackageGroupName: 'fraud',
      ModelPackageVersion: 3,
      CreationTime: CREATED,
      ...description,
    },
    { name: 'fraud/3' },
  );

export const modelPackageCases: CheckCase[] = [
  {
    check: CHECK,
    name: 'registered as PendingManualApproval',
    resource: version({ ModelApprovalStatus: 'PendingManualApproval' }),
    expect: 'pass',
    message: /not deployable until someone approves it/,
  },
  {
    check: CHECK,
    name: 'approved by a later update, naming the reviewer',
    resource: version({
      ModelApprovalStatus: 'Approved',
      LastModifiedTime: '2026-11-03T15:30:00.000Z',
      LastModifiedBy: { IamIdentity: { Arn: REVIEWER } },
      ApprovalDescription: 'Bias and drift reports reviewed',
    }),
    expect: 'pass',
    message:
      /approved by an update after registration \(last modified by arn:aws:sts::111122223333:assumed-role\/ModelRisk\/alice\)/,
  },
  {
    check: CHECK,
    name: 'rejected',
    resource: version({
      ModelApprovalStatus: 'Rejected',
      LastModifiedTime: '2026-11-03T15:30:00.000Z',
    }),
    expect: 'pass',
  },
  {
    check: CHECK,
    name: 'registered directly as Approved, never modified',
    resource: version({ ModelApprovalStatus: 'Approved' }),
    expect: 'fail',
    message: /registered directly as Approved/,
  },
  {
    check: CHECK,
    name: 'Approved with LastModifiedTime equal to CreationTime (set at registration)',
    resource: version({
      ModelApprovalStatus: 'Approved',
      LastModifiedTime: CREATED,
    }),
    expect: 'fail',
  },
  {
    // Prowler #12606: its registry check passes when an Approved package
    // exists, so an auto-approved latest version goes unnoticed. Here the
    // version itself is judged, whatever else the group holds.
    check: CHECK,
    name: 'Prowler #12606: auto-approved version in a group that has reviewed approvals',
    resource: version({
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'auto-approved by pipeline',
    }),
    resources: [
      modelPackage(
        {
          ModelPackageGroupName: 'fraud',
          ModelPackageVersion: 2,
          ModelApprovalStatus: 'Approved',
          CreationTime: '2026-10-01T09:00:00.000Z',
          LastModifiedTime: '2026-10-02T09:00:00.000Z',
        },
        { name: 'fraud/2' },
      ),
    ],
    expect: 'fail',
  },
  {
    check: CHECK,
    name: 'versioned package without an approval status',
    resource: version({ ModelApprovalStatus: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeModelPackage'],
  },
  {
    check: CHECK,
    name: 'unversioned package (no group)',
    resource: modelPackage(
      { ModelPackageGroupName: undefined, ModelPackageName: 'marketplace-xgb' },
      { name: 'marketplace-xgb' },
    ),
    expect: 'not_applicable',
  },
  {
    check: CHECK,
    name: 'describe failed',
    resource: modelPackage(
      {},
      { errors: [collectionError('sagemaker:DescribeModelPackage')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeModelPackage'],
  },
];
