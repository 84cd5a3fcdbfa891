// Two real app processes on one PostgreSQL database and one object store (s3rver), each with its own
// upload folder: whatever one does, the other sees at once.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { startServer, stopServer, type Started } from '../helpers/processes.js';
import { freshBucket } from '../helpers/s3.js';
import { png } from '../helpers/sample-files.js';

const PASSWORD = 'mat-khau-dung-10';
const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A browser in miniature: one cookie jar, any instance. */
class Browser {
  private cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request(url, { headers });
  }

  async token(url: string): Promise<string> {
    return csrfFrom(await (await this.get(url)).text());
  }

  post(url: string, form: Record<string, string | number>) {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString(),
    });
  }

  async login(base: string, username: string, password = PASSWORD): Promise<Response> {
    const _csrf = await this.token(`${base}/login`);
    return this.post(`${base}/login`, { _csrf, username, password });
  }
}

const FORM = {
  type: 'collective',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  summary: '42 hộ hiến 1.600 m² đất để mở rộng 1,2 km đường liên xóm.',
  situation: 'Đường nhỏ, xe cứu thương không vào được.',
  goals: 'Mở rộng đường lên 5 m.',
  beneficiaries: '180 hộ của thôn.',
  activities: 'Chi bộ họp dân, đảng viên hiến đất trước.',
  leadBodies: 'Chi bộ thôn',
  partnerBodies: '',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: 'Nhân dân góp 120 triệu đồng.',
  results: '1,2 km đường rộng 5 m.',
  sustainability: 'Tổ tự quản duy tu hằng năm.',
  holderName: 'Nhân dân thôn',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 123 456',
  contactEmail: '',
  indicatorName: 'Đất hiến',
  indicatorValue: '1600',
  indicatorUnit: 'm²',
};

describe('two app instances on one PostgreSQL database and one object store (PostgreSQL only)', function () {
  this.timeout(180000);
  let dir: string;
  let a: Started;
  let b: Started;
  let database: Database;

  before(async function () {
    if (!serverUrl) {
      console.log('      skipped: needs TEST_DATABASE_URL (the embedded PGlite database serves one process only)');
      return this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-two-'));
    const url = databaseUrl(await createEmptyServerDatabase());
    const bucket = await freshBucket();
    const env = (name: string) => ({
      DATABASE_URL: url,
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      SEED_DEMO: 'false',
      // Each its own folder: nothing but the database and the bucket is shared.
      UPLOAD_DIR: path.join(dir, name),
      ...bucket.env,
    });
    // Started together, as a deployment does: the start-up lock lets one of them migrate.
    [a, b] = await Promise.all([startServer(env('a')), startServer(env('b'))]);
    database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    const passwordHash = await hashPassword(PASSWORD);
    await database.db.insert(users).values([
      {
        username: 'xa',
        displayName: 'Cán bộ xã',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: commune.code,
        passwordHash,
      },
      { username: 'tinh', displayName: 'Thẩm định', role: 'province_reviewer', provinceCode: '19', passwordHash },
      { username: 'doan', displayName: 'Người bị đoán', role: 'province_reviewer', provinceCode: '19', passwordHash },
    ]);
  });
  after(async () => {
    await database?.close();
    await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s, 'SIGTERM')));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cadre = new Browser();
  const reviewer = new Browser();
  const versionOf = async (id: number) =>
    (await queryRows<{ version: number }>(database.db, sql`select version from models where id = ${id}`))[0].version;

  /** A draft registered by the cadre on `base`; its id. */
  async function register(base: string, title: string): Promise<number> {
    const _csrf = await cadre.token(`${base}/quan-ly/mo-hinh/moi`);
    const res = await cadre.post(`${base}/quan-ly/mo-hinh`, { ...FORM, title, _csrf, intent: 'save' });
    expect(res.status, await res.text()).to.equal(303);
    return Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.get('location')!)![1]);
  }
  async function act(who: Browser, base: string, id: number, form: Record<string, string | number>) {
    const _csrf = await who.token(`${base}/quan-ly/mo-hinh/${id}`);
    const res = await who.post(`${base}/quan-ly/mo-hinh/${id}/thao-tac`, {
      _csrf,
      version: await versionOf(id),
      ...form,
    });
    expect(res.status, (await res.text()).slice(0, 400)).to.equal(303);
  }
  const approve = { action: 'approve', year: 2025, level: 'province', grade: 'tot' };

  let modelId: number;
  let fileId: number;
  const image = png(64, 48);

  it('keeps a session made on A valid on B', async () => {
    for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status, 'ready with the bucket').to.equal(200);
    expect((await cadre.login(a.url, 'xa')).status).to.equal(303);
    const onB = await cadre.get(`${b.url}/quan-ly/mo-hinh/moi`);
    expect(onB.status).to.equal(200);
    expect(await onB.text()).to.contain('name="title"');
  });

  it('serves through B the file uploaded through A, with byte ranges, and keeps none on either disk', async () => {
    modelId = await register(a.url, 'Mô hình hai máy chủ: đường liên xóm');
    const page = await (await cadre.get(`${a.url}/quan-ly/mo-hinh/${modelId}/tep`)).text();
    const action = /action="(\/quan-ly\/mo-hinh\/\d+\/tep\?_csrf=[^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    const form = new FormData();
    form.append('caption', 'Ảnh con đường');
    form.append('visibility', 'public');
    form.append('files', new Blob([await image]), 'duong.png');
    const up = await cadre.request(`${a.url}${action}`, { method: 'POST', body: form });
    expect(up.status, (await up.text()).slice(0, 400)).to.equal(303);
    [{ id: fileId }] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from evidence_files where model_id = ${modelId}`,
    );
    const whole = await cadre.get(`${b.url}/tep/${fileId}/tai-ve`);
    expect(whole.status).to.equal(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.equals(await image)).to.equal(true);
    const part = await cadre.get(`${b.url}/tep/${fileId}/tai-ve`, { range: 'bytes=10-29' });
    expect(part.status).to.equal(206);
    expect(part.headers.get('content-range')).to.equal(`bytes 10-29/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 30))).to.equal(true);
    const thumb = await cadre.get(`${b.url}/tep/${fileId}/anh-nho`);
    expect(thumb.status).to.equal(200);
    expect(thumb.headers.get('content-type')).to.equal('image/webp');
    const onDisk = ['a', 'b'].flatMap((n) =>
      fs.existsSync(path.join(dir, n, 'files')) ? (fs.readdirSync(path.join(dir, n, 'files')) as string[]) : [],
    );
    expect(onDisk, 'evidence files on a local disk').to.deep.equal([]);
  });

  it('approves through B a model registered and submitted through A', async () => {
    await act(cadre, a.url, modelId, { action: 'submit' });
    expect((await reviewer.login(b.url, 'tinh')).status).to.equal(303);
    await act(reviewer, b.url, modelId, approve);
    const [row] = await queryRows<{ status: string }>(
      database.db,
      sql`select status from models where id = ${modelId}`,
    );
    expect(row.status).to.equal('approved');
    const onA = (await (await fetch(`${a.url}/api/v1/models?limit=100`)).json()) as { items: { title: string }[] };
    expect(JSON.stringify(onA)).to.contain('Mô hình hai máy chủ');
  });

  it("shows A's approval in B's response cache at once", async () => {
    const second = await register(a.url, 'Mô hình thứ hai: tổ tự quản');
    await act(cadre, a.url, second, { action: 'submit' });
    const list = `${b.url}/api/v1/models?limit=100`;
    await fetch(list);
    const cached = await fetch(list);
    expect(cached.headers.get('x-cache'), 'B keeps the list').to.equal('hit');
    expect(await cached.text()).not.to.contain('Mô hình thứ hai');
    const onA = new Browser();
    await onA.login(a.url, 'tinh');
    await act(onA, a.url, second, approve);
    const after = await fetch(list);
    expect(after.headers.get('x-cache')).to.equal('miss');
    expect(await after.text()).to.contain('Mô hình thứ hai');
  });

  it('counts failed logins on A and on B against one limit', async () => {
    const guesser = new Browser();
    for (const base of [a.url, b.url, a.url, b.url, a.url])
      expect((await guesser.login(base, 'doan', 'sai-mat-khau-1')).status, base).to.equal(401);
    // The sixth try, with the right password, on either instance: refused.
    expect((await guesser.login(b.url, 'doan')).status).to.equal(429);
    expect((await guesser.login(a.url, 'doan')).status).to.equal(429);
  });
});
