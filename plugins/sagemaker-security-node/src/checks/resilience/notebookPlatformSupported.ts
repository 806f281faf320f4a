import { NOTEBOOK_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  pass,
  SEED,
  unknown,
} from '../support';

/** Security Hub SageMaker.8 accepts only the Amazon Linux 2023 platform. */
const SUPPORTED_PLATFORM = /^notebook-al2023-v\d+$/;

export const notebookPlatformSupported = defineCheck(
  {
    id: 'notebook-platform-supported',
    pillar: 'resilience',
    title: 'Notebook instance runs on a supported platform',
    severity: 'medium',
    resourceTypes: ['notebook-instance'],
    rationale:
      'Older platforms (Amazon Linux 1, Amazon Linux 2) stop receiving security patches; notebooks on them run unpatched software with access to your data.',
    references: {
      securityHub: ['SageMaker.8'],
      configRules: ['sagemaker-notebook-instance-platform-version'],
      powerpipe: ['sagemaker_notebook_instance_supported_platform_version'],
      seed: { pillar: SEED.compliance, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Create a new notebook instance with PlatformIdentifier notebook-al2023-v1 and move the work over.',
      docsUrl: DOCS.notebookPlatform,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'PlatformIdentifier');
    if (failure) return failure;
    const platform = getPath(resource.description, 'PlatformIdentifier');
    if (typeof platform !== 'string') {
      return unknown(`${resource.name}: PlatformIdentifier is absent.`, [
        'DescribeNotebookInstance.PlatformIdentifier',
      ]);
    }
    const evidence = [
      fieldEvidence(
        resource,
        'PlatformIdentifier',
        platform,
        'notebook-al2023-v1',
      ),
    ];
    return SUPPORTED_PLATFORM.test(platform)
      ? pass(`${resource.name} runs on ${platform}.`, evidence)
      : fail(
          `${resource.name} runs on ${platform}, which is not a supported platform.`,
          evidence,
        );
  },
);
