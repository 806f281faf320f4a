import { SecurityCheck } from '../../types';
import { domainCanvasWorkspaceKmsKey } from './canvasWorkspaceKmsKey';
import { bucketsSecureTransport, bucketsSseKms } from './bucketEncryption';
import {
  endpointConfigAsyncOutputKmsKey,
  endpointConfigDataCaptureKmsKey,
} from './endpointConfigCaptureAndAsyncKmsKeys';
import { endpointConfigVolumeKmsKey } from './endpointConfigVolumeKmsKey';
import { flowDefinitionKmsKey } from './flowDefinitionKmsKey';
import {
  automlJobInterContainerEncryption,
  biasJobInterContainerEncryption,
  dataQualityJobInterContainerEncryption,
  explainabilityJobInterContainerEncryption,
  modelQualityJobInterContainerEncryption,
  monitoringScheduleInterContainerEncryption,
  processingJobInterContainerEncryption,
  trainingJobInterContainerEncryption,
  tuningJobInterContainerEncryption,
} from './interContainerEncryption';
import { hyperpodVolumesCustomerManagedKeys } from './hyperpodVolumeKeys';
import {
  automlJobKmsKeys,
  compilationJobKmsKey,
  processingJobKmsKeys,
  trainingJobKmsKeys,
  transformJobKmsKeys,
  tuningJobKmsKeys,
} from './jobKmsKeys';
import {
  kmsKeyPoliciesNotPublic,
  kmsKeysCustomerManaged,
  kmsKeysEnabled,
  kmsKeysRotationEnabled,
} from './kmsKeyQuality';
import { logGroupKmsEncryption } from './logGroupKmsEncryption';
import { monitoringJobKmsKeys } from './monitoringJobKmsKeys';
import { notebookVolumeKmsKey } from './notebookVolumeKmsKey';
import {
  domainSharingKmsKey,
  domainStorageKmsKey,
  featureGroupOfflineStoreKmsKey,
  featureGroupOnlineStoreKmsKey,
  inferenceExperimentDataKmsKey,
  inferenceExperimentVolumeKmsKey,
} from './storeAndDomainKmsKeys';
import { inferenceComponentEndpointConfigKmsKey } from './inferenceComponentKeys';
import { partnerAppCustomerManagedKey } from './partnerAppKmsKey';

/** @public */
export const encryptionChecks: SecurityCheck[] = [
  notebookVolumeKmsKey,
  endpointConfigVolumeKmsKey,
  endpointConfigDataCaptureKmsKey,
  endpointConfigAsyncOutputKmsKey,
  trainingJobKmsKeys,
  processingJobKmsKeys,
  transformJobKmsKeys,
  tuningJobKmsKeys,
  domainStorageKmsKey,
  domainSharingKmsKey,
  featureGroupOfflineStoreKmsKey,
  featureGroupOnlineStoreKmsKey,
  inferenceExperimentVolumeKmsKey,
  inferenceExperimentDataKmsKey,
  monitoringJobKmsKeys,
  trainingJobInterContainerEncryption,
  processingJobInterContainerEncryption,
  tuningJobInterContainerEncryption,
  dataQualityJobInterContainerEncryption,
  explainabilityJobInterContainerEncryption,
  modelQualityJobInterContainerEncryption,
  biasJobInterContainerEncryption,
  monitoringScheduleInterContainerEncryption,
  kmsKeysCustomerManaged,
  kmsKeysRotationEnabled,
  kmsKeysEnabled,
  kmsKeyPoliciesNotPublic,
  bucketsSecureTransport,
  bucketsSseKms,
  logGroupKmsEncryption,
  hyperpodVolumesCustomerManagedKeys,
  domainCanvasWorkspaceKmsKey,
  automlJobKmsKeys,
  automlJobInterContainerEncryption,
  compilationJobKmsKey,
  flowDefinitionKmsKey,
  partnerAppCustomerManagedKey,
  inferenceComponentEndpointConfigKmsKey,
];
