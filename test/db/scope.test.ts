import { expect } from 'chai';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { MODEL_STATUSES, users } from '../../src/db/schema.js';
import { findUserById, type SessionUser } from '../../src/accounts/users.js';
import { can, type ModelResource, type NoticeResource } from '../../src/policy/policy.js';
import { modelResource, type ScopedRow } from '../../src/policy/resources.js';
import { accountScope, modelScope, noticeRecipients, viewersOf } from '../../src/policy/scope.js';
import type { Role } from '../../src/policy/roles.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

// The SQL scopes and `can` must give the same answer for every row: every kind of account against
// models in every kind of place and status, on real rows of a real database.
describe("the policy's SQL scopes agree with can()", () => {
  let database: Database;
  const people: { label: string; user: SessionUser }[] = [];
  const entries: { label: string; id: number; resource: ModelResource }[] = [];

  const ids = async (query: SQL) =>
    (await queryRows<{ id: number }>(database.db, query)).map((r) => r.id).sort((a, b) => a - b);
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

  before(async () => {
    database = await freshDatabase();
    const db = database.db;
    // A former commune of Thái Nguyên ('19') split between two current ones: the cadre's commune and its neighbour.
    const [split] = await queryRows<{ former: string; own: string; neighbour: string }>(
      db,
      sql`select s.former_code as former,
        min(s.commune_code) as own, max(s.commune_code) as neighbour
      from former_commune_successors s join communes c on c.code = s.commune_code
      group by s.former_code having count(*) = 2 and min(c.province_code) = '19' and max(c.province_code) = '19' order by 1 limit 1`,
    );
    const [elsewhere] = await queryRows<{ former: string; successor: string }>(
      db,
      sql`select s.former_code as former, min(s.commune_code) as successor
      from former_commune_successors s join communes c on c.code = s.commune_code where c.province_code = '19'
      group by s.former_code having bool_and(s.commune_code <> ${split.own}) order by 1 limit 1`,
    );
    const [far] = await queryRows<{ code: string }>(
      db,
      sql`select code from communes where province_code = '42' order by code limit 1`,
    );

    const places: Record<string, { provinceCode: string; communeCode: string | null; formerCommuneCode?: string }> = {
      'own commune': { provinceCode: '19', communeCode: split.own },
      'another commune of the province': { provinceCode: '19', communeCode: split.neighbour },
      'a former commune now partly in the own one': {
        provinceCode: '19',
        communeCode: null,
        formerCommuneCode: split.former,
      },
      'a former commune of the province now elsewhere': {
        provinceCode: '19',
        communeCode: null,
        formerCommuneCode: elsewhere.former,
      },
      'another province': { provinceCode: '42', communeCode: far.code },
    };
    for (const [place, p] of Object.entries(places)) {
      for (const status of MODEL_STATUSES) {
        const { id } = await insertModel(database, { title: `${place} ${status}`, status, ...p });
        const [row] = await queryRows<ScopedRow>(
          db,
          sql`select status, province_code, commune_code, former_commune_code, created_by from models where id = ${id}`,
        );
        entries.push({ label: `${place} (${status})`, id, resource: await modelResource(db, row) });
      }
    }

    const accounts: { label: string; role: Role; provinceCode?: string; communeCode?: string; disabled?: boolean }[] = [
      { label: 'cadre of the own commune', role: 'commune_cadre', provinceCode: '19', communeCode: split.own },
      { label: 'cadre of the neighbour', role: 'commune_cadre', provinceCode: '19', communeCode: split.neighbour },
      {
        label: 'cadre where the other former commune went',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: elsewhere.successor,
      },
      { label: 'cadre of another province', role: 'commune_cadre', provinceCode: '42', communeCode: far.code },
      { label: 'reviewer', role: 'province_reviewer', provinceCode: '19' },
      { label: 'reviewer of another province', role: 'province_reviewer', provinceCode: '42' },
      { label: 'province admin', role: 'province_admin', provinceCode: '19' },
      { label: 'province admin of another province', role: 'province_admin', provinceCode: '42' },
      { label: 'central admin', role: 'central_admin' },
      { label: 'disabled cadre', role: 'commune_cadre', provinceCode: '19', communeCode: split.own, disabled: true },
      { label: 'disabled reviewer', role: 'province_reviewer', provinceCode: '19', disabled: true },
      { label: 'disabled province admin', role: 'province_admin', provinceCode: '19', disabled: true },
      { label: 'disabled central admin', role: 'central_admin', disabled: true },
    ];
    for (const [i, a] of accounts.entries()) {
      const [row] = await db
        .insert(users)
        .values({
          username: `nguoi.${i}`,
          displayName: a.label,
          role: a.role,
          provinceCode: a.provinceCode ?? null,
          communeCode: a.communeCode ?? null,
          disabled: a.disabled ?? false,
        })
        .returning({ id: users.id });
      people.push({ label: a.label, user: (await findUserById(db, row.id))! });
    }
  });
  after(async () => {
    await database.close();
  });

  it('has a world where every kind of place is seen by someone and hidden from someone', () => {
    for (const e of entries) {
      const seen = people.filter((p) => can(p.user, 'viewInternal', e.resource));
      expect(seen.length, e.label).to.be.greaterThan(0).and.lessThan(people.length);
    }
  });

  it('models: a row is in modelScope(user) exactly when can(user, "viewInternal", row)', async () => {
    for (const p of [...people, { label: 'anonymous', user: null }]) {
      const expected = entries.filter((e) => can(p.user, 'viewInternal', e.resource));
      const got = await ids(sql`select m.id from models m where ${modelScope(p.user)}`);
      expect(got, p.label).to.deep.equal(sorted(expected.map((e) => e.id)));
    }
  });

  it('models, the other way round: viewersOf(model) are exactly the users who can view it', async () => {
    for (const e of entries) {
      const expected = people.filter((p) => can(p.user, 'viewInternal', e.resource)).map((p) => p.user.id);
      expect(await ids(sql`select u.id from users u where ${viewersOf(e.resource)}`), e.label).to.deep.equal(
        sorted(expected),
      );
    }
  });

  it('accounts: a row is in accountScope(user) exactly when can(user, "manageAccounts", account)', async () => {
    let managers = 0;
    for (const p of [...people, { label: 'anonymous', user: null }]) {
      const expected = people.filter((t) =>
        can(p.user, 'manageAccounts', { role: t.user.role, provinceCode: t.user.provinceCode }),
      );
      const got = await ids(sql`select u.id from users u where ${accountScope(p.user)}`);
      expect(got, p.label).to.deep.equal(sorted(expected.map((t) => t.user.id)));
      if (got.length > 0) managers++;
    }
    expect(managers).to.equal(3); // the two province admins and the central admin
  });

  it('notices: noticeRecipients(notice) are exactly the users can(user, "beNotified", notice) names', async () => {
    for (const e of entries) {
      for (const about of ['submission', 'consultationEnded'] as const) {
        const notice: NoticeResource = { model: e.resource, about };
        const expected = people.filter((p) => can(p.user, 'beNotified', notice)).map((p) => p.user.id);
        expect(
          await ids(sql`select u.id from users u where ${noticeRecipients(notice)}`),
          `${e.label} ${about}`,
        ).to.deep.equal(sorted(expected));
      }
      // A decision goes to the author, whoever that is, while the entry is theirs to see.
      for (const author of [null, ...people.map((p) => p.user.id)]) {
        const decision: NoticeResource = { model: { ...e.resource, createdBy: author }, about: 'decision' };
        const told = people.filter((p) => can(p.user, 'beNotified', decision)).map((p) => p.user.id);
        expect(
          await ids(sql`select u.id from users u where ${noticeRecipients(decision)}`),
          `${e.label} decided, author ${author}`,
        ).to.deep.equal(sorted(told));
      }
    }
  });

  it('sends a submission to the active reviewers and admins of the province, not to the centre', async () => {
    const own = entries.find((e) => e.label === 'own commune (submitted)')!;
    const got = await ids(
      sql`select u.id from users u where ${noticeRecipients({ model: own.resource, about: 'submission' })}`,
    );
    const names = people.filter((p) => got.includes(p.user.id)).map((p) => p.label);
    expect(names).to.have.members(['reviewer', 'province admin']);
  });
});
