import {
  CheckOutcome,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { notApplicable, unknown } from './outcomes';
import { arrayAt, getPath, nonEmptyString } from './paths';
import { describeFailure } from './resourceErrors';

/** One specification of an inference component and where it sits. */
export interface ComponentSpecification {
  /** `Specification` or `Specifications.<n>`. */
  path: string;
  spec: Record<string, unknown>;
}

/**
 * The component's specifications: `Specification`, or each of
 * `Specifications[]` (a component created with one per instance type reports
 * only the list).
 */
export function componentSpecifications(
  component: SageMakerResource,
): ComponentSpecification[] {
  const single = getPath(component.description, 'Specification');
  const found: ComponentSpecification[] = [];
  if (single !== null && typeof single === 'object') {
    found.push({
      path: 'Specification',
      spec: single as Record<string, unknown>,
    });
  }
  arrayAt(component.description, 'Specifications').forEach((spec, index) => {
    if (spec !== null && typeof spec === 'object') {
      found.push({
        path: `Specifications.${index}`,
        spec: spec as Record<string, unknown>,
      });
    }
  });
  return found;
}

/** The image of a container of the component's own, as SageMaker reports it (or CloudFormation declares it). */
export function componentContainerImage(
  container: unknown,
): string | undefined {
  return (
    nonEmptyString(getPath(container, 'DeployedImage.SpecifiedImage')) ??
    nonEmptyString(getPath(container, 'DeployedImage.ResolvedImage')) ??
    // AWS::SageMaker::InferenceComponent declares the image as `Image`.
    nonEmptyString(getPath(container, 'Image'))
  );
}

/** A resource the component is joined to, or the outcome saying why it is not. */
export type Joined =
  | { resource: SageMakerResource; outcome?: undefined }
  | { resource?: undefined; outcome: CheckOutcome };

function notCollected(
  context: CheckContext,
  what: string,
  action: string,
): CheckOutcome {
  return context.mode === 'iac'
    ? notApplicable(`${what} is not declared in the infrastructure code.`)
    : unknown(`${what} was not collected.`, [action]);
}

/** A related resource of the component's account and region, described. */
export function joinResource(
  context: CheckContext,
  type: ResourceType,
  name: string,
  action: string,
  label: string,
): Joined {
  const { resource } = context;
  const found = context.resources.get(
    type,
    resource.accountId,
    resource.region,
    name,
  );
  if (!found) {
    return { outcome: notCollected(context, `${label} ${name}`, action) };
  }
  const failed = describeFailure(found);
  return failed ? { outcome: failed } : { resource: found };
}

/**
 * The endpoint configuration the component's endpoint runs on
 * (`EndpointName` → `DescribeEndpoint.EndpointConfigName`).
 */
export function componentEndpointConfig(context: CheckContext): Joined {
  const { resource } = context;
  const endpointName = nonEmptyString(
    getPath(resource.description, 'EndpointName'),
  );
  if (!endpointName) {
    return {
      outcome: unknown(`${resource.name}: EndpointName is absent.`, [
        'sagemaker:DescribeInferenceComponent',
      ]),
    };
  }
  const endpoint = joinResource(
    context,
    'endpoint',
    endpointName,
    'sagemaker:DescribeEndpoint',
    'Endpoint',
  );
  if (!endpoint.resource) return endpoint;
  const configName = nonEmptyString(
    getPath(endpoint.resource.description, 'EndpointConfigName'),
  );
  if (!configName) {
    return {
      outcome: unknown(
        `Endpoint ${endpointName}: EndpointConfigName is absent.`,
        ['sagemaker:DescribeEndpoint'],
      ),
    };
  }
  return joinResource(
    context,
    'endpoint-config',
    configName,
    'sagemaker:DescribeEndpointConfig',
    'Endpoint configuration',
  );
}

/** What runs a specification: a SageMaker model, a container of its own, or neither (an adapter on a base component). */
export type SpecificationRunner =
  | { kind: 'namedModel'; modelName: string }
  | { kind: 'container'; container: Record<string, unknown> }
  | { kind: 'base'; baseName: string }
  | { kind: 'none' };

export function specificationRunner(
  spec: Record<string, unknown>,
): SpecificationRunner {
  const modelName = nonEmptyString(spec.ModelName);
  if (modelName) return { kind: 'namedModel', modelName };
  const container = spec.Container;
  if (container !== null && typeof container === 'object') {
    return {
      kind: 'container',
      container: container as Record<string, unknown>,
    };
  }
  const baseName = nonEmptyString(spec.BaseInferenceComponentName);
  return baseName ? { kind: 'base', baseName } : { kind: 'none' };
}
