import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { CatalogueVersion, readCatalogueVersion } from '../../src/web/catalogue-version.js';
import { freshDatabase, serverUrl } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

describe('catalogue version', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase();
  });
  after(async () => {
    await database.close();
  });

  const version = () => readCatalogueVersion(database.db);

  /** Whether running `write` raised the version. */
  async function raises(write: () => Promise<unknown>): Promise<boolean> {
    const before = await version();
    await write();
    const after = await version();
    expect(after).to.be.at.least(before);
    return after > before;
  }

  it('rises with every write to approved models, their movements and movements; not with drafts', async () => {
    const db = database.db;
    let draft = 0;
    expect(
      await raises(async () => {
        draft = (await insertModel(database, { title: 'Bản nháp', status: 'draft' })).id;
      }),
    ).to.equal(false);
    expect(
      await raises(() => db.execute(sql`update models set title = 'Bản nháp đã sửa' where id = ${draft}`)),
    ).to.equal(false);
    expect(await raises(() => db.execute(sql`update models set status = 'submitted' where id = ${draft}`))).to.equal(
      false,
    );

    let approved = 0;
    expect(
      await raises(async () => {
        approved = (await insertModel(database, { title: 'Đã công nhận' })).id;
      }),
    ).to.equal(true);
    expect(
      await raises(() => db.execute(sql`update models set summary = 'Tóm tắt mới' where id = ${approved}`)),
    ).to.equal(true);
    expect(
      await raises(() =>
        db.execute(
          sql`update models set status = 'approved', recognised_year = 2025, published_at = now() where id = ${draft}`,
        ),
      ),
    ).to.equal(true);
    expect(await raises(() => db.execute(sql`update models set status = 'withdrawn' where id = ${draft}`))).to.equal(
      true,
    );
    // Withdrawn is no longer public: editing it changes no public page.
    expect(await raises(() => db.execute(sql`update models set title = 'Đã thu hồi' where id = ${draft}`))).to.equal(
      false,
    );

    const [mv] = await queryRows<{ id: number }>(db, sql`select id from movements limit 1`);
    expect(
      await raises(() =>
        db.execute(sql`insert into model_movements (model_id, movement_id) values (${approved}, ${mv.id})`),
      ),
    ).to.equal(true);
    expect(await raises(() => db.execute(sql`delete from model_movements where model_id = ${approved}`))).to.equal(
      true,
    );
    expect(
      await raises(() =>
        db.execute(sql`insert into model_movements (model_id, movement_id) values (${draft}, ${mv.id})`),
      ),
    ).to.equal(false);
    expect(await raises(() => db.execute(sql`update movements set name = name || ' ' where id = ${mv.id}`))).to.equal(
      true,
    );
    // Commendations and replication links count when they touch an approved model, phases unless the movement is a draft.
    const commend = (id: number, n: string) =>
      db.execute(sql`insert into commendations (model_id, form, issuing_body, level, decision_number)
        values (${id}, 'bang_khen', 'UBND tỉnh', 'province', ${n})`);
    expect(await raises(() => commend(draft, 'D-1'))).to.equal(false);
    expect(await raises(() => commend(approved, 'A-1'))).to.equal(true);
    expect(await raises(() => db.execute(sql`delete from commendations where model_id = ${draft}`))).to.equal(false);
    const other = (await insertModel(db, { title: 'Bản nháp khác', status: 'draft' })).id;
    const link = (a: number, b: number) =>
      db.execute(sql`insert into replications (source_model_id, replica_model_id) values (${a}, ${b})`);
    expect(await raises(() => link(draft, other))).to.equal(false);
    expect(await raises(() => link(approved, other))).to.equal(true);
    await db.execute(sql`update movements set status = 'draft' where id = ${mv.id}`);
    const phase = () =>
      db.execute(sql`insert into movement_phases (movement_id, name, start_year) values (${mv.id}, 'Giai đoạn', 2021)`);
    expect(await raises(phase)).to.equal(false);
    await db.execute(sql`update movements set status = 'in_force' where id = ${mv.id}`);
    expect(await raises(phase)).to.equal(true);
    expect(await raises(() => db.execute(sql`delete from models where id = ${approved}`))).to.equal(true);
    expect(await raises(() => db.execute(sql`delete from models where id = ${draft}`))).to.equal(false);
  });

  it('changes for other connections only when the write commits', async function () {
    if (!serverUrl) this.skip(); // the embedded database has a single connection
    const other = await openDatabase({
      databaseUrl: (database.client as pg.Pool).options.connectionString!,
      poolSize: 1,
    });
    try {
      const before = await readCatalogueVersion(other.db);
      let seenInside = 0;
      await database.db.transaction(async (tx) => {
        await insertModel(tx, { title: 'Trong giao dịch' });
        seenInside = await readCatalogueVersion(other.db);
      });
      expect(seenInside).to.equal(before);
      expect(await readCatalogueVersion(other.db)).to.be.greaterThan(before);
    } finally {
      await other.close();
    }
  });

  it('gives every caller a read that started after it asked, sharing reads under load', async () => {
    const events: string[] = [];
    const versions = new CatalogueVersion(async () => {
      events.push('read');
      const v = await version();
      events.push(`got ${v}`);
      return v;
    });
    const first = versions.current();
    events.push('asked twice more');
    const [second, third] = [versions.current(), versions.current()];
    const v = await first;
    expect(await second).to.equal(v);
    expect(await third).to.equal(v);
    // The first read was under way when the others asked: they share one read started after it.
    expect(events).to.deep.equal(['read', 'asked twice more', `got ${v}`, 'read', `got ${v}`]);
    const later = versions.current();
    expect(events.at(-1)).to.equal('read');
    expect(await later).to.equal(v);
  });
});
