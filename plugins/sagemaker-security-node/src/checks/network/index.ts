import { SecurityCheck } from '../../types';
import { domainDockerTrustedAccounts } from './domainDockerTrustedAccounts';
import { domainRStudioUrlsHttps } from './domainRStudioUrls';
import { domainVpcOnly } from './domainVpcOnly';
import {
  hyperpodClusterInVpc,
  hyperpodInstanceGroupsInClusterVpc,
} from './hyperpodNetwork';
import {
  automlJobInVpc,
  compilationJobInVpc,
  processingJobInVpc,
  processingJobNetworkIsolation,
  trainingJobInVpc,
  trainingJobNetworkIsolation,
  tuningJobInVpc,
  tuningJobNetworkIsolation,
} from './jobNetwork';
import {
  modelContainersPrivateRegistry,
  modelInVpc,
  modelNetworkIsolation,
  modelPrivateRegistry,
} from './modelNetwork';
import {
  biasJobNetworkIsolation,
  dataQualityJobNetworkIsolation,
  explainabilityJobNetworkIsolation,
  modelQualityJobNetworkIsolation,
  monitoringScheduleNetworkIsolation,
} from './monitoringNetworkIsolation';
import {
  notebookDirectInternetAccess,
  notebookImdsV2,
  notebookInVpc,
} from './notebookNetwork';
import {
  securityGroupsEgressRestricted,
  securityGroupsNoPublicIngress,
} from './securityGroups';
import { subnetsPrivate } from './subnetsPrivate';
import {
  vpcEndpointKms,
  vpcEndpointS3,
  vpcEndpointsEcr,
  vpcEndpointsSageMaker,
  vpcEndpointsStsLogs,
} from './vpcEndpoints';
import { inferenceComponentImageOwnRegistry } from './inferenceComponentImage';
import {
  inferenceComponentInVpc,
  inferenceComponentNetworkIsolation,
} from './inferenceComponentNetwork';

/** @public */
export const networkChecks: SecurityCheck[] = [
  notebookDirectInternetAccess,
  notebookInVpc,
  notebookImdsV2,
  modelNetworkIsolation,
  modelInVpc,
  modelPrivateRegistry,
  modelContainersPrivateRegistry,
  trainingJobNetworkIsolation,
  trainingJobInVpc,
  processingJobNetworkIsolation,
  processingJobInVpc,
  tuningJobNetworkIsolation,
  tuningJobInVpc,
  dataQualityJobNetworkIsolation,
  biasJobNetworkIsolation,
  explainabilityJobNetworkIsolation,
  modelQualityJobNetworkIsolation,
  monitoringScheduleNetworkIsolation,
  domainVpcOnly,
  vpcEndpointsSageMaker,
  vpcEndpointS3,
  vpcEndpointKms,
  vpcEndpointsEcr,
  vpcEndpointsStsLogs,
  securityGroupsNoPublicIngress,
  securityGroupsEgressRestricted,
  subnetsPrivate,
  hyperpodClusterInVpc,
  hyperpodInstanceGroupsInClusterVpc,
  domainDockerTrustedAccounts,
  domainRStudioUrlsHttps,
  automlJobInVpc,
  compilationJobInVpc,
  inferenceComponentNetworkIsolation,
  inferenceComponentInVpc,
  inferenceComponentImageOwnRegistry,
];
