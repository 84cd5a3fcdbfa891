// A world for the consultation tests: signed-in people (test/helpers/people.ts), an app behind one trusted
// proxy (so each test picks its client address with X-Forwarded-For), and entries put under consultation
// through the reviewer's own form.
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from './db.js';
import { testApp } from './app.js';
import { insertModel, type ModelFixture } from './fixtures.js';
import { csrfFrom, signInPeople, type People } from './people.js';

export const SECRET_PHONE = '0987 654 321';
export const SECRET_EMAIL = 'bi-mat.lien-he@example.vn';

export interface ConsultationWorld {
  database: Database;
  app: ReturnType<typeof testApp>;
  people: People;
}

export async function consultationWorld(): Promise<ConsultationWorld> {
  const database = await freshDatabase();
  const app = testApp(database, { TRUST_PROXY: '1' });
  const people = await signInPeople(database, app);
  return { database, app, people };
}

/** A submitted entry of the cadre's commune, its story complete, with contact details that must never leak. */
export async function submittedEntry(w: ConsultationWorld, f: Partial<ModelFixture> = {}) {
  const m = await insertModel(w.database, {
    title: `Mô hình lấy ý kiến ${Math.random().toString(36).slice(2, 8)}`,
    status: 'submitted',
    provinceCode: '19',
    communeCode: w.people.commune,
    contactPhone: SECRET_PHONE,
    contactEmail: SECRET_EMAIL,
    ...f,
  });
  await w.database.db.execute(sql`update models set situation = 'Thực trạng.', goals = 'Mục tiêu.',
    beneficiaries = 'Đối tượng.', activities = 'Cách làm.', lead_bodies = 'Chi bộ.', results = 'Kết quả.',
    sustainability = 'Duy trì.' where id = ${m.id}`);
  return m;
}

export const versionOf = async (w: ConsultationWorld, id: number) =>
  (await queryRows<{ version: number }>(w.database.db, sql`select version from models where id = ${id}`))[0].version;

/** Posts a workflow step from the entry page's form, as the given agent. */
export async function step(
  w: ConsultationWorld,
  agent: ReturnType<typeof request.agent>,
  id: number,
  fields: Record<string, unknown>,
) {
  const _csrf = csrfFrom((await agent.get('/dashboard')).text);
  return agent
    .post(`/quan-ly/mo-hinh/${id}/thao-tac`)
    .type('form')
    .send({ _csrf, version: await versionOf(w, id), ...fields });
}

/** Opens a consultation as the province's reviewer and checks it opened. */
export async function openConsultation(w: ConsultationWorld, id: number, days = 10) {
  const res = await step(w, w.people.agents.reviewer, id, { action: 'consult', periodDays: String(days) });
  expect(res.status, res.text.slice(0, 300)).to.equal(303);
}

let addressSeq = 0;
/** A client address not used before in the run. */
export const freshAddress = () => `203.0.113.${++addressSeq}`;

/** Sends the public opinion form from `address`, with a CSRF token of the agent's session. */
export async function sendOpinion(
  w: ConsultationWorld,
  id: number,
  fields: Record<string, string>,
  o: { address?: string; agent?: ReturnType<typeof request.agent> } = {},
) {
  const agent = o.agent ?? request.agent(w.app);
  const address = o.address ?? freshAddress();
  // The login form always carries a token of the session, whatever the consultation's state.
  const _csrf = csrfFrom((await agent.get('/login').set('X-Forwarded-For', address)).text);
  return agent
    .post(`/lay-y-kien/${id}`)
    .set('X-Forwarded-For', address)
    .type('form')
    .send({ _csrf, stance: 'agree', body: 'Mô hình thiết thực, bà con trong thôn đều ủng hộ.', ...fields });
}

export const count = async (w: ConsultationWorld, table: 'opinions' | 'consultations' | 'notifications') =>
  (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;
