/*
 * The demo portal's backend: Backstage's new backend system with the catalog,
 * scaffolder, guest auth (and a second demo sign-in), the permission
 * framework, notifications and signals, and the SageMaker security plugins.
 */
import { createBackend } from '@backstage/backend-defaults';
import { setFlagsFromString } from 'node:v8';

// Under load V8 lets garbage reach about 4 times the live heap before a full
// collection when the host has memory to spare (its heap limit is then
// several GB): 50 clients grew this backend's RSS by 270-450 MB with a live
// heap of 130-140 MB. Growing the heap by 60 % of what is live instead keeps
// the growth near the live set's own (yarn bench --only load: RSS growth,
// docs/benchmarks.md). A value given on the command line wins.
if (!process.execArgv.some(arg => arg.startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=60');
}

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder, with the pre-deploy validation action
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@mlsec/plugin-scaffolder-backend-module-sagemaker-security'),
);

// auth: guest sign-in for the demo
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// a second demo sign-in, a security-group member (auth.providers.demo-security
// of app-config.demo.yaml; development only)
backend.add(import('./demoSignIn'));

// catalog, with SageMaker resources as entities
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker'));

// permission framework (enabled in app-config); the demo allows everything
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));

// SageMaker security scorecards
backend.add(import('@mlsec/plugin-sagemaker-security-backend'));

// notifications (the SageMaker security plugin tells owners about grade drops,
// new findings and expiring waivers; enabled in app-config.demo.yaml) and
// signals, which pushes them to open browsers
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// actions for AI agents over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

/*
 * A plugin that fails at start-up (e.g. a bad `sagemakerSecurity` value) makes
 * `start()` reject: `backend.startup.default.onPluginBootFailure` is `abort`
 * (Backstage's default, and set for our plugin in app-config.yaml). But the
 * backend's own unhandled-rejection handler only logs that rejection, and the
 * HTTP server, already listening, keeps the process alive answering 503. So
 * stop what did start and exit non-zero: the orchestrator sees the failure.
 */
backend.start().catch(async error => {
  process.stderr.write(`Backend start-up failed, exiting: ${error}\n`);
  const stopped = backend.stop().catch(() => undefined);
  const timeout = new Promise(resolve => setTimeout(resolve, 10_000).unref());
  await Promise.race([stopped, timeout]);
  process.exit(1);
});
