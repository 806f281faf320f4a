import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  CheckResult,
  WaiverCapabilities,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sageMakerSecurityApiRef } from '../../api';

/** What the reader may do with the entity's waivers, and its pending requests. */
export interface WaiverWorkflow {
  /** `undefined` while loading or when the backend could not answer (no actions then). */
  capabilities?: WaiverCapabilities;
  /** The entity's pending requests, newest first. */
  pending: WaiverRequest[];
  loading: boolean;
  /** Why the pending requests could not be read. */
  error?: Error;
  /** The signed-in user (a requester may withdraw, never decide, their own request). */
  userEntityRef?: string;
  /** The pending request covering a result (its resource, or every resource). */
  pendingFor(result: CheckResult): WaiverRequest | undefined;
  /** Drops a decided or withdrawn request at once, then reads the list again. */
  settle(requestId?: string): void;
}

export function useWaiverWorkflow(entityRef: string): WaiverWorkflow {
  const api = useApi(sageMakerSecurityApiRef);
  const identityApi = useApi(identityApiRef);
  const [settled, setSettled] = useState<string[]>([]);
  const capabilities = useAsync(
    () => api.getWaiverCapabilities(entityRef),
    [api, entityRef],
  );
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const requests = useAsyncRetry(
    () =>
      api.listWaiverRequests({ entityRefs: [entityRef], status: 'pending' }),
    [api, entityRef],
  );
  const { retry } = requests;

  const pending = useMemo(
    () =>
      (requests.value?.items ?? []).filter(
        request =>
          request.status === 'pending' && !settled.includes(request.id),
      ),
    [requests.value, settled],
  );
  const pendingFor = useCallback(
    (result: CheckResult) =>
      pending.find(
        request =>
          request.checkId === result.checkId &&
          (request.resourceArn === result.resourceArn ||
            request.resourceArn === '*'),
      ),
    [pending],
  );
  const settle = useCallback(
    (requestId?: string) => {
      if (requestId) {
        setSettled(ids => [...ids, requestId]);
      }
      retry();
    },
    [retry],
  );

  return {
    capabilities: capabilities.value,
    pending,
    loading: requests.loading && !requests.value,
    error: requests.error,
    userEntityRef: identity.value?.userEntityRef,
    pendingFor,
    settle,
  };
}
