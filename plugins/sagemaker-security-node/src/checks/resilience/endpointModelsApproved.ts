import {
  CheckOutcome,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { ENDPOINT_TEMPLATE } from '../../remediation/templates';
import { CheckContext } from '../../types';
import {
  arrayAt,
  combine,
  defineCheck,
  describeFailure,
  DOCS,
  fail,
  getPath,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  unknown,
  warn,
} from '../support';

function notCollected(
  context: CheckContext,
  what: string,
  action: string,
): CheckOutcome {
  return context.mode === 'iac'
    ? notApplicable(`${what} is not declared in the infrastructure code.`)
    : unknown(`${what} was not collected.`, [action]);
}

function judgeModel(
  context: CheckContext,
  model: SageMakerResource,
): CheckOutcome {
  const { resource } = context;
  // A model that could not be described is not "outside the registry".
  const failed = describeFailure(model);
  if (failed) return failed;
  const packageRef =
    nonEmptyString(
      getPath(model.description, 'PrimaryContainer.ModelPackageName'),
    ) ??
    arrayAt(model.description, 'Containers')
      .map(container => nonEmptyString(getPath(container, 'ModelPackageName')))
      .find(Boolean);
  if (!packageRef) {
    return warn(
      `Model ${model.name} is not deployed from the model registry.`,
      [
        {
          path: 'DescribeModel.PrimaryContainer.ModelPackageName',
          observed: null,
          expected: 'an Approved model package',
          relatedArn: model.arn,
        },
      ],
    );
  }
  const modelPackage = context.resources
    .list('model-package', resource.accountId, resource.region)
    .find(
      candidate =>
        candidate.arn === packageRef || candidate.name === packageRef,
    );
  if (!modelPackage) {
    return notCollected(
      context,
      `Model package ${packageRef}`,
      'sagemaker:DescribeModelPackage',
    );
  }
  // A package that could not be described says why, naming the call.
  const packageFailed = describeFailure(modelPackage);
  if (packageFailed) return packageFailed;
  const status = getPath(modelPackage.description, 'ModelApprovalStatus');
  const evidence = [
    {
      path: 'DescribeModelPackage.ModelApprovalStatus',
      observed: status ?? null,
      expected: 'Approved',
      relatedArn: modelPackage.arn,
    },
  ];
  if (status === undefined) {
    return unknown(
      `Approval status of ${modelPackage.name} is absent.`,
      ['sagemaker:DescribeModelPackage'],
      evidence,
    );
  }
  return status === 'Approved'
    ? pass(
        `Model ${model.name} comes from approved package ${modelPackage.name}.`,
        evidence,
      )
    : fail(
        `Model ${model.name} comes from package ${
          modelPackage.name
        } with status ${String(status)}.`,
        evidence,
      );
}

export const endpointModelsApproved = defineCheck(
  {
    id: 'endpoint-models-approved-packages',
    pillar: 'resilience',
    title: 'Endpoint serves models from approved model packages',
    severity: 'low',
    resourceTypes: ['endpoint'],
    rationale:
      'Deploying only Approved model packages puts a review between training and production; a region-level "registry in use" check says nothing about what an endpoint actually serves.',
    references: {
      prowler: ['sagemaker_models_registry_in_use'],
      seed: { pillar: SEED.compliance, phases: ['governance', 'deployment'] },
    },
    remediation: {
      text: 'Register the model in a model package group, approve it, and deploy the endpoint from the approved package.',
      docsUrl: DOCS.modelRegistry,
      template: ENDPOINT_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const configName = nonEmptyString(
      getPath(resource.description, 'EndpointConfigName'),
    );
    if (!configName) {
      return unknown(`${resource.name}: EndpointConfigName is absent.`, [
        'sagemaker:DescribeEndpoint',
      ]);
    }
    const config = context.resources.get(
      'endpoint-config',
      resource.accountId,
      resource.region,
      configName,
    );
    if (!config) {
      return notCollected(
        context,
        `Endpoint configuration ${configName}`,
        'sagemaker:DescribeEndpointConfig',
      );
    }
    const configFailed = describeFailure(config);
    if (configFailed) return configFailed;
    const modelNames = arrayAt(config.description, 'ProductionVariants')
      .map(variant => nonEmptyString(getPath(variant, 'ModelName')))
      .filter((name): name is string => name !== undefined);
    return combine(
      modelNames.map(name => {
        const model = context.resources.get(
          'model',
          resource.accountId,
          resource.region,
          name,
        );
        return model
          ? judgeModel(context, model)
          : notCollected(context, `Model ${name}`, 'sagemaker:DescribeModel');
      }),
      notApplicable(
        `${resource.name}'s configuration names no model (inference components).`,
      ),
    );
  },
);
