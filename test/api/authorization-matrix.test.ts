import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { can, checkTransition, type ModelResource } from '../../src/policy/policy.js';
import type { SessionUser } from '../../src/accounts/users.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { matrixExtras, type Case } from '../helpers/matrix-cases.js';
import { csrfFrom, declaredRoutes, PASSWORD, signInPeople, WHO, type Who } from '../helpers/people.js';

describe('authorization matrix: every internal route × every role × scope', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  const people: Partial<Record<Who, SessionUser>> = {};
  const agents: Partial<Record<Who, ReturnType<typeof request.agent>>> = {};
  const models: Record<string, { id: number; resource: ModelResource }> = {};

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const signedIn = await signInPeople(database, app);
    Object.assign(people, signedIn.users);
    Object.assign(agents, signedIn.agents);
    const a = { code: signedIn.commune };
    for (const status of ['draft', 'submitted', 'returned', 'approved'] as const) {
      const m = await insertModel(database, {
        title: `Mô hình ${status}`,
        status,
        provinceCode: '19',
        communeCode: a.code,
      });
      await completeStory(m.id);
      models[status] = {
        id: m.id,
        resource: { status, provinceCode: '19', communeCode: a.code, formerCommuneSuccessors: [] },
      };
    }
  });
  after(async () => {
    await database.close();
  });

  async function freshModel(status: string) {
    const m = models[status];
    const { id } = await insertModel(database, {
      title: `Mô hình mới ${status} ${Math.random()}`,
      status: status as never,
      provinceCode: '19',
      communeCode: m.resource.communeCode,
    });
    await completeStory(id);
    return { id, resource: { ...m.resource } };
  }

  /** The texts submitting asks for, which the fixture leaves out, so that "submit" is judged on permission alone. */
  async function completeStory(id: number) {
    await database.db.execute(sql`update models set situation = 'Thực trạng.', goals = 'Mục tiêu.',
      beneficiaries = 'Đối tượng.', activities = 'Cách làm.', lead_bodies = 'Chi bộ.', results = 'Kết quả.',
      sustainability = 'Duy trì.' where id = ${id}`);
  }

  const snapshot = async () =>
    JSON.stringify([
      await queryRows(
        database.db,
        sql`select m.id, m.status, m.version, m.title,
      (select count(*) from status_history h where h.model_id = m.id) as history,
      (select count(*) from recognitions r where r.model_id = m.id) as recognitions,
      (select count(*) from evaluations e where e.model_id = m.id) as evaluations from models m order by m.id`,
      ),
      await queryRows(database.db, sql`select code, reviewing_body_name from provinces order by code`),
      await queryRows(database.db, sql`select id, code, status, version, end_year, name from movements order by id`),
      await queryRows(database.db, sql`select id, movement_id, action from movement_history order by id`),
      await queryRows(
        database.db,
        sql`select id, model_id, form, decision_number, note, revoked_at from commendations order by id`,
      ),
      await queryRows(database.db, sql`select code, name, position, is_active from commendation_forms order by code`),
      await queryRows(database.db, sql`select source_model_id, replica_model_id, note from replications order by 1, 2`),
      await queryRows(database.db, sql`select id, summary, closed_at from consultations order by id`),
      await queryRows(database.db, sql`select id, hidden_at from opinions order by id`),
      await queryRows(
        database.db,
        sql`select id, username, disabled, commune_code, password_hash,
      (select count(*) from password_tokens t where t.user_id = u.id) as tokens from users u order by id`,
      ),
    ]);

  let accountSeq = 0;
  /** A commune cadre of province 19 for the account routes; a fresh one for each state-changing request. */
  async function freshAccount() {
    const [row] = await database.db
      .insert(users)
      .values({
        username: `dich.${++accountSeq}`,
        displayName: 'Đích',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: models.draft.resource.communeCode,
      })
      .returning();
    return { id: row.id, resource: models.draft.resource };
  }
  const ACCOUNT = { role: 'commune_cadre' as const, provinceCode: '19' };

  const VALID_FORM = {
    type: 'collective',
    title: 'Một mô hình hoàn toàn mới về an sinh',
    fieldCode: 'van-hoa-xa-hoi',
    startedYear: '2024',
    summary: 'Tóm tắt đầy đủ.',
    situation: 'Thực trạng.',
    goals: 'Mục tiêu.',
    beneficiaries: 'Đối tượng.',
    activities: 'Cách làm.',
    leadBodies: 'Chi bộ.',
    results: 'Kết quả.',
    sustainability: 'Duy trì.',
    holderName: 'Chi hội',
    checkedSimilar: '1',
    intent: 'draft',
  };

  const extras = matrixExtras({ db: () => database, seq: () => ++accountSeq });
  const CASES: Case[] = [
    ...extras.cases,
    { route: 'GET /dashboard', url: () => '/dashboard', allowed: (u) => !!u },
    { route: 'GET /thong-bao', url: () => '/thong-bao', allowed: (u) => !!u },
    { route: 'POST /thong-bao/da-doc', url: () => '/thong-bao/da-doc', body: {}, allowed: (u) => !!u },
    { route: 'GET /quan-ly/mo-hinh/moi', url: () => '/quan-ly/mo-hinh/moi', allowed: (u) => can(u, 'create') },
    {
      route: 'POST /quan-ly/mo-hinh',
      url: () => '/quan-ly/mo-hinh',
      body: VALID_FORM,
      allowed: (u) => can(u, 'create'),
    },
    ...['draft', 'submitted', 'approved'].flatMap((status): Case[] => [
      {
        route: 'GET /quan-ly/mo-hinh/:id',
        url: (id) => `/quan-ly/mo-hinh/${id}`,
        model: status,
        allowed: (u, m) => can(u, 'viewInternal', m),
      },
      {
        route: 'GET /quan-ly/mo-hinh/:id/sua',
        url: (id) => `/quan-ly/mo-hinh/${id}/sua`,
        model: status,
        allowed: (u, m) => checkTransition(u, 'edit', m!).ok,
      },
    ]),
    {
      route: 'POST /quan-ly/mo-hinh/:id/sua',
      url: (id) => `/quan-ly/mo-hinh/${id}/sua`,
      model: 'draft',
      body: { ...VALID_FORM, version: 1 },
      allowed: (u, m) => checkTransition(u, 'edit', m!).ok,
    },
    {
      route: 'POST /quan-ly/mo-hinh/:id/thao-tac',
      url: (id) => `/quan-ly/mo-hinh/${id}/thao-tac`,
      model: 'submitted',
      body: { action: 'approve', version: 1, year: 2025, level: 'province', grade: 'tot' },
      allowed: (u, m) => checkTransition(u, 'approve', m!).ok,
    },
    {
      route: 'POST /quan-ly/mo-hinh/:id/thao-tac',
      url: (id) => `/quan-ly/mo-hinh/${id}/thao-tac`,
      model: 'approved',
      body: { action: 'withdraw', version: 1, comment: 'Không còn hiệu quả.', confirm: 'yes' },
      allowed: (u, m) => checkTransition(u, 'withdraw', m!).ok,
    },
    {
      route: 'POST /quan-ly/mo-hinh/:id/thao-tac',
      url: (id) => `/quan-ly/mo-hinh/${id}/thao-tac`,
      model: 'returned',
      body: { action: 'submit', version: 1 },
      allowed: (u, m) => checkTransition(u, 'submit', m!).ok,
    },
    {
      route: 'GET /quan-ly/co-quan-tham-dinh',
      url: () => '/quan-ly/co-quan-tham-dinh',
      allowed: (u) => can(u, 'manageReferenceData'),
    },
    {
      route: 'POST /quan-ly/co-quan-tham-dinh/:code',
      url: () => '/quan-ly/co-quan-tham-dinh/19',
      body: () => ({ reviewingBodyName: `Ban Tuyên giáo và Dân vận Tỉnh ủy (${++accountSeq})` }),
      allowed: (u) => can(u, 'manageReferenceData'),
    },
    ...['draft', 'approved'].map((status): Case => ({
      route: 'GET /quan-ly/mo-hinh/:id/nhan-rong',
      url: (id) => `/quan-ly/mo-hinh/${id}/nhan-rong?q=mo+hinh`,
      model: status,
      allowed: (u, m) => can(u, 'manageReplication', m),
    })),
    {
      route: 'POST /quan-ly/mo-hinh/:id/nhan-rong',
      url: (id) => `/quan-ly/mo-hinh/${id}/nhan-rong`,
      model: 'submitted',
      body: () => ({ sourceId: models.approved.id, note: 'Rút gọn các bước.' }),
      allowed: (u, m) => can(u, 'manageReplication', m),
    },
    {
      route: 'POST /quan-ly/mo-hinh/:id/nhan-rong/go',
      url: (id) => `/quan-ly/mo-hinh/${id}/nhan-rong/go`,
      model: 'approved',
      body: {},
      prepare: async (id) => {
        await database.db.execute(sql`insert into replications (source_model_id, replica_model_id, note)
          values (${models.approved.id}, ${id}, 'Gỡ thử.')`);
        return { sourceId: models.approved.id, replicaId: id, confirm: 'yes' };
      },
      allowed: (u, m) => can(u, 'manageReplication', m),
    },
    { route: 'GET /quan-ly/mo-hinh-goc', url: () => '/quan-ly/mo-hinh-goc?q=mo+hinh', allowed: (u) => !!u },
    { route: 'GET /tai-khoan/mat-khau', url: () => '/tai-khoan/mat-khau', allowed: (u) => !!u },
    {
      route: 'POST /tai-khoan/mat-khau',
      url: () => '/tai-khoan/mat-khau',
      body: { current: PASSWORD, password: 'mat-khau-moi-12345', confirm: 'mat-khau-moi-12345' },
      allowed: (u) => !!u,
    },
    { route: 'GET /quan-ly/tai-khoan', url: () => '/quan-ly/tai-khoan', allowed: (u) => can(u, 'manageAccounts') },
    {
      route: 'GET /quan-ly/tai-khoan/moi',
      url: () => '/quan-ly/tai-khoan/moi',
      allowed: (u) => can(u, 'manageAccounts'),
    },
    {
      route: 'POST /quan-ly/tai-khoan',
      url: () => '/quan-ly/tai-khoan',
      body: () => ({
        username: `moi.${++accountSeq}`,
        displayName: 'Cán bộ mới',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: models.draft.resource.communeCode,
      }),
      allowed: (u) => can(u, 'manageAccounts', ACCOUNT),
    },
    {
      route: 'GET /quan-ly/tai-khoan/:id',
      url: (id) => `/quan-ly/tai-khoan/${id}`,
      account: true,
      allowed: (u) => can(u, 'manageAccounts', ACCOUNT),
    },
    ...['dat-lai-mat-khau', 'khoa', 'mo-khoa', 'xa'].map((action): Case => ({
      route: `POST /quan-ly/tai-khoan/:id/${action}`,
      url: (id) => `/quan-ly/tai-khoan/${id}/${action}`,
      account: true,
      body: () => ({ communeCode: models.draft.resource.communeCode }),
      allowed: (u) => can(u, 'manageAccounts', ACCOUNT),
    })),
  ];

  const PUBLIC =
    /^(GET|POST) \/(login|logout)?$|^(GET|POST) \/lay-y-kien|^GET \/(mo-hinh|tinh|phong-trao|du-lieu-mo|thong-ke|static\/vendor\/)|^GET \/(models|fields|provinces|movements|stats|openapi\.json)|^GET \/$|^GET \/(healthz|readyz|favicon\.ico)$|^GET \/dat-mat-khau|^POST \/dat-mat-khau/;

  it('covers every internal route the app declares', () => {
    // Evidence file routes have their own matrix (evidence-permissions.test.ts).
    const internal = declaredRoutes(app).filter((r) => !PUBLIC.test(r) && !/\/tep\b/.test(r));
    const covered = new Set(CASES.map((c) => c.route));
    expect(
      internal.filter((r) => !covered.has(r)),
      'routes without a row in the matrix',
    ).to.deep.equal([]);
  });

  for (const c of CASES) {
    it(`${c.route}${c.model ? ` (${c.model})` : ''}${c.movement ? ` (${c.movement.level})` : ''}${typeof c.body === 'object' && c.body.action ? ` ${String(c.body.action)}` : ''}`, async () => {
      for (const who of WHO) {
        const agent = agents[who]!;
        // A state-changing request gets a fresh entry each time, so one success cannot change the next case.
        const model = c.account
          ? await freshAccount()
          : c.model && c.body
            ? await freshModel(c.model)
            : c.model
              ? models[c.model]
              : undefined;
        const code = c.movement ? await extras.freshMovement(c.movement) : undefined;
        const extra =
          c.extra === 'commendation' && model
            ? await extras.commendationOn(model.id)
            : c.extra === 'form'
              ? await extras.unusedForm()
              : c.extra === 'opinion' && model
                ? await extras.opinionOn(model.id)
                : c.extra === 'importJob'
                  ? await extras.importJob()
                  : '';
        const user = people[who];
        const expected = c.allowed(user, model?.resource);
        const prepared = c.prepare && model ? await c.prepare(model.id) : null;
        const before = await snapshot();
        let res;
        if (c.body) {
          const _csrf = csrfFrom((await agent.get('/login')).text) || csrfFrom((await agent.get('/dashboard')).text);
          const body = prepared ?? (typeof c.body === 'function' ? c.body() : c.body);
          res = await agent
            .post(c.url(model?.id ?? 0, code ?? extra))
            .type('form')
            .send({ ...body, _csrf });
        } else {
          res = await agent.get(c.url(model?.id ?? 0, code ?? extra));
        }
        const label = `${who} → ${c.route} ${c.model ?? ''}: ${res.status}`;
        if (expected) {
          expect(c.allowedStatuses ?? [200, 201, 303], label).to.include(res.status);
          if (res.status === 303) expect(res.headers.location, label).not.to.match(/^\/login/);
        } else {
          if (who === 'anonymous')
            expect(res.status === 303 && /^\/login/.test(res.headers.location), label).to.equal(true);
          else expect([403, 404], label).to.include(res.status);
          expect(await snapshot(), `${label} changed nothing`).to.equal(before);
        }
      }
    });
  }
});
