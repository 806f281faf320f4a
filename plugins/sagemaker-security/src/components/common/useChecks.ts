import { useApi } from '@backstage/core-plugin-api';
import type { CheckMetadata } from '@mlsec/plugin-sagemaker-security-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';

/**
 * The check catalogue by id. A failure here is not fatal: results still show,
 * with the check id as title and without remediation links.
 */
export function useChecks(): {
  checks: Map<string, CheckMetadata>;
  loading: boolean;
  error?: Error;
} {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(() => api.listChecks(), [api]);
  const checks = useMemo(
    () => new Map((value ?? []).map(check => [check.id, check])),
    [value],
  );
  return { checks, loading, error };
}
