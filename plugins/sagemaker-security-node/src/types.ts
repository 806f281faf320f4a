import {
  CheckMetadata,
  CheckOutcome,
  CollectionError,
  FactLookup,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * Other long-lived resources of the same scan (jobs are not indexed here).
 *
 * @public
 */
export interface ResourceLookup {
  get(
    type: ResourceType,
    accountId: string,
    region: string,
    name: string,
  ): SageMakerResource | undefined;
  list(
    type: ResourceType,
    accountId: string,
    region: string,
  ): SageMakerResource[];
  /**
   * Optional: the calls that kept `type` from being listed completely in this
   * account and region (e.g. `sagemaker:ListMonitoringSchedules` denied), so a
   * check that looks for a related resource reports `unknown`, not `fail`.
   */
  listingErrors?(
    type: ResourceType,
    accountId: string,
    region: string,
  ): CollectionError[];
  /**
   * Optional: the accounts of the estate (every account scanned), so a check
   * can tell a grant to one of your own accounts from one to a stranger.
   */
  accountIds?(): string[];
}

/** @public */
export interface CheckContext {
  resource: SageMakerResource;
  facts: FactLookup;
  resources: ResourceLookup;
  /**
   * `live`: a scan of deployed resources. `iac`: pre-deploy validation of
   * infrastructure code, where checks with `requiresLiveData` are not run and facts
   * that the code does not declare are absent rather than unreadable.
   */
  mode: 'live' | 'iac';
}

/**
 * A check: data plus one pure function over the inventory.
 *
 * @public
 */
export interface SecurityCheck extends CheckMetadata {
  evaluate(context: CheckContext): CheckOutcome;
}
