import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Link to the org page, or undefined when the app did not mount it. */
export function useOrgPageLink(): string | undefined {
  try {
    // Throws when the route is not mounted; the hooks inside still ran in order.
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}
