import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import { WaiverAuthorizer } from './WaiverAuthorizer';
import { WaiverService } from './WaiverService';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring', namespace: 'default' },
  spec: { owner: 'group:default/fraud-team' },
};

describe('WaiverService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'ten concurrent identical waiver creates leave exactly one active waiver, nine 409s (was: check, then insert, three active), %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const service = new WaiverService({
        store: new DatabaseWaiverStore(knex),
        authorizer: new WaiverAuthorizer({
          permissions: mockServices.permissions(),
          userInfo: mockServices.userInfo({
            ownershipEntityRefs: [ALICE, 'group:default/fraud-team'],
          }),
          securityGroups: [],
        }),
        config: { maxDays: 90, securityGroups: [], requireApproval: false },
        checkIds: () => new Set(['internet']),
      });
      const request = {
        entityRef: 'component:default/fraud-scoring',
        checkId: 'internet',
        resourceArn: '*',
        reason: 'Accepted while the VPC endpoints are built',
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
      };
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          service.create(request, entity, [], mockCredentials.user(ALICE)),
        ),
      );
      const refused = outcomes.flatMap(o =>
        o.status === 'rejected' ? [(o.reason as Error).name] : [],
      );
      expect(refused).toEqual(Array(9).fill('ConflictError'));
      expect(
        await service.list({
          entityRefs: [request.entityRef],
          status: 'active',
        }),
      ).toHaveLength(1);
    },
  );
});
