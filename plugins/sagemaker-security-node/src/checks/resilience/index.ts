import { SecurityCheck } from '../../types';
import { endpointConfigMultipleInstances } from './endpointConfigMultipleInstances';
import { domainTagPropagation } from './domainTagPropagation';
import { endpointModelsApproved } from './endpointModelsApproved';
import { hyperpodNodeRecoveryAutomatic } from './hyperpodNodeRecovery';
import { modelPackageManualApproval } from './modelPackageApproval';
import {
  mlflowAppAutomaticModelRegistrationDisabled,
  mlflowAutomaticModelRegistrationDisabled,
} from './mlflowModelRegistration';
import { notebookPlatformSupported } from './notebookPlatformSupported';
import { resourceOwnershipTags } from './ownershipTags';
import { partnerAppAutomaticMinorUpgrades } from './partnerAppUpgrades';

/** @public */
export const resilienceChecks: SecurityCheck[] = [
  endpointConfigMultipleInstances,
  notebookPlatformSupported,
  endpointModelsApproved,
  resourceOwnershipTags,
  hyperpodNodeRecoveryAutomatic,
  domainTagPropagation,
  mlflowAutomaticModelRegistrationDisabled,
  mlflowAppAutomaticModelRegistrationDisabled,
  partnerAppAutomaticMinorUpgrades,
  modelPackageManualApproval,
];
