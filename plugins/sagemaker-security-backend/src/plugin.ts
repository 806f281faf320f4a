import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

/**
 * The SageMaker security backend plugin: scans the AWS estate, evaluates the
 * checks and serves scorecards.
 */
export const sagemakerSecurityPlugin = createBackendPlugin({
  pluginId: 'sagemaker-security',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ httpRouter, logger }) {
        const router = Router();
        router.get('/health', (_req, res) => {
          res.json({ status: 'ok' });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('SageMaker security plugin started');
      },
    });
  },
});
