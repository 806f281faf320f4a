import { SecurityCheck } from '../../types';
import {
  domainCanvasModelRegisterSameAccount,
  domainRootlessDocker,
  domainRStudioDefaultNotAdmin,
} from './domainSettings';
import {
  executionRoleKmsNotFullAccess,
  executionRoleNoFullAccessPolicies,
  executionRoleNoWildcardActions,
} from './executionRoleGrants';
import {
  executionRolePassRoleScoped,
  executionRolePresignedUrlConditions,
  executionRolePrivilegeEscalation,
  executionRoleS3AccessScoped,
} from './executionRoleScoping';
import {
  executionRolePermissionsBoundary,
  executionRoleTrustConfusedDeputy,
  executionRoleTrustNotPublic,
} from './executionRoleTrust';
import {
  domainDockerAccessDisabled,
  domainSsoAuthentication,
  endpointConfigSsmAccessDisabled,
  notebookRootAccessDisabled,
  trainingJobRemoteDebugDisabled,
} from './resourceAccess';
import {
  appImageConfigEnvironmentNoSecrets,
  jobEnvironmentNoSecrets,
  lifecycleConfigNoSecrets,
  modelEnvironmentNoSecrets,
} from './secretsInConfiguration';
import { lifecycleConfigNoRemoteCode } from './lifecycleRemoteCode';
import {
  mlflowArtifactStoreSameAccount,
  mlflowBucketOwnerVerified,
} from './mlflowArtifactStore';
import {
  modelPackageGroupPolicyNoExternalAccounts,
  modelPackageGroupPolicyNotPublic,
  modelPackageGroupPolicyNoWildcardActions,
} from './modelRegistryPolicy';
import { bucketsPublicAccessBlocked } from './sharedAccess';
import {
  spaceHasOwner,
  spaceOwnerProfileExists,
  spaceRemoteAccessDisabled,
} from './studioSpaces';
import {
  studioLifecycleConfigNoRemoteCode,
  studioLifecycleConfigNoSecrets,
} from './studioLifecycleScripts';
import { studioPosixUserNotRoot } from './studioPosixUser';
import { flowDefinitionPrivateWorkforce } from './flowDefinitionWorkforce';
import {
  partnerAppAdminUsersBounded,
  partnerAppIamSessionIdentity,
} from './partnerApp';

/** @public */
export const iamChecks: SecurityCheck[] = [
  notebookRootAccessDisabled,
  domainSsoAuthentication,
  domainDockerAccessDisabled,
  endpointConfigSsmAccessDisabled,
  trainingJobRemoteDebugDisabled,
  executionRoleNoFullAccessPolicies,
  executionRoleNoWildcardActions,
  executionRoleS3AccessScoped,
  executionRolePassRoleScoped,
  executionRolePrivilegeEscalation,
  executionRoleKmsNotFullAccess,
  executionRolePresignedUrlConditions,
  executionRoleTrustConfusedDeputy,
  executionRoleTrustNotPublic,
  executionRolePermissionsBoundary,
  modelPackageGroupPolicyNotPublic,
  bucketsPublicAccessBlocked,
  lifecycleConfigNoSecrets,
  modelEnvironmentNoSecrets,
  jobEnvironmentNoSecrets,
  domainRootlessDocker,
  domainCanvasModelRegisterSameAccount,
  domainRStudioDefaultNotAdmin,
  mlflowArtifactStoreSameAccount,
  mlflowBucketOwnerVerified,
  modelPackageGroupPolicyNoExternalAccounts,
  modelPackageGroupPolicyNoWildcardActions,
  lifecycleConfigNoRemoteCode,
  spaceRemoteAccessDisabled,
  spaceHasOwner,
  spaceOwnerProfileExists,
  studioPosixUserNotRoot,
  studioLifecycleConfigNoSecrets,
  studioLifecycleConfigNoRemoteCode,
  flowDefinitionPrivateWorkforce,
  partnerAppIamSessionIdentity,
  partnerAppAdminUsersBounded,
  appImageConfigEnvironmentNoSecrets,
];
