import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, harvest } from '../api';
import { Context, startBackend } from '../context';
import { PERMISSIONS } from '../routes';
import { guestToken } from '../tokens';
import { hiddenEntity, permissionMatrix, Principal } from './permissions';

/**
 * The probe's backend (the demo backend with the probe's policy) on the same
 * database. The signed-in guest is, in turn, denied each permission, all of
 * them, and the reading of one ML service (by a condition on `scorecard.read`,
 * then on `catalog.entity.read`): the probe rewrites the policy's
 * state file between requests (the policy reads it at every decision), so the
 * guest's real token from the auth backend is used throughout.
 */
export async function userPolicy(ctx: Context) {
  const stateFile = join(ctx.workDir, `${ctx.dbName}-policy-state.json`);
  const setState = async (state: object) => {
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
    renameSync(`${stateFile}.tmp`, stateFile);
  };
  await setState({ deny: [] });
  const backend = await startBackend(ctx, {
    name: 'probe-policy',
    packageName: 'outside-probe',
    config: { extra: { outsideProbe: { permissionPolicyFile: stateFile } } },
  });
  try {
    const guest = new Api(backend.baseUrl, await guestToken(backend.baseUrl));
    const known = await harvest(guest);
    const all: string[] = Object.values(PERMISSIONS);
    const allow = () => setState({ deny: [] });
    const principals: Principal[] = [...all.map(p => [p]), all].map(denies => ({
      name: `guest denied ${
        denies.length > 1 ? 'every permission' : denies[0]
      }`,
      kind: 'user',
      token: guest.token!,
      denies,
      enter: () => setState({ deny: denies }),
      leave: allow,
    }));
    await permissionMatrix({
      ctx,
      backend,
      known,
      control: guest,
      writer: guest,
      principals,
      label: 'users (probe policy)',
    });
    const hidden =
      known.components.find(c => c.endsWith('/fraud-scoring')) ??
      known.components[known.components.length - 1];
    for (const via of [PERMISSIONS.read, PERMISSIONS.catalogRead]) {
      await hiddenEntity({
        ctx,
        backend,
        known,
        control: guest,
        user: guest,
        hidden,
        via,
        enter: entityNames =>
          setState({ deny: [], hide: { permissions: [via], entityNames } }),
        leave: allow,
      });
    }
  } finally {
    await backend.stop();
  }
}
