import { InputError } from '@backstage/errors';
import { DAY_MS } from '../util/time';

const MIN_REASON_LENGTH = 10;

/**
 * The rules a waiver (created directly or requested) must meet; a broken
 * one is a 400 naming the field. Returns the trimmed reason and the expiry.
 */
export function validateWaiverInput(
  input: {
    checkId: string;
    resourceArn: string;
    reason: string;
    expiresAt: string;
  },
  context: {
    entityRef: string;
    /** The entity's resources (unused for `*`). */
    linkedArns: string[];
    checkIds: ReadonlySet<string>;
    maxDays: number;
    now: Date;
  },
): { reason: string; expiresAt: Date } {
  const { entityRef, now, maxDays } = context;
  if (!context.checkIds.has(input.checkId)) {
    throw new InputError(`checkId: there is no check "${input.checkId}"`);
  }
  if (
    input.resourceArn !== '*' &&
    !context.linkedArns.includes(input.resourceArn)
  ) {
    throw new InputError(
      `resourceArn: ${input.resourceArn} is not a resource of ${entityRef}`,
    );
  }
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    throw new InputError(
      `reason: give a reason of at least ${MIN_REASON_LENGTH} characters`,
    );
  }
  const expiresAt = new Date(input.expiresAt);
  if (Number.isNaN(expiresAt.getTime())) {
    throw new InputError(
      `expiresAt: "${input.expiresAt}" is not an ISO 8601 date-time`,
    );
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new InputError('expiresAt: must be in the future');
  }
  if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) {
    throw new InputError(
      `expiresAt: a waiver may last at most ${maxDays} days (sagemakerSecurity.waivers.maxDays)`,
    );
  }
  return { reason, expiresAt };
}
