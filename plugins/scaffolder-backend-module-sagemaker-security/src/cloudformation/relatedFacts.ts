import { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { ResolvedResource } from './resolveTemplate';
import { Env, FactSink } from './facts/factSink';
import { roleFacts } from './facts/iamFacts';
import { bucketFacts, kmsFacts } from './facts/kmsAndS3Facts';
import { alarmFacts, logGroupFacts, trailFacts } from './facts/monitoringFacts';
import {
  securityGroupFacts,
  subnetFacts,
  vpcEndpointFacts,
} from './facts/networkFacts';

/**
 * The related facts the templates declare. Per-region facts (trails, alarms,
 * log groups, aliases) exist only when a template declares one, so checks see
 * "not declared here" as an absent fact rather than as an empty account.
 */
export function mapRelatedFacts(
  resources: ResolvedResource[],
  env: Env,
): RelatedFact[] {
  const sink = new FactSink();
  for (const map of [
    kmsFacts,
    bucketFacts,
    roleFacts,
    securityGroupFacts,
    subnetFacts,
    vpcEndpointFacts,
    trailFacts,
    alarmFacts,
    logGroupFacts,
  ]) {
    map(resources, env, sink);
  }
  return sink.all();
}
