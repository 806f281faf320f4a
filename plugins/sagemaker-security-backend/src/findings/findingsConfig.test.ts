import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { sqliteMemory } from '../inventory/__testUtils__/harness';
import { startPluginBackend } from '../tests/reliability/__testUtils__/pluginBackend';
import { readFindingsConfig } from './findingsConfig';

const read = (findings: JsonValue) =>
  readFindingsConfig(new ConfigReader({ sagemakerSecurity: { findings } }));

describe('sagemakerSecurity.findings', () => {
  it('defaults to Security Hub off and 20 MB uploads', () => {
    expect(readFindingsConfig(new ConfigReader({}))).toEqual({
      securityHub: { enabled: false },
      prowler: { maxUploadBytes: 20 * 1024 * 1024 },
    });
    expect(
      read({
        securityHub: { enabled: 'true' },
        prowler: { maxUploadMegabytes: '5' },
      }),
    ).toEqual({
      securityHub: { enabled: true },
      prowler: { maxUploadBytes: 5 * 1024 * 1024 },
    });
  });

  it.each([
    [
      { securityHub: { enabled: 'yes' } },
      "'sagemakerSecurity.findings.securityHub.enabled': expected true or false",
    ],
    [
      { prowler: { maxUploadMegabytes: 0 } },
      "'sagemakerSecurity.findings.prowler.maxUploadMegabytes': expected a number from 1 to 512",
    ],
    [
      { prowler: { maxUploadMegabytes: 'lots' } },
      "'sagemakerSecurity.findings.prowler.maxUploadMegabytes'",
    ],
  ])('refuses %j naming the key', (findings, message) => {
    expect(() => read(findings)).toThrow(message);
  });

  it('stops the plugin at start-up, naming the key', async () => {
    await expect(
      startPluginBackend({
        knex: sqliteMemory(),
        config: {
          sagemakerSecurity: {
            scanOnStartup: false,
            findings: { prowler: { maxUploadMegabytes: 10_000 } },
          },
        },
      }),
    ).rejects.toThrow('sagemakerSecurity.findings.prowler.maxUploadMegabytes');
  });
});
