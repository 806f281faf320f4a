import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { sageMakerSecurityApiRef } from '../api';
import type { SageMakerSecurityApi } from '../api';
import { rootRouteRef } from '../routes';

// AuthorizeResult of @backstage/plugin-permission-common (not a dependency of
// this package); its members are the strings 'ALLOW' and 'DENY'.
type Decision = Exclude<
  NonNullable<
    NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize']
  >,
  Function
>;
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

/** A permission API that denies the named permissions and allows the rest. */
export function denying(...names: string[]): PermissionApi {
  return mockApis.permission({
    authorize: request =>
      names.includes(request.permission.name) ? DENY : ALLOW,
  });
}

/** Renders an element inside a test app, with the entity and mocked APIs. */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: SageMakerSecurityApi;
    entity?: Entity;
    permissionApi?: PermissionApi;
    /** Signed in as `user:default/test` unless given. */
    userEntityRef?: string;
    /** The URL the app starts at, e.g. `/sagemaker-security?tab=scans`. */
    routeEntries?: string[];
  },
) {
  const {
    api,
    entity,
    permissionApi = mockApis.permission(),
    userEntityRef = 'user:default/test',
    routeEntries,
  } = options;
  const content = entity ? (
    <EntityProvider entity={entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sageMakerSecurityApiRef, api],
        [permissionApiRef, permissionApi],
        [identityApiRef, mockApis.identity({ userEntityRef })],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/sagemaker-security': rootRouteRef,
      },
      ...(routeEntries ? { routeEntries } : {}),
    },
  );
}
