import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './accounts.js';
import { provinces } from './reference.js';

// ---- Bulk import from Excel and CSV: one row per uploaded file and run ----

export const IMPORT_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    createdBy: integer('created_by').references(() => users.id),
    // The province the rows go to; null when the central admin imports for several.
    provinceCode: varchar('province_code', { length: 2 }).references(() => provinces.code),
    fileName: text('file_name').notNull(),
    // Where the uploaded file waits under DATA_DIR until the job is done (then removed).
    storagePath: text('storage_path').notNull(),
    format: varchar('format', { length: 8 }).notNull(),
    // dry_run writes nothing but the job row; import writes the valid rows in one transaction.
    mode: varchar('mode', { length: 8 }).notNull(),
    // What imported models become: approved (the admin is the approver) or submitted.
    targetStatus: varchar('target_status', { length: 16 }).notNull().default('approved'),
    state: varchar('state', { length: 16 }).notNull().default('queued'),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    // Counts per outcome, the first problems, the links: what the result page shows.
    summary: jsonb('summary'),
    failure: text('failure'),
    // A running job whose heartbeat is old was killed with its process: it is marked failed.
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    // The dry run this import confirms (the same file, checked first).
    dryRunId: integer('dry_run_id'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('import_jobs_state_check', sql`${t.state} in ('queued', 'running', 'done', 'failed')`),
    check('import_jobs_mode_check', sql`${t.mode} in ('dry_run', 'import')`),
    check('import_jobs_format_check', sql`${t.format} in ('xlsx', 'csv')`),
    check('import_jobs_target_check', sql`${t.targetStatus} in ('approved', 'submitted')`),
    index('import_jobs_creator_idx').on(t.createdBy, t.id),
    index('import_jobs_active_idx')
      .on(t.state)
      .where(sql`state in ('queued', 'running')`),
  ],
);
