import request from 'supertest';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { findUserById, type SessionUser } from '../../src/accounts/users.js';

export const PASSWORD = 'mat-khau-dung-10';
export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export type Who =
  | 'anonymous'
  | 'cadre'
  | 'cadreOtherCommune'
  | 'cadreOtherProvince'
  | 'reviewer'
  | 'reviewerOtherProvince'
  | 'provinceAdmin'
  | 'centralAdmin';
export const WHO: Who[] = [
  'anonymous',
  'cadre',
  'cadreOtherCommune',
  'cadreOtherProvince',
  'reviewer',
  'reviewerOtherProvince',
  'provinceAdmin',
  'centralAdmin',
];

export interface People {
  users: Partial<Record<Who, SessionUser>>;
  agents: Record<Who, ReturnType<typeof request.agent>>;
  /** The cadre's commune in Thái Nguyên ('19'); reviewers of '19' and of Hà Tĩnh ('42'). */
  commune: string;
}

/** One signed-in agent per kind of user, the way the authorization tests see the world. */
export async function signInPeople(database: Database, app: express.Express): Promise<People> {
  const [a, b] = await queryRows<{ code: string }>(
    database.db,
    sql`select code from communes where province_code = '19' order by code limit 2`,
  );
  const [h] = await queryRows<{ code: string }>(
    database.db,
    sql`select code from communes where province_code = '42' order by code limit 1`,
  );
  const passwordHash = await hashPassword(PASSWORD);
  const rows = await database.db
    .insert(users)
    .values([
      {
        username: 'cadre',
        displayName: 'A',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: a.code,
        passwordHash,
      },
      {
        username: 'cadreOtherCommune',
        displayName: 'B',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: b.code,
        passwordHash,
      },
      {
        username: 'cadreOtherProvince',
        displayName: 'C',
        role: 'commune_cadre',
        provinceCode: '42',
        communeCode: h.code,
        passwordHash,
      },
      { username: 'reviewer', displayName: 'D', role: 'province_reviewer', provinceCode: '19', passwordHash },
      {
        username: 'reviewerOtherProvince',
        displayName: 'E',
        role: 'province_reviewer',
        provinceCode: '42',
        passwordHash,
      },
      { username: 'provinceAdmin', displayName: 'F', role: 'province_admin', provinceCode: '19', passwordHash },
      { username: 'centralAdmin', displayName: 'G', role: 'central_admin', passwordHash },
    ])
    .returning();
  const people: People = { users: {}, agents: { anonymous: request.agent(app) } as People['agents'], commune: a.code };
  for (const r of rows) {
    people.users[r.username as Who] = (await findUserById(database.db, r.id))!;
    const agent = request.agent(app);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf, username: r.username, password: PASSWORD });
    people.agents[r.username as Who] = agent;
  }
  return people;
}

/** A CSRF token of the agent's session (from any page with a form). */
export async function tokenOf(agent: ReturnType<typeof request.agent>): Promise<string> {
  return csrfFrom((await agent.get('/login')).text) || csrfFrom((await agent.get('/dashboard')).text);
}

/** Posts files the way the upload form does: multipart, with the token in the URL. */
export async function upload(
  agent: ReturnType<typeof request.agent>,
  modelId: number,
  files: [string, Buffer][],
  fields: Record<string, string> = {},
) {
  const token = await tokenOf(agent);
  let req = agent.post(`/quan-ly/mo-hinh/${modelId}/tep?_csrf=${encodeURIComponent(token)}`);
  // The browser's form always sends multipart, even with no file chosen.
  for (const [k, v] of Object.entries({ visibility: 'public', ...fields })) req = req.field(k, v);
  for (const [name, buf] of files)
    req = req.attach('files', buf, { filename: name, contentType: 'application/octet-stream' });
  return req;
}

/** A multipart upload built byte by byte, for file names that form libraries would clean up before sending. */
export async function rawUpload(
  agent: ReturnType<typeof request.agent>,
  modelId: number,
  filename: string,
  content: Buffer,
  encoded = false,
) {
  const token = await tokenOf(agent);
  const boundary = 'dvk-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; ${encoded ? `filename*=UTF-8''${encodeURIComponent(filename)}` : `filename="${filename}"`}\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return agent
    .post(`/quan-ly/mo-hinh/${modelId}/tep?_csrf=${encodeURIComponent(token)}`)
    .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
    .send(body);
}

/** Every route the app declares, found by walking Express's router, so that a new route cannot escape the matrix. */
export function declaredRoutes(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (
    stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[],
  ) => {
    for (const layer of stack) {
      if (layer.route)
        for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack as never);
    }
  };
  walk((app as unknown as { router: { stack: never[] } }).router.stack);
  return out;
}
