import { useApi } from '@backstage/core-plugin-api';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import type { ResourceDetail } from '../../api';

type Cache = Map<string, Promise<ResourceDetail | undefined>>;

const ResourceDetailCache = createContext<Cache | undefined>(undefined);

/** Shares resource lookups between the findings of one scorecard. */
export function ResourceDetailProvider(props: { children: ReactNode }) {
  const cache = useMemo<Cache>(() => new Map(), []);
  return (
    <ResourceDetailCache.Provider value={cache}>
      {props.children}
    </ResourceDetailCache.Provider>
  );
}

/**
 * The stored resource (with its Describe* data) when `enabled`; undefined when
 * it cannot be read, so callers fall back to the summary they have.
 */
export function useResourceDetail(
  arn: string,
  enabled: boolean,
): { detail?: ResourceDetail; loading: boolean } {
  const api = useApi(sageMakerSecurityApiRef);
  const cache = useContext(ResourceDetailCache);
  const { value, loading } = useAsync(async () => {
    if (!enabled) {
      return undefined;
    }
    let pending = cache?.get(arn);
    if (!pending) {
      pending = api.getResourceFindings(arn).then(
        found => found.resource,
        () => undefined,
      );
      cache?.set(arn, pending);
    }
    return pending;
  }, [api, cache, arn, enabled]);
  return { detail: value, loading };
}
