import { defineResourceType } from './descriptor';

/**
 * A Studio app image configuration (`AWS::SageMaker::AppImageConfig`): how
 * Studio runs a custom image as a KernelGateway, JupyterLab or Code Editor
 * app (kernel specs, the POSIX user and group its file system is mounted
 * with, container entrypoint, arguments and environment). Domains, user
 * profiles and spaces name it beside the image (`…AppSettings.CustomImages[]
 * .AppImageConfigName`). The list summary already holds every Describe field.
 */
export const appImageConfig = defineResourceType({
  id: 'app-image-config',
  arnSegment: 'app-image-config',
  job: false,
  catalog: {
    abbreviation: 'app-image-config',
    label: 'Studio app image configuration',
    // No console link: the configurations are shown inside a domain's
    // environment settings, and no documented console fragment names one.
  },
  api: {
    list: 'ListAppImageConfigs',
    items: 'AppImageConfigs',
    summaryName: 'AppImageConfigName',
    summaryArn: 'AppImageConfigArn',
    describe: 'DescribeAppImageConfig',
    describeInput: { AppImageConfigName: 'AppImageConfigName' },
    arnField: 'AppImageConfigArn',
    changeFields: ['LastModifiedTime'],
  },
  links: {},
  // Set in every JupyterLab or Code Editor app started from the image
  // (KernelGateway settings have no container configuration).
  environmentFields: [
    'JupyterLabAppImageConfig.ContainerConfig.ContainerEnvironmentVariables',
    'CodeEditorAppImageConfig.ContainerConfig.ContainerEnvironmentVariables',
  ],
  cloudFormation: {
    type: 'AWS::SageMaker::AppImageConfig',
    nameProperty: 'AppImageConfigName',
    // The resource schema's primary identifier is AppImageConfigName.
    refIsName: true,
  },
  simulator: {
    summary: [
      'AppImageConfigArn',
      'AppImageConfigName',
      'CreationTime',
      'LastModifiedTime',
      'KernelGatewayImageConfig',
      'JupyterLabAppImageConfig',
      'CodeEditorAppImageConfig',
    ],
  },
});
