import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sageMakerSecurityApiRef } from '../../api';

/** The entity's scorecard, with `retry` to reload it after a change. */
export function useScorecard(entityRef: string) {
  const api = useApi(sageMakerSecurityApiRef);
  return useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
}
