/**
 * moto, the fault proxy in front of it and the estate built in it: started
 * once per test file, stopped even when a test fails.
 */
import { BuiltEstate, buildEstate } from './estate';
import { FaultProxy, startFaultProxy } from './faultProxy';
import { MotoServer, startMoto } from './motoServer';

export interface MotoStack {
  moto: MotoServer;
  proxy: FaultProxy;
  estate: BuiltEstate;
  stop(): Promise<void>;
}

export async function startMotoStack(): Promise<MotoStack> {
  const moto = await startMoto();
  let proxy: FaultProxy | undefined;
  try {
    proxy = await startFaultProxy(moto.url);
    const estate = await buildEstate(moto.url);
    const started = proxy;
    return {
      moto,
      proxy: started,
      estate,
      async stop() {
        await started.close();
        await moto.stop();
      },
    };
  } catch (error) {
    await proxy?.close();
    await moto.stop();
    throw error;
  }
}

/** Calls by service (`sagemaker`, `iam`...) from calls by IAM action. */
export function byService(counts: Record<string, number> = {}) {
  const services: Record<string, number> = {};
  for (const [action, count] of Object.entries(counts)) {
    const service = action.split(':')[0];
    services[service] = (services[service] ?? 0) + count;
  }
  return services;
}

export const total = (counts: Record<string, number> = {}) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);
