import { sql, type SQL } from 'drizzle-orm';
import type { CountKind } from './schema.js';

/**
 * What each table of the public schema means to the data derived from it and to the cached public
 * pages (src/web/page-cache.ts, valid while the catalogue version stands). test/db/maintained.test.ts
 * compares this with the tables and triggers in the database: a table missing here fails it.
 *
 * - `public`: cached pages show its rows, so a trigger per operation (insert, update, delete,
 *   truncate; function `<table>_after_<operation>()`) does all the derived-data work of that write
 *   in the writing transaction, raising the catalogue version among it;
 * - `reference`: shown on cached pages, but written only by the first start's loader and by
 *   migrations, before any page is served; processes keep it in memory, so it changes with a restart;
 * - `derived`: kept by triggers or by the counting functions from the tables above;
 * - `internal`: no cached page reads it.
 */
type TableRole = 'public' | 'reference' | 'derived' | 'internal';
/** Data that triggers keep in step with their table. */
export type DerivedData = 'search_counts' | 'catalogue_version';

export interface TableUpkeep {
  role: TableRole;
  /** What the table's after-triggers maintain (every `public` table raises the catalogue version). */
  maintains: readonly DerivedData[];
  /**
   * Whether its triggers read the written rows (transition tables): to count them, or to raise the
   * version only when a row touches what the public sees (an approved model, a movement not in draft).
   */
  readsRows: boolean;
}

export const OPERATIONS = ['insert', 'update', 'delete', 'truncate'] as const;

const publicTable = (...maintains: DerivedData[]): TableUpkeep => ({
  role: 'public',
  maintains: [...maintains, 'catalogue_version'],
  readsRows: maintains.includes('search_counts'),
});
/** A public table whose writes matter only when they touch public rows (a draft's commendation does not). */
const publicRows = (): TableUpkeep => ({ ...publicTable(), readsRows: true });
const plain = (role: Exclude<TableRole, 'public'>): TableUpkeep => ({ role, maintains: [], readsRows: false });

export const TABLE_UPKEEP: Record<string, TableUpkeep> = {
  models: publicTable('search_counts'),
  model_movements: publicTable('search_counts'),
  // Movement names and the list of movements are on the browse page's filters.
  movements: publicTable(),
  // Phases, commendations and replication links are on the public pages, lists and filters.
  movement_phases: publicRows(),
  commendations: publicRows(),
  commendation_forms: publicTable(),
  replications: publicRows(),
  movement_history: plain('internal'),
  provinces: plain('reference'),
  communes: plain('reference'),
  former_provinces: plain('reference'),
  former_communes: plain('reference'),
  former_commune_successors: plain('reference'),
  fields: plain('reference'),
  indicator_kinds: plain('internal'),
  search_counts: plain('derived'),
  // Which searches search_counts holds; adding or dropping one changes no answer.
  search_queries: plain('derived'),
  catalogue_version: plain('derived'),
  // A model's own page is not cached: its recognitions, commendations, evidence and the rest.
  model_indicators: plain('internal'),
  recognitions: plain('internal'),
  status_history: plain('internal'),
  evidence_files: plain('internal'),
  notifications: plain('internal'),
  users: plain('internal'),
  password_tokens: plain('internal'),
  app_settings: plain('internal'),
  session: plain('internal'),
  login_counters: plain('internal'),
  pending_forms: plain('internal'),
  // Entries under consultation are never on a cached page; the public model page is not cached.
  consultations: plain('internal'),
  opinions: plain('internal'),
  evaluations: plain('internal'),
  import_jobs: plain('internal'),
};

/**
 * Row-level triggers beside the statement-level ones, each with why it is needed.
 * models_before_delete: an approved model's memberships leave before it, so that
 * model_movements_after_delete counts them down while the model's province, field, type and year
 * are still there (the foreign key's cascade would remove them after the model).
 */
export const ROW_TRIGGERS: Record<string, { table: string; timing: 'before'; operation: (typeof OPERATIONS)[number] }> =
  {
    models_before_delete: { table: 'models', timing: 'before', operation: 'delete' },
  };

/** The stored search of every approved model (key ''). */
export const EVERY_MODEL_SEARCH = 0;

/** A kind of count row as an SQL literal, for comparisons with search_counts.kind. */
export function countKindSql(kind: CountKind): SQL {
  const literal = KIND_LITERALS[kind];
  if (!literal) throw new Error(`unknown count kind ${String(kind)}`);
  return literal;
}
// Literals, not parameters: the planner sees the kind, as it would in hand-written SQL.
const KIND_LITERALS: Record<CountKind, SQL> = {
  place: sql`'place'`,
  movement: sql`'movement'`,
  commune: sql`'commune'`,
  total: sql`'total'`,
};
