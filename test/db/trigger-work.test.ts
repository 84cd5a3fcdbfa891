import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../src/db/client.js';
import { ADVISORY_LOCKS } from '../../src/db/locks.js';
import { countApprovedBy } from '../../src/statistics/queries.js';
import { readCatalogueVersion } from '../../src/web/catalogue-version.js';
import { freshDatabase } from '../helpers/db.js';

/** What the triggers did inside one transaction: user functions called, advisory locks held. */
interface Work {
  calls: Record<string, number>;
  locks: number[];
}

const functionCalls = async (tx: Executor) =>
  new Map(
    (
      await queryRows<{ name: string; calls: number }>(
        tx,
        sql`select funcname as name, calls::int as calls from pg_stat_xact_user_functions`,
      )
    ).map((c) => [c.name, Number(c.calls)]),
  );

// track_functions can be set by a superuser only, as the test databases' user is on both engines.
// The "xact" view holds calls not yet flushed, which can include the last transactions: the
// difference within one transaction (stats are flushed only between transactions) is its own.
async function workOf(db: Database['db'], write: (tx: Executor) => Promise<unknown>): Promise<Work> {
  let work: Work = { calls: {}, locks: [] };
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local track_functions = 'all'`);
    const before = await functionCalls(tx);
    await write(tx);
    const after = await functionCalls(tx);
    const locks = await queryRows<{ id: number }>(
      tx,
      sql`select objid::int as id from pg_locks
      where locktype = 'advisory' and pid = pg_backend_pid() and granted`,
    );
    const calls: Record<string, number> = {};
    for (const [name, n] of after) if (n > (before.get(name) ?? 0)) calls[name] = n - (before.get(name) ?? 0);
    work = { calls, locks: locks.map((l) => Number(l.id)) };
  });
  return work;
}

let seq = 0;
const insertSql = (
  status: string,
) => sql`insert into models (slug, type, title, field_code, province_code, started_year,
    recognised_year, summary, holder_name, status, title_folded, search_folded, published_at)
  values (${`work-${++seq}`}, 'collective', 'Hiến đất', 'kinh-te', '19', 2020, ${status === 'approved' ? 2024 : null}, 'S', 'H',
    ${status}, 'hien dat', 'dan van', ${status === 'approved' ? sql`now()` : sql`null`}) returning id`;

describe('trigger work per write', () => {
  let database: Database;
  let movements: number[];
  before(async () => {
    database = await freshDatabase();
    await database.db.execute(sql`insert into movements (code, name, level, issuing_body, start_year)
      values ('thu-nghiem', 'Phong trào thử nghiệm', 'central', 'Trung ương', 2024)`);
    movements = (await queryRows<{ id: number }>(database.db, sql`select id from movements order by id`)).map(
      (m) => m.id,
    );
  });
  after(async () => {
    await database.close();
  });

  const counting = (w: Work) => ({
    apply: w.calls.search_counts_apply ?? 0,
    bump: w.calls.catalogue_version_bump ?? 0,
    lock: w.locks.includes(ADVISORY_LOCKS.searchCounts.id),
  });
  const NOTHING = { apply: 0, bump: 0, lock: false };

  it('does no counting, locking or version raising for drafts and other entries that are not public', async () => {
    const db = database.db;
    let id = 0;
    const steps: [string, string, (tx: Executor) => Promise<unknown>][] = [
      [
        'insert a draft',
        'models_after_insert',
        async (tx) => {
          [{ id }] = await queryRows<{ id: number }>(tx, insertSql('draft'));
        },
      ],
      [
        'edit the draft',
        'models_after_update',
        (tx) => tx.execute(sql`update models set title = 'Hiến đất làm đường' where id = ${id}`),
      ],
      [
        'join a movement',
        'model_movements_after_insert',
        (tx) => tx.execute(sql`insert into model_movements values (${id}, ${movements[0]})`),
      ],
      [
        'change the movement',
        'model_movements_after_update',
        (tx) => tx.execute(sql`update model_movements set movement_id = ${movements[1]} where model_id = ${id}`),
      ],
      [
        'submit it',
        'models_after_update',
        (tx) => tx.execute(sql`update models set status = 'submitted' where id = ${id}`),
      ],
      [
        'return it',
        'models_after_update',
        (tx) => tx.execute(sql`update models set status = 'returned' where id = ${id}`),
      ],
      [
        'leave the movement',
        'model_movements_after_delete',
        (tx) => tx.execute(sql`delete from model_movements where model_id = ${id}`),
      ],
      [
        'join again',
        'model_movements_after_insert',
        (tx) => tx.execute(sql`insert into model_movements values (${id}, ${movements[0]})`),
      ],
      [
        'delete it with its movements',
        'models_after_delete',
        (tx) => tx.execute(sql`delete from models where id = ${id}`),
      ],
      [
        'insert many drafts and rejected ones',
        'models_after_insert',
        (tx) =>
          tx.execute(sql`insert into models (slug, type, title, field_code,
          province_code, started_year, summary, holder_name, status, title_folded, search_folded)
        select 'bulk-draft-' || g, 'collective', 'T', 'kinh-te', '19', 2020, 'S', 'H', case when g % 2 = 0 then 'draft' else 'rejected' end, 't', 's'
        from generate_series(1, 50) g`),
      ],
      [
        'edit them all',
        'models_after_update',
        (tx) => tx.execute(sql`update models set summary = 'S2' where slug like 'bulk-draft-%'`),
      ],
    ];
    for (const [label, trigger, write] of steps) {
      const work = await workOf(db, write);
      expect(work.calls[trigger], `${label}: ${trigger} ran`).to.be.at.least(1);
      expect(counting(work), label).to.deep.equal(NOTHING);
    }
  });

  it('counts, locks and raises the version for approved models and their movements', async () => {
    const db = database.db;
    let id = 0;
    const full = { apply: 1, bump: 1, lock: true };
    const steps: [string, (tx: Executor) => Promise<unknown>, typeof full][] = [
      [
        'insert an approved model',
        async (tx) => {
          [{ id }] = await queryRows<{ id: number }>(tx, insertSql('approved'));
        },
        full,
      ],
      ['join a movement', (tx) => tx.execute(sql`insert into model_movements values (${id}, ${movements[0]})`), full],
      ['move it', (tx) => tx.execute(sql`update models set province_code = '22' where id = ${id}`), full],
      // Public text changed, counts did not: the version rises, nothing is counted.
      [
        'edit its summary',
        (tx) => tx.execute(sql`update models set summary = 'Tóm tắt mới' where id = ${id}`),
        { apply: 0, bump: 1, lock: false },
      ],
      ['withdraw it', (tx) => tx.execute(sql`update models set status = 'withdrawn' where id = ${id}`), full],
      ['recognise it again', (tx) => tx.execute(sql`update models set status = 'approved' where id = ${id}`), full],
      // The memberships leave first (models_before_delete), counted down by their own trigger.
      ['delete it', (tx) => tx.execute(sql`delete from models where id = ${id}`), { apply: 2, bump: 2, lock: true }],
    ];
    for (const [label, write, expected] of steps) {
      const before = await readCatalogueVersion(db);
      expect(counting(await workOf(db, write)), label).to.deep.equal(expected);
      expect(await readCatalogueVersion(db), label).to.be.greaterThan(before);
    }
  });

  it('empties the counts when models or memberships are truncated', async () => {
    const db = database.db;
    const [{ id }] = await queryRows<{ id: number }>(db, insertSql('approved'));
    await db.execute(sql`insert into model_movements values (${id}, ${movements[0]})`);
    const live = (kind: string) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from search_counts
      where kind = ${kind}::count_kind and count <> 0`,
      ).then((r) => r[0].n);
    expect(await live('movement')).to.be.greaterThan(0);
    let before = await readCatalogueVersion(db);
    await db.execute(sql`truncate model_movements`);
    expect(await live('movement')).to.equal(0);
    expect(await live('place')).to.be.greaterThan(0);
    expect(await readCatalogueVersion(db)).to.be.greaterThan(before);
    before = await readCatalogueVersion(db);
    await db.execute(sql`truncate models cascade`);
    for (const kind of ['place', 'commune', 'total']) expect(await live(kind), kind).to.equal(0);
    expect(await readCatalogueVersion(db)).to.be.greaterThan(before);
    expect((await countApprovedBy(db, 'province')).every((r) => r.count === 0)).to.equal(true);
    await queryRows(db, insertSql('approved'));
    expect((await countApprovedBy(db, 'province')).find((r) => r.key === '19')?.count).to.equal(1);
  });
});
