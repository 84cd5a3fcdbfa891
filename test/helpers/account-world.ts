import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { freshDatabase } from './db.js';
import { testApp } from './app.js';
import { PASSWORD } from './people.js';

export const NEW_PASSWORD = 'mot cau that de nho';
type Agent = ReturnType<typeof request.agent>;

/**
 * The form's CSRF token. Unlike people.ts's csrfFrom it throws when the page has none, so a 403 in these tests
 * cannot come from a token that was never sent.
 */
export function csrfFrom(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}
/** The one-time token of the set-password link shown on a page. */
export function linkFrom(html: string): string {
  return /\/dat-mat-khau\/([A-Za-z0-9_-]{43})/.exec(html)![1];
}

/**
 * The world of the account-administration tests, in a database of its own: a central admin (tw.admin), Thái
 * Nguyên's admin, reviewer and commune cadre (tinh.admin, tinh.thamdinh, xa.canbo), Hà Tĩnh's reviewer and admin
 * (hatinh.thamdinh, hatinh.admin), all with PASSWORD. Call it inside a describe: it registers the before/after hooks
 * there, and the getters answer once the before hook has run.
 */
export function accountWorld() {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};
  let commune19: string;
  let otherCommune19: string;
  let commune42: string;

  const userRow = async (username: string) =>
    (
      await queryRows<Record<string, unknown>>(
        database.db,
        sql`select id, username, display_name, role, province_code, commune_code, disabled,
      password_hash, password_changed_at, created_by from users where username = ${username}`,
      )
    )[0];
  const userCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`))[0].n;
  const tokenRows = async (userId: number) =>
    queryRows<{ token_hash: string; used_at: unknown; expired: boolean }>(
      database.db,
      sql`select token_hash, used_at, expires_at <= now() as expired from password_tokens where user_id = ${userId} order by created_at`,
    );

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const communes = await queryRows<{ code: string; province_code: string }>(
      database.db,
      sql`(select code, province_code from communes where province_code = '19' order by code limit 2)
        union all (select code, province_code from communes where province_code = '42' order by code limit 1)`,
    );
    [commune19, otherCommune19, commune42] = communes.map((c) => c.code);
    const passwordHash = await hashPassword(PASSWORD);
    const rows = await database.db
      .insert(users)
      .values([
        { username: 'tw.admin', displayName: 'Quản trị Trung ương', role: 'central_admin', passwordHash },
        {
          username: 'tinh.admin',
          displayName: 'Quản trị Thái Nguyên',
          role: 'province_admin',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'tinh.thamdinh',
          displayName: 'Thẩm định Thái Nguyên',
          role: 'province_reviewer',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'xa.canbo',
          displayName: 'Cán bộ xã',
          role: 'commune_cadre',
          provinceCode: '19',
          communeCode: commune19,
          passwordHash,
        },
        {
          username: 'hatinh.thamdinh',
          displayName: 'Thẩm định Hà Tĩnh',
          role: 'province_reviewer',
          provinceCode: '42',
          passwordHash,
        },
        {
          username: 'hatinh.admin',
          displayName: 'Quản trị Hà Tĩnh',
          role: 'province_admin',
          provinceCode: '42',
          passwordHash,
        },
      ])
      .returning({ id: users.id, username: users.username });
    for (const r of rows) ids[r.username] = r.id;
  });
  after(async () => {
    await database.close();
  });

  /** The token is fetched first: the agent attaches its cookies when a request is created. */
  async function login(username: string, password = PASSWORD, agent: Agent = request.agent(app)): Promise<Agent> {
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password });
    expect(res.status, `login ${username}`).to.equal(303);
    return agent;
  }
  async function post(agent: Agent, url: string, form: Record<string, string> = {}) {
    const _csrf = csrfFrom((await agent.get('/dashboard')).text);
    return agent
      .post(url)
      .type('form')
      .send({ _csrf, ...form });
  }
  async function createAccount(agent: Agent, form: Record<string, string>) {
    const res = await post(agent, '/quan-ly/tai-khoan', form);
    // A created account's page shows its set-password link once, after the redirect.
    if (res.status !== 303) return { res, page: null, token: null };
    const page = await agent.get(res.headers.location);
    return { res, page, token: linkFrom(page.text) };
  }
  async function setPassword(token: string, password: string, confirm = password) {
    const agent = request.agent(app);
    const page = await agent.get(`/dat-mat-khau/${token}`);
    if (page.status !== 200) return page;
    return agent
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), password, confirm });
  }
  async function tryLogin(username: string, password: string) {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password });
  }

  return {
    get database() {
      return database;
    },
    get app() {
      return app;
    },
    /** Two communes of Thái Nguyên ('19') and one of Hà Tĩnh ('42'). */
    get commune19() {
      return commune19;
    },
    get otherCommune19() {
      return otherCommune19;
    },
    get commune42() {
      return commune42;
    },
    ids,
    userRow,
    userCount,
    tokenRows,
    login,
    post,
    createAccount,
    setPassword,
    tryLogin,
  };
}
