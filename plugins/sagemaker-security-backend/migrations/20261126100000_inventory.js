// @ts-check

/**
 * Inventory: scan runs with per-target progress, SageMaker resources (with
 * their tags in a side table for filtering) and related facts. Timestamps are
 * ISO-8601 UTC strings, which sort the same on every database. JSON columns
 * are text. `content_hash` lets identical scans skip rewriting rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inventory_scans', table => {
    table.comment('One scan of the configured accounts and regions');
    table.string('id', 36).primary();
    table.string('trigger', 16).notNullable();
    table.string('requested_by', 255).nullable();
    table.string('status', 16).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.text('call_counts').nullable();
    table.index(['started_at'], 'inventory_scans_started_idx');
  });

  await knex.schema.createTable('inventory_scan_targets', table => {
    table.comment('Progress of one account and region within a scan');
    table
      .string('scan_id', 36)
      .notNullable()
      .references('id')
      .inTable('inventory_scans')
      .onDelete('CASCADE');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('status', 16).notNullable();
    table.integer('resource_count').notNullable().defaultTo(0);
    table.integer('error_count').notNullable().defaultTo(0);
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.text('errors').notNullable();
    table.text('call_counts').nullable();
    table.primary(['scan_id', 'account_id', 'region']);
    table.index(
      ['account_id', 'region', 'status'],
      'inventory_scan_targets_target_idx',
    );
  });

  await knex.schema.createTable('inventory_resources', table => {
    table.comment('The latest collected state of each SageMaker resource');
    table.string('arn', 512).primary();
    table.string('type', 64).notNullable();
    table.string('name', 255).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('status', 64).nullable();
    table.string('created_at', 32).nullable();
    table.text('tags').notNullable();
    table.text('description').notNullable();
    table.text('errors').notNullable();
    table.string('content_hash', 64).notNullable();
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('deleted_at', 32).nullable();
    table.index(
      ['account_id', 'region', 'type'],
      'inventory_resources_target_idx',
    );
    table.index(['type', 'arn'], 'inventory_resources_type_idx');
  });

  await knex.schema.createTable('inventory_resource_tags', table => {
    table.comment('Tags of inventory_resources, for tag selectors');
    table
      .string('arn', 512)
      .notNullable()
      .references('arn')
      .inTable('inventory_resources')
      .onDelete('CASCADE');
    table.string('key', 128).notNullable();
    table.string('value', 256).notNullable();
    table.primary(['arn', 'key']);
    table.index(['key', 'value'], 'inventory_resource_tags_kv_idx');
  });

  await knex.schema.createTable('inventory_facts', table => {
    table.comment(
      'Related facts: roles, keys, buckets, network, trails, alarms, log groups',
    );
    table.string('kind', 32).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('key', 512).notNullable();
    table.text('data').nullable();
    table.text('errors').notNullable();
    table.string('content_hash', 64).notNullable();
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['kind', 'account_id', 'region', 'key']);
    table.index(['account_id'], 'inventory_facts_account_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inventory_facts');
  await knex.schema.dropTable('inventory_resource_tags');
  await knex.schema.dropTable('inventory_resources');
  await knex.schema.dropTable('inventory_scan_targets');
  await knex.schema.dropTable('inventory_scans');
};
