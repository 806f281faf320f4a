/**
 * What the notifier has already told, one mark per (kind, subject): the
 * last grade of an ML service it saw, the failure of a (resource, check) it
 * announced (by the time the result started failing), the waiver whose
 * expiry it announced. Marks are claimed before a notification is sent
 * (compare and set), so a second evaluation, a restart or another replica
 * sends nothing twice; a send that fails gives the claim back.
 */
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { chunk } from '../util/chunk';

const TABLE = 'notification_marks';

/** Subjects per statement: keeps SQLite under its bound-variable limit. */
const BATCH = 200;

export type MarkKind = 'grade' | 'finding' | 'waiver-expiry' | 'baseline';

function keyOf(subject: string): string {
  return createHash('sha256').update(subject).digest('hex');
}

export class NotificationMarks {
  constructor(private readonly db: Knex) {}

  /** The marks of these subjects (absent ones are not in the map). */
  async get(kind: MarkKind, subjects: string[]): Promise<Map<string, string>> {
    const marks = new Map<string, string>();
    for (const batch of chunk([...new Set(subjects)], BATCH)) {
      const rows: Array<{ subject: string; value: string }> = await this.db(
        TABLE,
      )
        .where({ kind })
        .whereIn('subject_key', batch.map(keyOf))
        .select('subject', 'value');
      for (const row of rows) marks.set(row.subject, row.value);
    }
    return marks;
  }

  /**
   * Sets the subject's mark to `value` if it is still `expected` (undefined:
   * no mark yet). True when this call changed it, i.e. when the caller is
   * the one to act on the change.
   */
  async compareAndSet(
    kind: MarkKind,
    subject: string,
    expected: string | undefined,
    value: string,
    at: Date,
  ): Promise<boolean> {
    const subjectKey = keyOf(subject);
    if (expected === undefined) {
      const inserted = await this.db(TABLE)
        .insert({
          kind,
          subject_key: subjectKey,
          subject,
          value,
          updated_at: at,
        })
        .onConflict(['kind', 'subject_key'])
        .ignore()
        .returning('kind');
      return inserted.length > 0;
    }
    const updated = await this.db(TABLE)
      .where({ kind, subject_key: subjectKey, value: expected })
      .update({ value, updated_at: at });
    return updated > 0;
  }

  /**
   * Undoes a claim whose notification could not be sent: back to
   * `previous` (undefined: no mark), if nobody changed it since.
   */
  async release(
    kind: MarkKind,
    subject: string,
    claimed: string,
    previous: string | undefined,
    at: Date,
  ): Promise<void> {
    const row = this.db(TABLE).where({
      kind,
      subject_key: keyOf(subject),
      value: claimed,
    });
    if (previous === undefined) {
      await row.delete();
    } else {
      await row.update({ value: previous, updated_at: at });
    }
  }
}
