import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from './client.js';

/**
 * Every advisory lock the application takes, by name: the one place their ids are written. A lock
 * that SQL takes is reached there through its function (`sqlFunction`, returning the id), which
 * installLockFunctions (re)creates before the migrations run, so no SQL file repeats the number.
 */
export const ADVISORY_LOCKS = {
  /** Start-up preparation (migrations, reference and demo data): one instance at a time. */
  startup: { id: 724_901 },
  /**
   * Maintained counts: writers of approved models and their movements take it shared, adding a
   * stored search takes it exclusive, so a model written while a search is being counted is
   * counted exactly once (by the count or by the trigger).
   */
  searchCounts: { id: 724_902, sqlFunction: 'search_counts_lock_id' },
  /** One client address's opinions (with the address's hash as the second key): counted, then written. */
  opinionAddress: { id: 724_903 },
} as const satisfies Record<string, { id: number; sqlFunction?: string }>;

/** The SQL functions that give locks' ids, with the body each must have. */
export function lockFunctions(): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  for (const lock of Object.values(ADVISORY_LOCKS)) {
    if (!('sqlFunction' in lock)) continue;
    if (!Number.isSafeInteger(lock.id) || !/^[a-z_]+$/.test(lock.sqlFunction))
      throw new Error(`bad advisory lock ${lock.sqlFunction}`);
    out.push({ name: lock.sqlFunction, body: ` SELECT ${lock.id}::bigint ` });
  }
  return out;
}

/**
 * (Re)creates the lock-id functions that differ from ADVISORY_LOCKS. Immutable, so the planner
 * folds the call into a constant. Called with the start-up lock held (or on the embedded database,
 * which has one process), before the migrations, whose functions call them.
 */
export async function installLockFunctions(db: Executor): Promise<void> {
  const wanted = lockFunctions();
  if (wanted.length === 0) return;
  const present = await queryRows<{ name: string; body: string }>(
    db,
    sql`select proname as name, prosrc as body from pg_proc
    where pronamespace = 'public'::regnamespace and proname in (${sql.join(
      wanted.map((f) => sql`${f.name}`),
      sql`, `,
    )})`,
  );
  for (const f of wanted) {
    if (present.some((p) => p.name === f.name && p.body === f.body)) continue;
    // DDL takes no parameters: the name and the integer id were checked in lockFunctions.
    await db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION public.${f.name}() RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$${f.body}$$`),
    );
  }
}
