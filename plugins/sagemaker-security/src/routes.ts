import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide page. */
export const rootRouteRef = createRouteRef({ id: 'sagemaker-security' });

/** The Security tab on an entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'sagemaker-security:entity-content',
});
