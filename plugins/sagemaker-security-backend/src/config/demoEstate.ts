import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The value of `sagemakerSecurity.demoEstate` that names the estate shipped in this package. */
export const BUILTIN_DEMO_ESTATE = 'builtin';

/**
 * The file `sagemakerSecurity.demoEstate` names: `builtin` is the recorded demo
 * estate shipped in this package (`demo-estate/estate.yaml`), anything else a
 * path (relative to the backend's working directory).
 */
export function resolveDemoEstatePath(
  value: string | undefined,
): string | undefined {
  if (value !== BUILTIN_DEMO_ESTATE) return value;
  return resolvePackagePath(
    '@mlsec/plugin-sagemaker-security-backend',
    'demo-estate/estate.yaml',
  );
}
