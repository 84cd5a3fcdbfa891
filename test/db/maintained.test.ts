import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { ADVISORY_LOCKS, lockFunctions } from '../../src/db/locks.js';
import { OPERATIONS, ROW_TRIGGERS, TABLE_UPKEEP, type DerivedData } from '../../src/db/maintained.js';
import { COUNT_KINDS } from '../../src/db/schema.js';
import { freshDatabase } from '../helpers/db.js';

interface TriggerRow {
  table: string;
  name: string;
  function: string;
  source: string;
  row_level: boolean;
  before: boolean;
  ins: boolean;
  del: boolean;
  upd: boolean;
  trunc: boolean;
  old_table: string | null;
  new_table: string | null;
}

/** What a trigger function's code maintains, read from its source. */
function maintainedBy(source: string): DerivedData[] {
  const out: DerivedData[] = [];
  if (/catalogue_version_bump\(\)/.test(source)) out.push('catalogue_version');
  if (/search_counts_apply\(|delete\s+from\s+search_counts\b/i.test(source)) out.push('search_counts');
  return out.sort();
}

const describeTrigger = (t: {
  table: string;
  name: string;
  timing: string;
  operation: string;
  level: string;
  fn: string;
  transition: string;
  maintains: readonly string[];
}) =>
  `${t.table}.${t.name}: ${t.timing} ${t.operation} for each ${t.level}${t.transition} -> ${t.fn}() maintains [${[...t.maintains].sort().join(', ')}]`;

const TRANSITION: Record<string, string> = {
  insert: ' referencing new_rows',
  update: ' referencing old_rows new_rows',
  delete: ' referencing old_rows',
  truncate: '',
};

describe('maintained data: tables, triggers, kinds of count, locks', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('classifies every table of the public schema, and only those', async () => {
    const tables = (
      await queryRows<{ name: string }>(
        database.db,
        sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )
    ).map((t) => t.name);
    expect(tables, 'tables in the database (add new ones to TABLE_UPKEEP in src/db/maintained.ts)').to.have.members(
      Object.keys(TABLE_UPKEEP),
    );
    for (const [table, upkeep] of Object.entries(TABLE_UPKEEP)) {
      // A table that cached pages show and that can change while they are served must raise the version.
      if (upkeep.role === 'public') expect(upkeep.maintains, table).to.include('catalogue_version');
      else expect(upkeep.maintains, table).to.deep.equal([]);
    }
  });

  it('has exactly the declared triggers: one function per table and operation, doing what the table maintains', async () => {
    const rows = await queryRows<TriggerRow>(
      database.db,
      sql`select c.relname as table, t.tgname as name, p.proname as function,
        p.prosrc as source, (t.tgtype & 1) <> 0 as row_level, (t.tgtype & 2) <> 0 as before, (t.tgtype & 4) <> 0 as ins,
        (t.tgtype & 8) <> 0 as del, (t.tgtype & 16) <> 0 as upd, (t.tgtype & 32) <> 0 as trunc,
        t.tgoldtable as old_table, t.tgnewtable as new_table
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal and c.relnamespace = 'public'::regnamespace`,
    );
    const actual = rows
      .map((t) => {
        const ops = [t.ins && 'insert', t.upd && 'update', t.del && 'delete', t.trunc && 'truncate']
          .filter(Boolean)
          .join(' or ');
        const transition = [t.old_table, t.new_table].filter(Boolean).join(' ');
        return describeTrigger({
          table: t.table,
          name: t.name,
          timing: t.before ? 'before' : 'after',
          operation: ops,
          level: t.row_level ? 'row' : 'statement',
          fn: t.function,
          transition: transition ? ` referencing ${transition}` : '',
          maintains: maintainedBy(t.source),
        });
      })
      .sort();

    const expected: string[] = [];
    for (const [table, upkeep] of Object.entries(TABLE_UPKEEP)) {
      if (upkeep.maintains.length === 0) continue;
      for (const operation of OPERATIONS) {
        const name = `${table}_after_${operation}`;
        expected.push(
          describeTrigger({
            table,
            name,
            timing: 'after',
            operation,
            level: 'statement',
            fn: name,
            // Counting needs the written rows, and so does raising the version for public rows only.
            transition: upkeep.readsRows ? TRANSITION[operation] : '',
            maintains: upkeep.maintains,
          }),
        );
      }
    }
    for (const [name, t] of Object.entries(ROW_TRIGGERS)) {
      expected.push(
        describeTrigger({
          table: t.table,
          name,
          timing: t.timing,
          operation: t.operation,
          level: 'row',
          fn: name,
          transition: '',
          maintains: [],
        }),
      );
    }
    expect(actual).to.deep.equal(expected.sort());
  });

  it('names the kinds of count rows the same in SQL as in TypeScript', async () => {
    const [{ labels }] = await queryRows<{ labels: string[] | string }>(
      database.db,
      sql`select enum_range(null::count_kind)::text[] as labels`,
    );
    const list = Array.isArray(labels) ? labels : labels.replace(/[{}]/g, '').split(',');
    expect(list).to.deep.equal([...COUNT_KINDS]);
    const [{ type }] = await queryRows<{ type: string }>(
      database.db,
      sql`select udt_name as type from information_schema.columns
      where table_name = 'search_counts' and column_name = 'kind'`,
    );
    expect(type).to.equal('count_kind');
  });

  it('takes advisory-lock ids from src/db/locks.ts only', async () => {
    const ids = Object.values(ADVISORY_LOCKS).map((l) => l.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const f of lockFunctions()) {
      const [{ id }] = await queryRows<{ id: number }>(database.db, sql`select ${sql.identifier(f.name)}()::int as id`);
      expect(f.body).to.contain(String(id));
    }
    const [{ id }] = await queryRows<{ id: number }>(database.db, sql`select search_counts_lock_id()::int as id`);
    expect(id).to.equal(ADVISORY_LOCKS.searchCounts.id);
    // No other function of the database writes a lock's number itself.
    const sources = await queryRows<{ name: string; source: string }>(
      database.db,
      sql`select proname as name, prosrc as source
      from pg_proc where pronamespace = 'public'::regnamespace`,
    );
    const lockFns = new Set(lockFunctions().map((f) => f.name));
    const offenders = sources.filter((s) => !lockFns.has(s.name) && ids.some((n) => s.source.includes(String(n))));
    expect(offenders.map((s) => s.name)).to.deep.equal([]);
    const takers = sources.filter((s) => /pg_advisory_xact_lock/.test(s.source)).map((s) => s.name);
    expect(takers).to.include.members(['search_query_ensure', 'models_after_insert', 'model_movements_after_insert']);
    for (const s of sources.filter((x) => /pg_advisory/.test(x.source))) {
      expect(s.source, s.name).to.match(/pg_advisory_xact_lock(_shared)?\(search_counts_lock_id\(\)\)/);
    }
  });
});
