/**
 * The real plugin with notifications on, in a test backend whose
 * notifications service is a recording one (in place of the
 * notifications backend's client): it starts, says so and serves. Bad
 * notifications config stops the start naming the key.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { sqliteMemory } from '../inventory/__testUtils__/harness';
import {
  asService,
  BASE,
  startPluginBackend,
} from '../tests/reliability/__testUtils__/pluginBackend';

jest.setTimeout(60_000);

function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (options: NotificationSendOptions) => {
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}

describe('the plugin with notifications', () => {
  it('starts with notifications on and the notifications service provided', async () => {
    const { factory } = recordingNotifications();
    const { backend, server, logs } = await startPluginBackend({
      knex: sqliteMemory(),
      config: {
        sagemakerSecurity: {
          scanOnStartup: false,
          notifications: { enabled: true, waiverExpiryDays: 3 },
        },
      },
      features: [factory],
    });
    try {
      expect(logs.text()).toContain(
        'Security notifications on: grade drops on, new findings of severity critical, high, waivers 3 days before they expire',
      );
      const response = await request(server)
        .get(`${BASE}/checks`)
        .set('authorization', asService());
      expect(response.status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('does not start with a bad notifications value, naming the key', async () => {
    const { factory } = recordingNotifications();
    const error: Error = await startPluginBackend({
      knex: sqliteMemory(),
      config: {
        sagemakerSecurity: {
          scanOnStartup: false,
          notifications: { enabled: true, newFindingSeverities: ['urgent'] },
        },
      },
      features: [factory],
    }).then(
      () => {
        throw new Error('the backend started');
      },
      e => e,
    );
    expect(
      `${error.message} ${(error as { cause?: Error }).cause?.message ?? ''}`,
    ).toContain("'sagemakerSecurity.notifications.newFindingSeverities[0]'");
  });
});
