import { defineResourceType } from './descriptor';

/**
 * A monitoring job definition of one kind (`DataQuality`, `ModelQuality`,
 * `ModelBias`, `ModelExplainability`): the four share their API shape.
 */
export function monitoringJobDefinition<Id extends string>(
  id: Id,
  kind: string,
) {
  return defineResourceType({
    id,
    arnSegment: id,
    job: false,
    api: {
      list: `List${kind}JobDefinitions`,
      items: 'JobDefinitionSummaries',
      summaryName: 'MonitoringJobDefinitionName',
      summaryArn: 'MonitoringJobDefinitionArn',
      describe: `Describe${kind}JobDefinition`,
      describeInput: { JobDefinitionName: 'MonitoringJobDefinitionName' },
      arnField: 'JobDefinitionArn',
      // Monitoring job definitions have no Update API.
      immutable: true,
    },
    links: {
      kmsKeys: [
        `${kind}JobOutputConfig.KmsKeyId`,
        'JobResources.ClusterConfig.VolumeKmsKeyId',
      ],
      roles: ['RoleArn'],
      securityGroups: ['NetworkConfig.VpcConfig.SecurityGroupIds[]'],
      subnets: ['NetworkConfig.VpcConfig.Subnets[]'],
    },
    monitoringJob: {
      outputConfig: `${kind}JobOutputConfig`,
      clusterConfig: 'JobResources.ClusterConfig',
    },
    cloudFormation: {
      type: `AWS::SageMaker::${kind}JobDefinition`,
      nameProperty: 'JobDefinitionName',
    },
    simulator: {
      summary: [
        ['MonitoringJobDefinitionName', 'JobDefinitionName'],
        ['MonitoringJobDefinitionArn', 'JobDefinitionArn'],
        'CreationTime',
        [
          'EndpointName',
          `${kind}JobInput.EndpointInput.EndpointName`,
          'EndpointName',
        ],
      ],
    },
  });
}
