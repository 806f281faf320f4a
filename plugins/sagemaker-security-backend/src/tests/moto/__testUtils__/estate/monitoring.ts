/**
 * The estate's monitoring job definitions (the four kinds), good and bad,
 * built through the SDK.
 */
import {
  CreateDataQualityJobDefinitionCommand,
  CreateModelBiasJobDefinitionCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateModelQualityJobDefinitionCommand,
  MonitoringNetworkConfig,
  MonitoringResources,
} from '@aws-sdk/client-sagemaker';
import { EstateClients } from './clients';
import { Estate, OWNED } from './inference';
import { IMAGE, STOP } from './jobs';

const endpointInput = {
  EndpointName: 'ep-secure',
  LocalPath: '/opt/ml/processing/input',
};
const outputs = (keyId?: string) => ({
  MonitoringOutputs: [
    {
      S3Output: {
        S3Uri: 's3://ml-secure/monitoring',
        LocalPath: '/opt/ml/processing/output',
      },
    },
  ],
  ...(keyId ? { KmsKeyId: keyId } : {}),
});
const resources = (count: number, keyId?: string): MonitoringResources => ({
  ClusterConfig: {
    InstanceCount: count,
    InstanceType: 'ml.m5.large',
    VolumeSizeInGB: 20,
    ...(keyId ? { VolumeKmsKeyId: keyId } : {}),
  },
});

export async function createMonitoringJobDefinitions(
  c: EstateClients,
  e: Estate,
) {
  const secureNetwork: MonitoringNetworkConfig = {
    EnableInterContainerTrafficEncryption: true,
    EnableNetworkIsolation: true,
    VpcConfig: {
      Subnets: [e.network.privateSubnet],
      SecurityGroupIds: [e.network.lockedGroup],
    },
  };
  const openNetwork: MonitoringNetworkConfig = {
    VpcConfig: {
      Subnets: [e.network.publicSubnet],
      SecurityGroupIds: [e.network.openGroup],
    },
  };
  await c.sagemaker.send(
    new CreateDataQualityJobDefinitionCommand({
      JobDefinitionName: 'dq-secure',
      DataQualityAppSpecification: { ImageUri: IMAGE },
      DataQualityJobInput: { EndpointInput: endpointInput },
      DataQualityJobOutputConfig: outputs(e.keys.good),
      JobResources: resources(2, e.keys.good),
      NetworkConfig: secureNetwork,
      RoleArn: e.roles.scoped,
      StoppingCondition: STOP,
      Tags: OWNED,
    }),
  );
  // No NetworkConfig at all: isolation and encryption default to off.
  await c.sagemaker.send(
    new CreateDataQualityJobDefinitionCommand({
      JobDefinitionName: 'dq-open',
      DataQualityAppSpecification: { ImageUri: IMAGE },
      DataQualityJobInput: { EndpointInput: endpointInput },
      DataQualityJobOutputConfig: outputs(),
      JobResources: resources(2),
      RoleArn: e.roles.wildcard,
      StoppingCondition: STOP,
    }),
  );
  await c.sagemaker.send(
    new CreateModelQualityJobDefinitionCommand({
      JobDefinitionName: 'mq-open',
      ModelQualityAppSpecification: {
        ImageUri: IMAGE,
        ProblemType: 'BinaryClassification',
      },
      ModelQualityJobInput: {
        EndpointInput: endpointInput,
        GroundTruthS3Input: { S3Uri: 's3://ml-secure/ground-truth' },
      },
      ModelQualityJobOutputConfig: outputs(e.keys.noRotation),
      JobResources: resources(2),
      NetworkConfig: openNetwork,
      RoleArn: e.roles.fullAccess,
      StoppingCondition: STOP,
    }),
  );
  await c.sagemaker.send(
    new CreateModelBiasJobDefinitionCommand({
      JobDefinitionName: 'bias-secure',
      ModelBiasAppSpecification: {
        ImageUri: IMAGE,
        ConfigUri: 's3://ml-secure/bias.json',
      },
      ModelBiasJobInput: {
        EndpointInput: endpointInput,
        GroundTruthS3Input: { S3Uri: 's3://ml-secure/ground-truth' },
      },
      ModelBiasJobOutputConfig: outputs(e.keys.good),
      JobResources: resources(1, e.keys.good),
      NetworkConfig: secureNetwork,
      RoleArn: e.roles.scoped,
      StoppingCondition: STOP,
    }),
  );
  await c.sagemaker.send(
    new CreateModelExplainabilityJobDefinitionCommand({
      JobDefinitionName: 'expl-open',
      ModelExplainabilityAppSpecification: {
        ImageUri: IMAGE,
        ConfigUri: 's3://ml-secure/shap.json',
      },
      ModelExplainabilityJobInput: { EndpointInput: endpointInput },
      ModelExplainabilityJobOutputConfig: outputs(),
      JobResources: resources(2, e.keys.public),
      NetworkConfig: {
        ...openNetwork,
        EnableInterContainerTrafficEncryption: false,
      },
      RoleArn: e.roles.publicTrust,
      StoppingCondition: STOP,
    }),
  );
}
