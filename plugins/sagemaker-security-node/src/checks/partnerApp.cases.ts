/**
 * Cases of the Partner AI App checks (issue 16), spread into the cases of
 * each pillar; and of the key and execution-role checks that reach an app
 * through its descriptor links.
 */
import {
  ACCOUNT,
  collectionError,
  KEY_ARN,
  REGION,
  resource,
  role,
  ROLE_ARN,
} from '../testing/fixtures';
import { CheckCase, keyLinkCases } from '../testing/checkCases';

const ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:partner-app/app-a1b2c3d4e5f6`;
const DESCRIBE = 'sagemaker:DescribePartnerApp';

/** A Partner AI App as DescribePartnerApp returns it (its ARN ends in a generated ID). */
export const partnerApp = (
  description: Record<string, unknown> = {},
  errors: ReturnType<typeof collectionError>[] = [],
) =>
  resource(
    'partner-app',
    {
      Arn: ARN,
      Name: 'team-comet',
      Type: 'comet',
      Status: 'Available',
      ExecutionRoleArn: ROLE_ARN,
      KmsKeyId: KEY_ARN,
      Tier: 'small',
      AuthType: 'IAM',
      EnableIamSessionBasedIdentity: true,
      EnableAutoMinorVersionUpgrade: true,
      MaintenanceConfig: { MaintenanceWindowStart: 'Sun:03:00' },
      ApplicationConfig: { AdminUsers: ['alice', 'bob'] },
      ...description,
    },
    { name: 'team-comet', arn: ARN, errors },
  );

const denied = [collectionError(DESCRIBE)];

const KEY = 'partner-app-customer-managed-kms-key';
export const partnerAppEncryptionCases: CheckCase[] = [
  {
    check: KEY,
    name: 'customer-managed key named',
    resource: partnerApp(),
    expect: 'pass',
  },
  {
    check: KEY,
    name: 'KmsKeyId absent (AWS-owned key)',
    resource: partnerApp({ KmsKeyId: undefined }),
    expect: 'fail',
    message: /AWS-owned/,
  },
  {
    check: KEY,
    name: 'describe denied',
    resource: partnerApp({}, denied),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
  // The named key is judged by the key checks through the descriptor link.
  ...keyLinkCases('Partner AI App', () => partnerApp()),
];

const SESSION = 'partner-app-iam-session-based-identity';
const ADMINS = 'partner-app-admin-users-bounded';
export const partnerAppIamCases: CheckCase[] = [
  {
    check: SESSION,
    name: 'IAM auth, session-based identity on',
    resource: partnerApp(),
    expect: 'pass',
  },
  {
    check: SESSION,
    name: 'IAM auth, session-based identity off',
    resource: partnerApp({ EnableIamSessionBasedIdentity: false }),
    expect: 'fail',
  },
  {
    check: SESSION,
    name: 'IAM auth, field absent (AWS defaults it to false)',
    resource: partnerApp({ EnableIamSessionBasedIdentity: undefined }),
    expect: 'fail',
  },
  {
    check: SESSION,
    name: 'IAM Identity Center authorization (AuthType IDC)',
    resource: partnerApp({
      AuthType: 'IDC',
      EnableIamSessionBasedIdentity: undefined,
    }),
    expect: 'not_applicable',
  },
  {
    check: SESSION,
    name: 'describe denied',
    resource: partnerApp({}, denied),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
  {
    check: ADMINS,
    name: 'two named administrators',
    resource: partnerApp(),
    expect: 'pass',
  },
  {
    check: ADMINS,
    name: 'no AdminUsers',
    resource: partnerApp({ ApplicationConfig: {} }),
    expect: 'fail',
    message: /no administrator/,
  },
  {
    check: ADMINS,
    name: 'blank names only',
    resource: partnerApp({ ApplicationConfig: { AdminUsers: ['', ' '] } }),
    expect: 'fail',
  },
  {
    check: ADMINS,
    name: 'three administrators (the bound)',
    resource: partnerApp({
      ApplicationConfig: { AdminUsers: ['alice', 'bob', 'carol'] },
    }),
    expect: 'pass',
  },
  {
    check: ADMINS,
    name: 'five administrators (the API maximum)',
    resource: partnerApp({
      ApplicationConfig: { AdminUsers: ['a', 'b', 'c', 'd', 'e'] },
    }),
    expect: 'fail',
    message: /5 administrators/,
  },
  {
    check: ADMINS,
    name: 'AdminUsers unreadable',
    resource: partnerApp({}, [
      collectionError(DESCRIBE, { field: 'ApplicationConfig' }),
    ]),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
  // The execution role is judged by the execution-role checks through the link.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AdministratorAccess on a Partner AI App's role",
    resource: partnerApp(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            policyName: 'AdministratorAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AdministratorAccess/,
  },
];

const UPGRADES = 'partner-app-automatic-minor-version-upgrade';
export const partnerAppResilienceCases: CheckCase[] = [
  {
    check: UPGRADES,
    name: 'automatic minor version upgrades on',
    resource: partnerApp(),
    expect: 'pass',
  },
  {
    check: UPGRADES,
    name: 'off',
    resource: partnerApp({ EnableAutoMinorVersionUpgrade: false }),
    expect: 'fail',
  },
  {
    check: UPGRADES,
    name: 'absent (AWS defaults it to false)',
    resource: partnerApp({ EnableAutoMinorVersionUpgrade: undefined }),
    expect: 'fail',
  },
  {
    check: UPGRADES,
    name: 'describe denied',
    resource: partnerApp({}, denied),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
];
