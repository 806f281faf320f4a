import { defineResourceType } from './descriptor';

/**
 * A Studio lifecycle configuration (JupyterLab, Code Editor, Studio Classic
 * JupyterServer or KernelGateway): one base64 shell script,
 * `StudioLifecycleConfigContent`, read by the script secrets and remote-code
 * checks. Immutable: AWS has no Update API (LastModifiedTime = CreationTime).
 *
 * Domains, user profiles and spaces attach configurations by ARN
 * (`…AppSettings.LifecycleConfigArns[]`, `DefaultResourceSpec.LifecycleConfigArn`);
 * descriptor links name keys, roles, networks and buckets only, so that
 * attachment is not a link here: the configuration is judged on its own.
 */
export const studioLifecycleConfig = defineResourceType({
  id: 'studio-lifecycle-config',
  arnSegment: 'studio-lifecycle-config',
  job: false,
  api: {
    list: 'ListStudioLifecycleConfigs',
    items: 'StudioLifecycleConfigs',
    summaryName: 'StudioLifecycleConfigName',
    summaryArn: 'StudioLifecycleConfigArn',
    describe: 'DescribeStudioLifecycleConfig',
    describeInput: { StudioLifecycleConfigName: 'StudioLifecycleConfigName' },
    arnField: 'StudioLifecycleConfigArn',
    immutable: true,
  },
  links: {},
  cloudFormation: {
    type: 'AWS::SageMaker::StudioLifecycleConfig',
    nameProperty: 'StudioLifecycleConfigName',
    // The resource schema's primary identifier is the name (the ARN is
    // Fn::GetAtt StudioLifecycleConfigArn).
    refIsName: true,
  },
  simulator: {
    summary: [
      'StudioLifecycleConfigName',
      'StudioLifecycleConfigArn',
      'StudioLifecycleConfigAppType',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
