import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the org-wide page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'sagemaker-security' });

/** The Security tab on an entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'sagemaker-security:entity-content',
});
