import {
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';

/**
 * The catalog's entity resource type (`RESOURCE_TYPE_CATALOG_ENTITY` of
 * @backstage/plugin-catalog-common, which this package does not depend on).
 */
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Read the security scorecard of a catalog entity (resource permission on entities).
 *
 * @public
 */
export const scorecardReadPermission = createPermission({
  name: 'sagemaker-security.scorecard.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a scan of the AWS estate.
 *
 * @public
 */
export const scanRunPermission = createPermission({
  name: 'sagemaker-security.scan.run',
  attributes: {},
});

/**
 * Waive a check for resources of a catalog entity (resource permission on entities).
 *
 * @public
 */
export const waiverCreatePermission = createPermission({
  name: 'sagemaker-security.waiver.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Revoke a waiver on a catalog entity (resource permission on entities).
 *
 * @public
 */
export const waiverRevokePermission = createPermission({
  name: 'sagemaker-security.waiver.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Request a waiver for resources of a catalog entity, to be approved by a
 * security group (resource permission on entities).
 *
 * @public
 */
export const waiverRequestPermission = createPermission({
  name: 'sagemaker-security.waiver.request',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or deny a waiver request of a catalog entity (resource permission
 * on entities); the caller must also be a member of a configured security
 * group.
 *
 * @public
 */
export const waiverApprovePermission = createPermission({
  name: 'sagemaker-security.waiver.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the plugin, for registering with the permissions registry.
 *
 * @public
 */
export const sagemakerSecurityPermissions: Permission[] = [
  scorecardReadPermission,
  scanRunPermission,
  waiverCreatePermission,
  waiverRevokePermission,
  waiverRequestPermission,
  waiverApprovePermission,
];
