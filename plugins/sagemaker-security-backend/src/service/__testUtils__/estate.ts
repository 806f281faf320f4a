/**
 * A small organisation and estate for API, rollup and action tests:
 *
 *   group platform ─┬─ group ml-team ── group fraud-team ── (child: platform: a cycle)
 *                   └─ group security
 *   component fraud-scoring (fraud-team, system fraud-system, dependsOn
 *     resource fraud-endpoint) ── resources tagged ml-service=fraud-scoring
 *   component churn (ml-team) ── resources matching tag selector project=churn
 *   component idle (ml-team) ── no resources
 *   system fraud-system ── domain risk
 */
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
} from '@mlsec/plugin-sagemaker-security-common';
import { InMemoryInventoryStore } from './InMemoryInventoryStore';
import { ACCOUNT, arnOf, resource } from './fixtures';

export const FRAUD = 'component:default/fraud-scoring';
export const CHURN = 'component:default/churn';
export const IDLE = 'component:default/idle';
export const FRAUD_ENDPOINT_ENTITY = 'resource:default/fraud-endpoint';
export const PLATFORM = 'group:default/platform';
export const ML_TEAM = 'group:default/ml-team';
export const FRAUD_TEAM = 'group:default/fraud-team';
export const SECURITY = 'group:default/security';
export const FRAUD_SYSTEM = 'system:default/fraud-system';
export const RISK_DOMAIN = 'domain:default/risk';

export const FRAUD_ENDPOINT_ARN = arnOf('endpoint', 'fraud-ep');
export const FRAUD_CONFIG_ARN = arnOf('endpoint-config', 'fraud-cfg');
export const FRAUD_NOTEBOOK_ARN = arnOf('notebook-instance', 'fraud-nb');
export const FRAUD_JOB_ARN = arnOf('training-job', 'fraud-train');
export const CHURN_NOTEBOOK_ARN = arnOf('notebook-instance', 'churn-nb');
export const UNLINKED_ARN = arnOf('notebook-instance', 'orphan-nb');

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Array<{ type: string; targetRef: string }> = [],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
    relations,
  };
}

export const entities: Entity[] = [
  entity(
    'Group',
    'platform',
    { type: 'org', children: ['ml-team', 'security'] },
    [
      { type: 'parentOf', targetRef: ML_TEAM },
      { type: 'parentOf', targetRef: SECURITY },
    ],
  ),
  entity('Group', 'ml-team', { type: 'team', children: [] }, [
    { type: 'childOf', targetRef: PLATFORM },
    { type: 'parentOf', targetRef: FRAUD_TEAM },
  ]),
  // A cycle back to the top: the walk must still end.
  entity(
    'Group',
    'fraud-team',
    { type: 'team', children: ['group:default/platform'] },
    [{ type: 'childOf', targetRef: ML_TEAM }],
  ),
  entity('Group', 'security', { type: 'team', children: [] }, [
    { type: 'childOf', targetRef: PLATFORM },
  ]),
  entity(
    'Component',
    'fraud-scoring',
    { type: 'service', owner: 'fraud-team', system: 'fraud-system' },
    [
      { type: 'ownedBy', targetRef: FRAUD_TEAM },
      { type: 'partOf', targetRef: FRAUD_SYSTEM },
      { type: 'dependsOn', targetRef: FRAUD_ENDPOINT_ENTITY },
    ],
  ),
  entity(
    'Component',
    'churn',
    { type: 'service', owner: 'ml-team' },
    [{ type: 'ownedBy', targetRef: ML_TEAM }],
    { [ANNOTATION_SAGEMAKER_TAG_SELECTOR]: 'project=churn' },
  ),
  entity('Component', 'idle', { type: 'service', owner: 'ml-team' }, [
    { type: 'ownedBy', targetRef: ML_TEAM },
  ]),
  entity(
    'Resource',
    'fraud-endpoint',
    { type: 'sagemaker-endpoint', owner: 'fraud-team' },
    [
      { type: 'ownedBy', targetRef: FRAUD_TEAM },
      { type: 'dependencyOf', targetRef: FRAUD },
    ],
    { [ANNOTATION_AWS_ARN]: FRAUD_ENDPOINT_ARN },
  ),
  entity('System', 'fraud-system', { owner: 'fraud-team', domain: 'risk' }, [
    { type: 'ownedBy', targetRef: FRAUD_TEAM },
    { type: 'partOf', targetRef: RISK_DOMAIN },
  ]),
  entity('Domain', 'risk', { owner: 'platform' }, [
    { type: 'ownedBy', targetRef: PLATFORM },
  ]),
];

/**
 * fraud-scoring: endpoint (capture pass), config (kms fail, high), notebook
 * (internet fail, critical; kms fail; role pass), job (kms pass, role pass).
 * churn: notebook (all pass but the role, which is unknown).
 */
export async function seedEstate(inventory: InMemoryInventoryStore) {
  const role = `arn:aws:iam::${ACCOUNT}:role/exec`;
  await inventory.upsertResources(
    [
      resource({
        type: 'endpoint',
        name: 'fraud-ep',
        description: { EndpointConfigName: 'fraud-cfg' },
      }),
      resource({
        type: 'endpoint-config',
        name: 'fraud-cfg',
        tags: { 'ml-service': 'fraud-scoring' },
        description: { DataCaptureConfig: {} },
      }),
      resource({
        type: 'notebook-instance',
        name: 'fraud-nb',
        tags: { 'ml-service': 'fraud-scoring' },
        description: { DirectInternetAccess: 'Enabled', RoleArn: role },
      }),
      resource({
        type: 'training-job',
        name: 'fraud-train',
        status: 'Completed',
        tags: { 'ml-service': 'fraud-scoring' },
        description: { KmsKeyId: 'key-1', RoleArn: role },
      }),
      resource({
        type: 'notebook-instance',
        name: 'churn-nb',
        tags: { project: 'churn' },
        description: {
          DirectInternetAccess: 'Disabled',
          KmsKeyId: 'key-1',
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/unreadable`,
        },
      }),
      resource({
        type: 'notebook-instance',
        name: 'orphan-nb',
        description: { DirectInternetAccess: 'Disabled', KmsKeyId: 'k' },
      }),
    ],
    '2026-11-26T09:00:00.000Z',
  );
  await inventory.upsertFacts(
    [
      {
        kind: 'iam-role',
        key: role,
        accountId: ACCOUNT,
        region: 'global',
        data: {
          arn: role,
          roleName: 'exec',
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/boundary',
        },
        errors: [],
      },
    ],
    '2026-11-26T09:00:00.000Z',
  );
}
