import {
  CheckOutcome,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { decodeBase64Script, SecretFinding } from '../../secrets/detectSecrets';
import { CheckContext } from '../../types';
import {
  arrayAt,
  describeFailure,
  describePath,
  fieldFailure,
  getPath,
  nonEmptyString,
  notApplicable,
  unknown,
} from '../support';

/** A scanner of one decoded script: findings at `<location> line <n>`. */
export type ScriptScanner = (
  script: string,
  location: string,
) => SecretFinding[];

const CONFIG_FIELD = 'NotebookInstanceLifecycleConfigName';

/** Every OnCreate and OnStart script of a configuration, decoded from base64. */
function scanScripts(
  config: SageMakerResource,
  scan: ScriptScanner,
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const hook of ['OnCreate', 'OnStart']) {
    arrayAt(config.description, hook).forEach((script, index) => {
      const content = nonEmptyString(getPath(script, 'Content'));
      if (!content) return;
      const decoded = decodeBase64Script(content) ?? content;
      findings.push(...scan(decoded, `${hook}.${index}.Content`));
    });
  }
  return findings;
}

/**
 * Judges the scripts of a lifecycle configuration, or of the one a notebook
 * instance names: not_applicable without one, unknown when it was not read.
 */
export function judgeLifecycleScripts(
  context: CheckContext,
  scan: ScriptScanner,
  judge: (config: SageMakerResource, findings: SecretFinding[]) => CheckOutcome,
): CheckOutcome {
  const { resource } = context;
  if (resource.type === 'notebook-instance-lifecycle-config') {
    return (
      describeFailure(resource) ?? judge(resource, scanScripts(resource, scan))
    );
  }
  const failure = fieldFailure(resource, CONFIG_FIELD);
  if (failure) return failure;
  const name = nonEmptyString(getPath(resource.description, CONFIG_FIELD));
  if (!name) {
    return notApplicable(`${resource.name} has no lifecycle configuration.`);
  }
  const config = context.resources.get(
    'notebook-instance-lifecycle-config',
    resource.accountId,
    resource.region,
    name,
  );
  if (!config) {
    return context.mode === 'iac'
      ? notApplicable(
          `Lifecycle configuration ${name} is not declared in the infrastructure code.`,
        )
      : unknown(
          `Lifecycle configuration ${name} of ${
            resource.name
          } was not collected (${describePath(resource, CONFIG_FIELD)}).`,
          ['sagemaker:DescribeNotebookInstanceLifecycleConfig'],
        );
  }
  return describeFailure(config) ?? judge(config, scanScripts(config, scan));
}
