import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { defaultChecks } from '../checks';
import { SecurityCheck } from '../types';

/**
 * The check catalogue as the SageMaker security backend plugin runs it, for
 * other plugins of the same backend (the scaffolder's pre-deploy validation).
 *
 * @public
 */
export interface SagemakerSecurityChecksService {
  /**
   * The checks: the catalogue's defaults and the checks backend modules added
   * through `sagemakerSecurityChecksExtensionPoint`, once the SageMaker
   * security backend plugin has started; `defaultChecks` until then, and in
   * a backend without that plugin.
   */
  getChecks(): SecurityCheck[];
  /**
   * Publishes the final, validated check list. The SageMaker security
   * backend plugin calls it when it starts, after its modules added their
   * checks.
   */
  setChecks(checks: SecurityCheck[]): void;
}

/** Holds the published check list (one per backend: the service is root-scoped). */
class PublishedChecks implements SagemakerSecurityChecksService {
  #checks: SecurityCheck[] | undefined;

  getChecks(): SecurityCheck[] {
    return [...(this.#checks ?? defaultChecks)];
  }

  setChecks(checks: SecurityCheck[]): void {
    this.#checks = [...checks];
  }
}

/**
 * The check catalogue shared by the plugins of one backend (see
 * `SagemakerSecurityChecksService`). Root-scoped: the SageMaker security
 * backend plugin publishes into it and other plugins' modules read it,
 * which an extension point (one plugin's own) cannot do.
 *
 * @public
 */
export const sagemakerSecurityChecksServiceRef =
  createServiceRef<SagemakerSecurityChecksService>({
    // Not the extension point's id: a backend resolves both by id.
    id: 'sagemaker-security.check-catalogue',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new PublishedChecks(),
      }),
  });
