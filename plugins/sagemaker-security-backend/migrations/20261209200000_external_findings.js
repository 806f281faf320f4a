// @ts-check

/**
 * Findings other tools reported (findings/): AWS Security Hub, read per
 * scanned account and region, and Prowler's OCSF output, uploaded. A data
 * flow of its own: these rows never change a verdict or a score.
 *
 * One row per finding of a source: `source_key` is the SHA-256 of the
 * source's own finding id (Security Hub's ARN-like ids and Prowler's uids
 * are long), unique per source, so a re-import updates the row instead of
 * adding one. `state` is `active`, or `resolved` once the source stopped
 * reporting the finding (Security Hub: absent from the next complete read
 * of the same account and region).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('external_findings', table => {
    table.comment(
      'Findings of other tools (Security Hub, Prowler) on SageMaker resources',
    );
    table.string('source', 32).notNullable();
    table.string('source_key', 64).notNullable();
    table.text('source_id').notNullable();
    table.text('resource_arn').notNullable();
    table.string('resource_key', 64).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('control_id', 255).notNullable();
    table.text('title').notNullable();
    table.string('severity', 16).notNullable();
    table.string('status', 16).notNullable();
    table.text('remediation_url').nullable();
    table.timestamp('first_observed_at', { useTz: true }).nullable();
    table.timestamp('last_observed_at', { useTz: true }).nullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.string('state', 16).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.primary(['source', 'source_key']);
    table.index(['resource_key'], 'external_findings_resource_idx');
    table.index(
      ['source', 'account_id', 'region'],
      'external_findings_location_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('external_findings');
};
