import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { Router } from 'express';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import type { Capability } from '../../src/http/capability.js';
import { CAPABILITIES } from '../../src/capabilities.js';
import { chooseLogFormat } from '../../src/web/logging.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../helpers/db.js';
import { capturedLog, testApp } from '../helpers/app.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';

const PHONE = '0912 345 678';
const EMAIL = 'lien.he@example.vn';
const CONTACT = 'Bà Nguyễn Thị Liên Hệ';
const HOLDER = 'Tổ Phụ nữ Xóm Bí Mật';
const LOGIN_EMAIL = 'ai.do@example.vn';
const WRONG_PASSWORD = 'sai-mat-khau-hoan-toan';

// A test-only capability: a query that fails in the database with a personal value among its
// parameters, and an unexpected error.
const failing = (ctx: Parameters<NonNullable<Capability['middleware']>>[0]) =>
  Router()
    .get('/thu-loi/truy-van', async () => {
      await ctx.db.execute(sql`select id from users where username = ${LOGIN_EMAIL} and no_such_column = 1`);
    })
    .get('/thu-loi/bat-ngo', () => {
      throw new Error('unexpected');
    });
const FAILING: Capability = { name: 'failing', pages: (ctx) => [failing(ctx)] };

const FORM = {
  type: 'collective',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  title: 'Làng Mới hiến đất làm đường',
  summary: '42 hộ hiến 1.600 m² đất để mở rộng 1,2 km đường liên xóm.',
  situation: 'Đường nhỏ.',
  goals: 'Mở rộng đường.',
  beneficiaries: '180 hộ.',
  activities: 'Họp dân.',
  leadBodies: 'Chi bộ thôn',
  partnerBodies: '',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: '',
  results: '1,2 km đường.',
  sustainability: 'Duy tu hằng năm.',
  holderName: HOLDER,
  holderRole: 'Tập thể',
  contactName: CONTACT,
  contactPhone: PHONE,
  contactEmail: EMAIL,
  indicatorName: 'Đất hiến',
  indicatorValue: '1600',
  indicatorUnit: 'm²',
  checkedSimilar: '1',
};

describe('the request log: request ids, and no SQL or personal data', () => {
  let database: Database;
  let people: People;
  const log = capturedLog('info');
  let app: ReturnType<typeof testApp>;

  before(async () => {
    database = await freshDatabase();
    app = testApp(database, {}, { logger: log.logger, capabilities: [...CAPABILITIES, FAILING] });
    people = await signInPeople(database, app);
  });
  after(async () => {
    await database.close();
  });

  const linesOf = (id: string) => log.lines().filter((l) => l.reqId === id);
  const settle = () => new Promise((r) => setImmediate(r));

  it('keeps a short plain X-Request-Id, replaces any other, sends it back and puts it on every line', async () => {
    const kept = await request(app).get('/').set('X-Request-Id', 'proxy-42.a_b');
    expect(kept.headers['x-request-id']).to.equal('proxy-42.a_b');
    for (const bad of ['x'.repeat(65), 'a b', 'id"<script>', 'tên']) {
      const res = await request(app).get('/').set('X-Request-Id', bad);
      expect(res.headers['x-request-id'], bad).to.match(/^[0-9a-f-]{36}$/);
    }
    await settle();
    expect(linesOf('proxy-42.a_b')).to.have.length(1);
    for (const line of log.lines().filter((l) => l.req)) expect(line.reqId, JSON.stringify(line)).to.be.a('string');
  });

  it('shows the request id on a 500 page, and logs the failure under it without the SQL or its values', async () => {
    for (const path of ['/thu-loi/truy-van', '/thu-loi/bat-ngo']) {
      const res = await request(app).get(path);
      expect(res.status, path).to.equal(500);
      const id = String(res.headers['x-request-id']);
      expect(res.text).to.contain(`Mã yêu cầu: <code>${id}</code>`);
      await settle();
      const lines = linesOf(id);
      expect(lines.map((l) => l.msg)).to.include('request failed');
      for (const l of lines) expect(l.reqId).to.equal(id);
    }
    const failed = log.lines().find((l) => l.msg === 'request failed' && JSON.stringify(l).includes('42703'));
    expect(failed, 'the SQLSTATE of the failed query is logged').not.to.equal(undefined);
  });

  it('logs a registration that the database refuses without the form, the SQL or its values', async () => {
    // The refusal quotes a value, as a unique violation's detail does.
    await database.db.execute(sql`create or replace function test_refuse_model() returns trigger language plpgsql as $$
      begin raise exception 'refused %', new.contact_phone using errcode = '23505', detail = new.contact_email; end $$`);
    await database.db.execute(sql`create trigger test_refuse_model before insert on models
      for each row execute function test_refuse_model()`);
    try {
      const agent = people.agents.cadre;
      const _csrf = csrfFrom((await agent.get('/quan-ly/mo-hinh/moi')).text);
      const res = await agent
        .post('/quan-ly/mo-hinh')
        .type('form')
        .send({ ...FORM, _csrf });
      expect(res.status).to.be.at.least(400);
      expect(res.text).not.to.contain(PHONE);
    } finally {
      await database.db.execute(sql`drop trigger test_refuse_model on models`);
    }
  });

  it('logs a failed sign-in with an e-mail as username without the username or the password', async () => {
    const form = await request(app).get('/login');
    const cookie = String(form.headers['set-cookie']).split(';')[0];
    const res = await request(app)
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: LOGIN_EMAIL, password: WRONG_PASSWORD });
    expect(res.status).to.equal(401);
    await settle();
    expect(log.text()).not.to.contain(cookie.split('=')[1]);
  });

  it('holds none of the SQL, parameters, contact details, passwords or cookies', async () => {
    await settle();
    const text = log.text();
    expect(text.length).to.be.greaterThan(1000);
    expect(text).not.to.match(/\bselect\s/i);
    expect(text).not.to.match(/insert into/i);
    expect(text).not.to.contain('Failed query');
    expect(text).not.to.contain('no_such_column');
    for (const secret of [PHONE, EMAIL, CONTACT, HOLDER, LOGIN_EMAIL, WRONG_PASSWORD, 'mat-khau-dung-10', 's%3A'])
      expect(text, secret).not.to.contain(secret);
    expect(text).not.to.match(/dvk\.sid/i);
  });
});

describe('LOG_FORMAT', () => {
  it('is pretty on a terminal and JSON otherwise unless forced', () => {
    expect(chooseLogFormat('auto', true)).to.equal('pretty');
    expect(chooseLogFormat('auto', false)).to.equal('json');
    expect(chooseLogFormat('json', true)).to.equal('json');
    expect(chooseLogFormat('pretty', false)).to.equal('pretty');
  });

  const logOnce = (format: string) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { createLogger } = await import('./src/web/logging.ts');
         const logger = createLogger({ logLevel: 'info', logFormat: process.env.LOG_FORMAT });
         logger.info({ models: 3 }, 'demo data loaded');
         logger.error({ err: new Error('broken') }, 'request failed');`,
      ],
      { cwd: projectRoot, env: { ...process.env, LOG_FORMAT: format }, encoding: 'utf8', timeout: 20000 },
    ).stdout;

  it('writes one readable line with the local time for pretty, one JSON object for json', function () {
    this.timeout(45000);
    const pretty = logOnce('pretty').trim().split('\n');
    expect(pretty).to.have.length(2);
    expect(pretty[0]).to.match(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] .*INFO.*demo data loaded.*models.*3/);
    expect(pretty[1]).to.match(/ERROR.*request failed.*broken/);
    const [info, error] = logOnce('json')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(info).to.include({ msg: 'demo data loaded', models: 3, level: 30 });
    expect(error.err).to.include({ type: 'Error', message: 'broken' });
  });
});
