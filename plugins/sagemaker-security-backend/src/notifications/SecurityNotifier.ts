/**
 * Tells the owners of ML services what changed: a grade that dropped, a new
 * failing result of a configured severity, a waiver about to expire.
 * Everything is computed from stored data (the scores and results a
 * rescoring just stored, the stored waivers) against the marks of what was
 * already told (NotificationMarks), so one change gives one notification,
 * whatever the number of scans, restarts or replicas. Sending goes through
 * Backstage's notifications service; a failure is logged, gives its claim
 * back (the next run tries again), and never fails a scan or evaluation.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  GRADES,
  type CheckResult,
  type Grade,
  type Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import { ownersOf, refOf } from '../catalog/entityRefs';
import { DAY_MS } from '../util/time';
import type { NotificationConfig } from './NotificationConfig';
import { MarkKind, NotificationMarks } from './NotificationMarks';
import {
  gradeDropPayload,
  newFindingPayload,
  waiverExpiryPayload,
} from './messages';

/** One ML service as a rescoring just stored it. */
export interface ScoredService {
  entity: Entity;
  grade: Grade | null;
  score: number | null;
  /** Its failing results (waivers applied), from the stored results. */
  failing: CheckResult[];
}

export interface SecurityNotifierOptions {
  config: NotificationConfig;
  notifications: NotificationService;
  marks: NotificationMarks;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  checkTitle: (checkId: string) => string | undefined;
  activeWaivers: () => Promise<Waiver[]>;
  /** When the stored results were last evaluated (the findings baseline). */
  lastEvaluatedAt: () => Promise<string | undefined>;
  now?: () => Date;
}

const BASELINE = 'findings';

/** A short, secret-free account of a failure (no stack, no request). */
function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${String(e?.message ?? error).slice(0, 200)}`;
}

export class SecurityNotifier {
  private readonly now: () => Date;
  /** A send of the last run failed and gave its claim back. */
  private failedSend = false;

  constructor(private readonly options: SecurityNotifierOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * After a rescoring stored these services: grade drops and new failing
   * results. Never throws.
   */
  async afterScoring(services: ScoredService[]): Promise<void> {
    this.failedSend = false;
    try {
      if (this.options.config.gradeDrop) {
        await this.gradeDrops(services);
      }
      if (this.options.config.newFindingSeverities.length > 0) {
        await this.newFindings(services);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not work out security notifications after scoring: ${describeError(
          error,
        )}`,
      );
    }
  }

  /**
   * True when a send after the last scoring failed: the next evaluation must
   * score again (and so try again) even when nothing it reads changed.
   */
  get retryPending(): boolean {
    return this.failedSend;
  }

  /** Waivers expiring within the configured days, once each. Never throws. */
  async notifyExpiringWaivers(): Promise<number> {
    const days = this.options.config.waiverExpiryDays;
    if (days === 0) return 0;
    let sent = 0;
    try {
      const now = this.now();
      const horizon = now.getTime() + days * DAY_MS;
      const expiring = (await this.options.activeWaivers()).filter(w => {
        const at = Date.parse(w.expiresAt);
        return at > now.getTime() && at <= horizon;
      });
      if (expiring.length === 0) return 0;
      const told = await this.options.marks.get(
        'waiver-expiry',
        expiring.map(w => w.id),
      );
      const credentials = await this.options.auth.getOwnServiceCredentials();
      for (const waiver of expiring.filter(w => !told.has(w.id))) {
        const entity = await this.options.catalog.getEntityByRef(
          waiver.entityRef,
          { credentials },
        );
        const owners = entity ? ownersOf(entity) : [];
        if (
          await this.claimAndSend(
            'waiver-expiry',
            waiver.id,
            undefined,
            waiver.expiresAt,
            owners,
            waiverExpiryPayload(waiver),
          )
        ) {
          sent += 1;
        }
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not work out waiver expiry notifications: ${describeError(
          error,
        )}`,
      );
    }
    return sent;
  }

  /**
   * Against the last grade seen of each service: a worse one is told once;
   * the first grade seen of a service is only remembered.
   */
  private async gradeDrops(services: ScoredService[]): Promise<void> {
    const graded = services.filter(
      (s): s is ScoredService & { grade: Grade } => s.grade !== null,
    );
    const seen = await this.options.marks.get(
      'grade',
      graded.map(s => refOf(s.entity)),
    );
    const at = this.now();
    for (const service of graded) {
      const ref = refOf(service.entity);
      const previous = seen.get(ref) as Grade | undefined;
      if (previous === service.grade) continue;
      const dropped =
        previous !== undefined &&
        GRADES.indexOf(service.grade) > GRADES.indexOf(previous);
      if (!dropped) {
        // First seen, or better: remember it, nothing to tell.
        await this.options.marks.compareAndSet(
          'grade',
          ref,
          previous,
          service.grade,
          at,
        );
        continue;
      }
      await this.claimAndSend(
        'grade',
        ref,
        previous,
        service.grade,
        ownersOf(service.entity),
        gradeDropPayload(
          service.entity,
          ref,
          previous,
          service.grade,
          service.score,
        ),
      );
    }
  }

  /**
   * Failing results of the configured severities that started failing
   * after notifications were first on (what the evaluation before the
   * first scoring with notifications on found is the baseline),
   * told once per (resource, check) and failure: a result fixed and failing
   * again is told again. A resource behind several services is told once,
   * to the owners of all of them.
   */
  private async newFindings(services: ScoredService[]): Promise<void> {
    const { marks } = this.options;
    const at = this.now();
    const baseline = (await marks.get('baseline', [BASELINE])).get(BASELINE);
    if (baseline === undefined) {
      // What failed up to the last evaluation is the baseline, not news.
      const last = await this.options.lastEvaluatedAt();
      if (last !== undefined) {
        await marks.compareAndSet('baseline', BASELINE, undefined, last, at);
      }
      return;
    }
    const severities = new Set<string>(
      this.options.config.newFindingSeverities,
    );
    const found = new Map<
      string,
      { result: CheckResult; entity: Entity; owners: Set<string> }
    >();
    for (const service of services) {
      for (const result of service.failing) {
        if (
          result.status !== 'fail' ||
          !severities.has(result.severity) ||
          Date.parse(result.since) <= Date.parse(baseline)
        ) {
          continue;
        }
        const key = `${result.resourceArn}|${result.checkId}`;
        const entry = found.get(key) ?? {
          result,
          entity: service.entity,
          owners: new Set<string>(),
        };
        ownersOf(service.entity).forEach(o => entry.owners.add(o));
        found.set(key, entry);
      }
    }
    const told = await marks.get('finding', [...found.keys()]);
    for (const [key, { result, entity, owners }] of found) {
      const previous = told.get(key);
      if (previous === result.since) continue;
      await this.claimAndSend(
        'finding',
        key,
        previous,
        result.since,
        [...owners],
        newFindingPayload(
          entity,
          result,
          this.options.checkTitle(result.checkId) ?? result.checkId,
        ),
      );
    }
  }

  /**
   * Claims the mark, then sends; gives the claim back when sending fails.
   * True when this call sent the notification.
   */
  private async claimAndSend(
    kind: MarkKind,
    subject: string,
    previous: string | undefined,
    value: string,
    owners: string[],
    payload: NotificationPayload,
  ): Promise<boolean> {
    const { marks, logger } = this.options;
    if (owners.length === 0) {
      logger.debug(`No owner to notify about ${payload.title}`);
    }
    if (
      !(await marks.compareAndSet(kind, subject, previous, value, this.now()))
    ) {
      // Another replica (or a concurrent run) told it.
      return false;
    }
    if (owners.length === 0) return false;
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: owners },
        payload,
      });
      return true;
    } catch (error) {
      logger.warn(
        `Could not send the notification "${payload.title}" (${
          payload.topic
        }); it is tried again on the next run: ${describeError(error)}`,
      );
      await marks.release(kind, subject, value, previous, this.now());
      this.failedSend = true;
      return false;
    }
  }
}
