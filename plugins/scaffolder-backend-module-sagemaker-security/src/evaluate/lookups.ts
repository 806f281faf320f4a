import {
  FactKind,
  FactLookup,
  RelatedFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { ResourceLookup } from '@mlsec/plugin-sagemaker-security-node';

/** Fact lookup over the facts mapped from infrastructure code. */
export function createFactLookup(facts: RelatedFact[]): FactLookup {
  const byId = new Map<string, RelatedFact>();
  for (const fact of facts) {
    byId.set(
      [fact.kind, fact.accountId, fact.region, fact.key].join('|'),
      fact,
    );
  }
  return {
    get<K extends FactKind>(
      kind: K,
      accountId: string,
      region: string,
      key: string,
    ) {
      return byId.get([kind, accountId, region, key].join('|')) as
        | RelatedFact<K>
        | undefined;
    },
  };
}

/** Resource lookup over the resources mapped from infrastructure code. */
export function createResourceLookup(
  resources: SageMakerResource[],
): ResourceLookup {
  const list = (type: ResourceType, accountId: string, region: string) =>
    resources.filter(
      r => r.type === type && r.accountId === accountId && r.region === region,
    );
  return {
    list,
    get: (type, accountId, region, name) =>
      list(type, accountId, region).find(r => r.name === name),
  };
}
