// @ts-check

/**
 * What the notifier has already told (notifications/NotificationMarks.ts):
 * one row per (kind, subject), e.g. the last grade of an ML service it saw,
 * the failure of a (resource, check) it announced, the waiver whose expiry
 * it announced. A restart, another replica or the next scan reads these
 * rows and sends nothing twice. `subject_key` is the SHA-256 of `subject`
 * (ARNs are long; the primary key stays short on every database).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_marks', table => {
    table.comment('What the SageMaker security notifier has already sent');
    table.string('kind', 32).notNullable();
    table.string('subject_key', 64).notNullable();
    table.text('subject').notNullable();
    table.string('value', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['kind', 'subject_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notification_marks');
};
