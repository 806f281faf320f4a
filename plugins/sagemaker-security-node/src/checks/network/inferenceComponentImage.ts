import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import {
  combine,
  componentContainerImage,
  componentSpecifications,
  defineCheck,
  DOCS,
  fail,
  fieldFailure,
  notApplicable,
  pass,
  SEED,
  specificationRunner,
  unknown,
  warn,
} from '../support';

/** `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>`. */
const PRIVATE_ECR =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//;

export const inferenceComponentImageOwnRegistry = defineCheck(
  {
    id: 'inference-component-container-image-own-registry',
    pillar: 'network',
    title:
      "Inference component's own container image comes from a private registry of its account",
    severity: 'medium',
    resourceTypes: ['inference-component'],
    rationale:
      "A component deployed with a container of its own (Specification.Container) names its image directly, with no model between it and the endpoint. An image in the account's own private ECR registry is under your repository policy, scanning and tag immutability; an image from another account's registry (AWS deep learning containers, a vendor) is trusted on that account's word and is flagged to confirm; a public registry or public ECR fails. Components that run a SageMaker model are judged by the model's registry checks.",
    references: {
      seed: { pillar: SEED.network, phases: ['deployment'] },
    },
    remediation: {
      text: "Copy the image into a private ECR repository of the component's account (with image scanning and immutable tags) and update the component's Specification.Container.Image.",
      docsUrl: DOCS.privateRegistry,
    },
  },
  context => {
    const { resource } = context;
    const failure =
      fieldFailure(resource, 'Specification') ??
      fieldFailure(resource, 'Specifications');
    if (failure) return failure;
    const outcomes: CheckOutcome[] = [];
    for (const item of componentSpecifications(resource)) {
      const runner = specificationRunner(item.spec);
      if (runner.kind !== 'container') continue;
      const path = `${item.path}.Container.DeployedImage.SpecifiedImage`;
      const image = componentContainerImage(runner.container);
      const evidence = [
        {
          path: `DescribeInferenceComponent.${path}`,
          observed: image ?? null,
          expected: `${resource.accountId}.dkr.ecr.<region>.amazonaws.com/…`,
          relatedArn: resource.arn,
        },
      ];
      if (!image) {
        outcomes.push(
          unknown(`${resource.name}: ${item.path} names no container image.`, [
            'sagemaker:DescribeInferenceComponent',
          ]),
        );
        continue;
      }
      const ecr = PRIVATE_ECR.exec(image);
      if (!ecr) {
        outcomes.push(
          fail(
            `${resource.name}: ${item.path} pulls ${image}, not from a private ECR registry.`,
            evidence,
          ),
        );
      } else if (ecr[1] === resource.accountId) {
        outcomes.push(
          pass(
            `${resource.name}: ${item.path} pulls from the account's own private registry.`,
            evidence,
          ),
        );
      } else {
        outcomes.push(
          warn(
            `${resource.name}: ${item.path} pulls from the registry of account ${ecr[1]}; confirm it is an account you trust (AWS deep learning containers live in AWS-owned accounts).`,
            evidence,
          ),
        );
      }
    }
    return combine(
      outcomes,
      notApplicable(
        `${resource.name} runs a SageMaker model, not a container of its own (the model's registry checks apply).`,
      ),
    );
  },
);
