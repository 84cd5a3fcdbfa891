import zlib from 'node:zlib';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { freshDatabase, serverUrl } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';
import { pageCache } from '../../src/web/page-cache.js';

const PASSWORD = 'mat-khau-dung-10';
const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
// One listening server per app: the cache keys on the Host header, which carries the port.
type App = Server;
const serve = (database: Database): App => testApp(database).listen(0, '127.0.0.1');
const closeServer = (server: App) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** The bytes as sent, without the client decoding them. */
function rawGet(
  server: Server,
  path: string,
  encoding: string,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Every public answer the cache keeps, each showing Thái Nguyên's approved models. */
const CACHED = [
  '/',
  '/mo-hinh?province=19',
  '/mo-hinh?q=hien+dat',
  '/tinh/19',
  '/api/v1/models?province=19',
  '/api/v1/stats?by=province',
];

describe('public response cache', () => {
  let database: Database;
  let app: App;

  before(async () => {
    database = await freshDatabase();
    app = serve(database);
    await insertModel(database, { title: 'Dân vận khéo trong hiến đất mở đường', provinceCode: '19', year: 2023 });
    await database.db.insert(users).values([
      {
        username: 'tinh',
        displayName: 'Thẩm định Thái Nguyên',
        role: 'province_reviewer',
        provinceCode: '19',
        passwordHash: await hashPassword(PASSWORD),
      },
    ]);
  });
  after(async () => {
    await closeServer(app);
    await database.close();
  });

  async function login(on: App, username: string) {
    const agent = request.agent(on);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    expect((await agent.post('/login').type('form').send({ _csrf, username, password: PASSWORD })).status).to.equal(
      303,
    );
    return agent;
  }

  /** Approves a submitted model through the review page, as the province reviewer. */
  async function approve(on: App, title: string): Promise<number> {
    const { id } = await insertModel(database, { title, provinceCode: '19', status: 'submitted' });
    const [{ version }] = await queryRows<{ version: number }>(
      database.db,
      sql`select version from models where id = ${id}`,
    );
    const reviewer = await login(on, 'tinh');
    const _csrf = csrfFrom((await reviewer.get(`/quan-ly/mo-hinh/${id}`)).text);
    const res = await reviewer
      .post(`/quan-ly/mo-hinh/${id}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'approve', version, year: 2025, level: 'province', grade: 'tot' });
    expect(res.status).to.equal(303);
    return id;
  }

  async function warm(on: App) {
    for (const url of CACHED) {
      await request(on).get(url);
      const again = await request(on).get(url);
      expect(again.headers['x-cache'], url).to.equal('hit');
    }
  }

  async function expectEverywhere(on: App, title: string, present: boolean) {
    for (const url of CACHED) {
      const res = await request(on).get(url);
      expect(res.status, url).to.equal(200);
      if (url.startsWith('/api/v1/stats')) {
        const thaiNguyen = (res.body as { key: string; count: number }[]).find((r) => r.key === '19')!;
        const [{ n }] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from models where province_code = '19' and status = 'approved'`,
        );
        expect(thaiNguyen.count, url).to.equal(n);
      } else {
        // The words searched for are marked: the rest of the title is what shows as typed.
        const words = title.replace(/^.*hiến đất /, '');
        expect(res.text.includes(words), `${url} shows “${title}”`).to.equal(present);
      }
    }
  }

  it('answers a repeated anonymous request from the cache with the same bytes and headers', async () => {
    const first = await request(app).get('/mo-hinh?province=19&field=kinh-te');
    expect(first.headers['x-cache']).to.equal('miss');
    const second = await request(app).get('/mo-hinh?province=19&field=kinh-te');
    expect(second.headers['x-cache']).to.equal('hit');
    expect(second.text).to.equal(first.text);
    for (const h of ['content-type', 'etag', 'content-security-policy', 'x-content-type-options'])
      expect(second.headers[h], h).to.equal(first.headers[h]);
    expect(second.headers.vary).to.match(/Accept-Encoding/);

    const notModified = await request(app)
      .get('/mo-hinh?province=19&field=kinh-te')
      .set('If-None-Match', first.headers.etag);
    expect(notModified.status).to.equal(304);

    const head = await request(app).head('/mo-hinh?province=19&field=kinh-te');
    expect(head.headers['x-cache']).to.equal('hit');
    expect(Number(head.headers['content-length'])).to.equal(Buffer.byteLength(first.text));

    const gz = await rawGet(app, '/mo-hinh?province=19&field=kinh-te', 'gzip');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).to.equal(first.text);
    const br = await rawGet(app, '/mo-hinh?province=19&field=kinh-te', 'br');
    expect(br.headers['content-encoding']).to.equal('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).to.equal(first.text);

    const api = await request(app).get('/api/v1/models?province=19');
    const apiAgain = await request(app).get('/api/v1/models?province=19');
    expect(apiAgain.headers['x-cache']).to.equal('hit');
    expect(apiAgain.body).to.deep.equal(api.body);
    expect(apiAgain.headers['access-control-allow-origin']).to.equal('*');
    expect(apiAgain.headers['content-type']).to.match(/application\/json/);
  });

  it('shows a model approved through the workflow at once, on every cached page', async () => {
    await warm(app);
    const title = 'Tổ hòa giải hiến đất làm nhà văn hóa';
    await expectEverywhere(app, title, false);
    await approve(app, title);
    await expectEverywhere(app, title, true);
  });

  it('shows a model written through another instance on the same database at once', async () => {
    // On a server, the other instance has its own connections; the embedded database has one client.
    const other: Database = serverUrl
      ? await openDatabase({ databaseUrl: (database.client as pg.Pool).options.connectionString!, poolSize: 2 })
      : database;
    try {
      const otherApp = serve(other);
      await warm(app);
      const title = 'Câu lạc bộ hiến đất của thôn Đồng Tâm';
      const id = await approve(otherApp, title);
      await expectEverywhere(app, title, true);

      await warm(app);
      const reviewer = await login(otherApp, 'tinh');
      const _csrf = csrfFrom((await reviewer.get(`/quan-ly/mo-hinh/${id}`)).text);
      const [{ version }] = await queryRows<{ version: number }>(
        other.db,
        sql`select version from models where id = ${id}`,
      );
      const withdrawn = await reviewer
        .post(`/quan-ly/mo-hinh/${id}/thao-tac`)
        .type('form')
        .send({ _csrf, action: 'withdraw', version, comment: 'Kết quả không được duy trì.', confirm: 'yes' });
      expect(withdrawn.status).to.equal(303);
      await expectEverywhere(app, title, false);
      await closeServer(otherApp);
    } finally {
      if (other !== database) await other.close();
    }
  });

  it('never answers a signed-in user from the cache, nor keeps what a signed-in user sees', async () => {
    await request(app).get('/mo-hinh?province=19');
    expect((await request(app).get('/mo-hinh?province=19')).headers['x-cache']).to.equal('hit');
    const reviewer = await login(app, 'tinh');
    const signedIn = await reviewer.get('/mo-hinh?province=19');
    expect(signedIn.headers['x-cache']).to.equal(undefined);
    expect(signedIn.text).to.contain('Đăng xuất');

    const first = await reviewer.get('/mo-hinh?province=19&type=collective');
    expect(first.text).to.contain('Đăng xuất');
    const anonymous = await request(app).get('/mo-hinh?province=19&type=collective');
    expect(anonymous.headers['x-cache']).to.equal('miss');
    expect(anonymous.text).to.contain('Đăng nhập').and.not.contain('Đăng xuất');
  });

  it("keeps only the catalogue's public answers, and only successful ones without a cookie", async () => {
    const [{ slug }] = await queryRows<{ slug: string }>(
      database.db,
      sql`select slug from models where status = 'approved' limit 1`,
    );
    for (const url of [`/mo-hinh/${slug}`, '/login', '/api/v1/models/1', '/api/v1/fields']) {
      await request(app).get(url);
      expect((await request(app).get(url)).headers['x-cache'], url).to.equal(undefined);
    }
    // The login page starts a session (its form carries a CSRF token): never kept.
    expect((await request(app).get('/login')).headers['set-cookie']).to.not.equal(undefined);
    for (const url of ['/mo-hinh?year=abc', '/api/v1/models?nope=1', '/tinh/99']) {
      const first = await request(app).get(url);
      expect(first.status, url).to.be.within(400, 404);
      expect((await request(app).get(url)).headers['x-cache'], url).to.equal('miss');
    }
  });

  it('answers a request for a fresh copy (a hard reload) from the route', async () => {
    await request(app).get('/mo-hinh?sort=title');
    const reload = await request(app).get('/mo-hinh?sort=title').set('Cache-Control', 'no-cache');
    expect(reload.headers['x-cache']).to.equal('miss');
    expect((await request(app).get('/mo-hinh?sort=title')).headers['x-cache']).to.equal('hit');
  });
});

describe('the response cache middleware', () => {
  let server: Server;
  let renders = 0;
  before(() => {
    const app = express();
    app.use(pageCache({ version: () => Promise.resolve(1), sessionCookie: 'dvk.sid', rules: [{ path: /^\/p\// }] }));
    app.get('/p/cookie', (_req, res) => {
      renders++;
      res.cookie('seen', '1').send('<p>cookie</p>');
    });
    app.get('/p/private', (_req, res) => {
      renders++;
      res.set('Cache-Control', 'private').send('<p>private</p>');
    });
    app.get('/p/plain', (_req, res) => {
      renders++;
      res.send('<p>plain</p>');
    });
    server = app.listen(0, '127.0.0.1');
  });
  after(() => closeServer(server));

  async function rendersFor(url: string, cookie?: string): Promise<number> {
    const before = renders;
    for (let i = 0; i < 3; i++) {
      const req = request(server).get(url);
      expect((await (cookie ? req.set('Cookie', cookie) : req)).status).to.equal(200);
    }
    return renders - before;
  }

  it('never keeps a response that sets a cookie or is private', async () => {
    expect(await rendersFor('/p/cookie')).to.equal(3);
    expect(await rendersFor('/p/private')).to.equal(3);
    expect(await rendersFor('/p/plain')).to.equal(1);
  });

  it('passes a request carrying the session cookie straight to the route', async () => {
    expect(await rendersFor('/p/plain', 'dvk.sid=s%3Aabc')).to.equal(3);
    expect(await rendersFor('/p/plain', 'theme=dark')).to.equal(0);
  });
});
