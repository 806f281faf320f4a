/**
 * What a notification says: title, description, a link to the Security tab,
 * severity, topic, and the `scope` under which the notifications backend
 * updates one notification instead of adding another.
 */
import type { Entity } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type {
  CheckResult,
  Grade,
  Waiver,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { parseEntityRef } from '@backstage/catalog-model';

/** Path of the Security tab on entity pages (the frontend plugin's default). */
export const SECURITY_TAB_PATH = 'sagemaker-security';

/** Topics, so that users can filter and mute them in the notifications page. */
export const TOPICS = {
  gradeDrop: 'sagemaker-security: grade dropped',
  newFinding: 'sagemaker-security: new finding',
  waiverExpiry: 'sagemaker-security: waiver expiring',
  waiverRequest: 'sagemaker-security: waiver request',
  waiverDecision: 'sagemaker-security: waiver request decided',
} as const;

type EntityName = Pick<Entity, 'kind'> & {
  metadata: { name: string; namespace?: string; title?: string };
};

function nameOf(entityRef: string): EntityName {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { kind, metadata: { name, namespace } };
}

/** The Security tab of an entity. */
export function securityTabLink(entity: EntityName): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    entity.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(entity.metadata.name)}/${SECURITY_TAB_PATH}`;
}

function shown(entity: EntityName): string {
  return entity.metadata.title ?? entity.metadata.name;
}

export function gradeDropPayload(
  entity: EntityName,
  entityRef: string,
  from: Grade,
  to: Grade,
  score: number | null,
): NotificationPayload {
  return {
    title: `Security grade of ${shown(entity)} dropped from ${from} to ${to}`,
    description: `The SageMaker security score of ${entityRef} is now ${
      score === null ? 'unknown' : Math.round(score)
    } (grade ${to}, was ${from}). Open the Security tab for the failing checks.`,
    link: securityTabLink(entity),
    severity: to === 'E' || to === 'F' ? 'high' : 'normal',
    topic: TOPICS.gradeDrop,
    scope: `sagemaker-security:grade:${entityRef}`,
  };
}

export function newFindingPayload(
  entity: EntityName,
  result: Pick<
    CheckResult,
    'resourceArn' | 'resourceName' | 'checkId' | 'severity' | 'message'
  >,
  checkTitle: string,
): NotificationPayload {
  let severity: NotificationPayload['severity'] = 'normal';
  if (result.severity === 'critical') severity = 'critical';
  else if (result.severity === 'high') severity = 'high';
  return {
    title: `New ${result.severity} finding on ${result.resourceName}: ${checkTitle}`,
    description: `${result.message} (check ${result.checkId}, ${result.resourceArn})`,
    link: securityTabLink(entity),
    severity,
    topic: TOPICS.newFinding,
    scope: `sagemaker-security:finding:${result.resourceArn}:${result.checkId}`,
  };
}

export function waiverExpiryPayload(waiver: Waiver): NotificationPayload {
  const entity = nameOf(waiver.entityRef);
  const resource =
    waiver.resourceArn === '*' ? 'every resource' : waiver.resourceArn;
  return {
    title: `Waiver of ${waiver.checkId} for ${shown(
      entity,
    )} expires on ${waiver.expiresAt.slice(0, 10)}`,
    description: `The waiver of check ${waiver.checkId} (${resource}) ends at ${waiver.expiresAt}; the check counts again from then. Reason given: ${waiver.reason}`,
    link: securityTabLink(entity),
    severity: 'normal',
    topic: TOPICS.waiverExpiry,
    scope: `sagemaker-security:waiver:${waiver.id}`,
  };
}

function resourceOf(request: Pick<WaiverRequest, 'resourceArn'>): string {
  return request.resourceArn === '*' ? 'every resource' : request.resourceArn;
}

/** To the security groups: a request waits for their decision. */
export function waiverRequestedPayload(
  request: WaiverRequest,
): NotificationPayload {
  const entity = nameOf(request.entityRef);
  return {
    title: `Waiver requested: ${request.checkId} for ${shown(entity)}`,
    description: `${request.requestedBy} asks to waive check ${
      request.checkId
    } (${resourceOf(request)}) of ${
      request.entityRef
    } until ${request.expiresAt.slice(0, 10)}. Reason: ${
      request.reason
    }. Approve or deny it on the Security tab (request ${request.id}).`,
    link: securityTabLink(entity),
    severity: 'normal',
    topic: TOPICS.waiverRequest,
    scope: `sagemaker-security:waiver-request:${request.id}`,
  };
}

/** To the requester: their request was approved or denied. */
export function waiverDecisionPayload(
  request: WaiverRequest,
): NotificationPayload {
  const entity = nameOf(request.entityRef);
  const approved = request.status === 'approved';
  const comment = request.comment ? ` Comment: ${request.comment}` : '';
  return {
    title: `Your waiver request for ${request.checkId} on ${shown(
      entity,
    )} was ${request.status}`,
    description: `${request.decidedBy ?? 'A security group member'} ${
      request.status
    } the waiver of check ${request.checkId} (${resourceOf(request)}) of ${
      request.entityRef
    }.${comment}${
      approved
        ? ` The waiver applies until ${request.expiresAt.slice(0, 10)}.`
        : ''
    }`,
    link: securityTabLink(entity),
    severity: approved ? 'normal' : 'high',
    topic: TOPICS.waiverDecision,
    scope: `sagemaker-security:waiver-request-decision:${request.id}`,
  };
}
