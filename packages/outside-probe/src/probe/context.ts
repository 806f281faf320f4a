import { join } from 'node:path';
import { BackendProcess, freePort } from './backend';
import {
  backendConfig,
  BackendConfigOptions,
  StaticTokenConfig,
  writeConfig,
} from './config';
import type { ProbeDatabase } from './databases';
import type { DistWorkspace } from './dist';
import type { Report } from './report';
import { PERMISSIONS } from './routes';
import { SigningKey, staticToken } from './tokens';

const PLUGIN_PERMISSIONS: string[] = Object.values(PERMISSIONS);

/**
 * Static service tokens: one unrestricted, one per permission with only that
 * permission withheld, one with none (`accessRestrictions`). The plugin reads
 * the catalog on the caller's behalf, so each may also use the catalog —
 * without `catalog.entity.read` when that is the withheld permission.
 */
export function serviceTokens() {
  const restricted = (
    withheld: string[],
  ): StaticTokenConfig['accessRestrictions'] => [
    {
      plugin: 'sagemaker-security',
      permission: PLUGIN_PERMISSIONS.filter(p => !withheld.includes(p)).concat(
        'outside-probe.placeholder',
      ),
    },
    withheld.includes(PERMISSIONS.catalogRead)
      ? { plugin: 'catalog', permission: ['catalog.entity.refresh'] }
      : { plugin: 'catalog' },
  ];
  const tokens: Array<StaticTokenConfig & { denies: string[] }> = [
    { token: staticToken(), subject: 'probe-service', denies: [] },
    ...PLUGIN_PERMISSIONS.map(p => ({
      token: staticToken(),
      subject: `probe-service-without-${p}`,
      accessRestrictions: restricted([p]),
      denies: [p],
    })),
    {
      token: staticToken(),
      subject: 'probe-service-without-any-permission',
      accessRestrictions: restricted(PLUGIN_PERMISSIONS),
      denies: PLUGIN_PERMISSIONS,
    },
  ];
  return tokens;
}

export type ServiceToken = ReturnType<typeof serviceTokens>[number];

/** What a phase needs: the database, the build, keys, tokens, the report. */
export interface Context {
  db: ProbeDatabase;
  dbName: string;
  dist: DistWorkspace;
  repoRoot: string;
  workDir: string;
  key: SigningKey;
  services: ServiceToken[];
  estateFile: string;
  report: Report;
  seed: number;
  processes: Set<BackendProcess>;
}

let counter = 0;

/** Writes a config and starts a backend of the build; waits until ready unless told not to. */
export async function startBackend(
  ctx: Context,
  options: {
    name: string;
    packageName?: string;
    config?: Partial<BackendConfigOptions>;
    wait?: boolean;
  },
): Promise<BackendProcess> {
  const port = await freePort();
  counter += 1;
  const file = join(
    ctx.workDir,
    `${ctx.dbName}-${counter}-${options.name}.yaml`,
  );
  writeConfig(
    file,
    backendConfig({
      dir: ctx.workDir,
      repoRoot: ctx.repoRoot,
      port,
      database: ctx.db.backendConfig(),
      key: ctx.key,
      staticTokens: ctx.services,
      estateFile: ctx.estateFile,
      ...options.config,
    }),
  );
  const backend = new BackendProcess(
    `${ctx.dbName}/${options.name}`,
    ctx.dist.packageDir(options.packageName ?? 'backend'),
    [file],
    port,
    join(ctx.workDir, `${ctx.dbName}-${counter}-${options.name}.log`),
  );
  ctx.processes.add(backend);
  backend.start();
  if (options.wait !== false) {
    const seconds = await backend.waitReady();
    ctx.report.log(
      `${backend.name} ready in ${seconds.toFixed(1)} s on :${port}`,
    );
  }
  return backend;
}
