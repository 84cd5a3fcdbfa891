import { expect } from 'chai';
import request from 'supertest';
import type { Response } from 'supertest';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';
import { hostAllowed } from '../../src/http/hosts.js';

const EVIL = 'evil.example';
const BASE = 'https://dvk.example.vn';

/** The answer, headers included, as one text to search. */
const everything = (res: Response) => `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;

describe('hosts, absolute links, HSTS and private pages', () => {
  let database: Database;
  let slug: string;
  let draftId: number;
  let people: People;
  let published: ReturnType<typeof testApp>;

  before(async () => {
    database = await freshDatabase();
    ({ slug } = await insertModel(database, { title: 'Dân vận khéo giữ gìn đường làng', provinceCode: '19' }));
    published = testApp(database, { PUBLIC_BASE_URL: BASE });
    people = await signInPeople(database, published);
    ({ id: draftId } = await insertModel(database, {
      title: 'Bản nháp của xã',
      status: 'draft',
      communeCode: people.commune,
    }));
  });
  after(async () => {
    await database.close();
  });

  const PUBLIC_PATHS = () => ['/', `/mo-hinh/${slug}`, '/mo-hinh', '/api/v1/models', '/api/v1/openapi.json'];

  it('matches Host headers against ALLOWED_HOSTS: a name allows any port, name:port only that port', () => {
    const allowed = ['localhost', '[::1]', 'dvk.lan:8080'];
    expect(hostAllowed('localhost:3000', allowed)).to.equal(true);
    expect(hostAllowed('LOCALHOST', allowed)).to.equal(true);
    expect(hostAllowed('[::1]:3000', allowed)).to.equal(true);
    expect(hostAllowed('dvk.lan:8080', allowed)).to.equal(true);
    expect(hostAllowed('dvk.lan', allowed)).to.equal(false);
    expect(hostAllowed('dvk.lan:8081', allowed)).to.equal(false);
    for (const bad of [undefined, '', EVIL, 'localhost.evil.example', 'localhost@evil.example', 'localhost/x', 'a b'])
      expect(hostAllowed(bad, allowed), String(bad)).to.equal(false);
  });

  it('without PUBLIC_BASE_URL refuses another Host with a Vietnamese 400 that does not repeat it', async () => {
    const app = testApp(database);
    for (const path of [...PUBLIC_PATHS(), '/dashboard', '/login']) {
      const res = await request(app).get(path).set('Host', EVIL);
      expect(res.status, path).to.equal(400);
      expect(res.text, path).to.contain('không được chấp nhận');
      expect(everything(res), path).not.to.contain(EVIL);
    }
    const ok = await request(app).get('/api/v1/models').set('Host', 'localhost:4000');
    expect(ok.status).to.equal(200);
    expect(ok.body.items[0].url).to.equal(`http://localhost:4000/mo-hinh/${slug}`);
  });

  it('builds links from an allowed host of ALLOWED_HOSTS', async () => {
    const app = testApp(database, { ALLOWED_HOSTS: 'dvk.lan:8080' });
    const res = await request(app).get('/api/v1/models').set('Host', 'dvk.lan:8080');
    expect(res.status).to.equal(200);
    expect(res.body.items[0].url).to.equal(`http://dvk.lan:8080/mo-hinh/${slug}`);
    expect((await request(app).get('/api/v1/models').set('Host', 'localhost')).status).to.equal(400);
  });

  it('with PUBLIC_BASE_URL builds every absolute link from it, whatever the Host says', async () => {
    for (const path of PUBLIC_PATHS()) {
      const res = await request(published).get(path).set('Host', EVIL);
      expect(res.status, path).to.equal(200);
      expect(everything(res), path).not.to.contain(EVIL);
    }
    const page = await request(published).get(`/mo-hinh/${slug}`).set('Host', EVIL);
    expect(page.text).to.contain(`<link rel="canonical" href="${BASE}/mo-hinh/${slug}">`);
    const api = await request(published).get('/api/v1/models').set('Host', EVIL);
    expect(api.body.items[0].url).to.equal(`${BASE}/mo-hinh/${slug}`);
    const redirect = await request(published).get('/dashboard').set('Host', EVIL);
    expect(redirect.status).to.equal(303);
    expect(redirect.headers.location).to.equal('/login?next=%2Fdashboard');
    expect(everything(redirect)).not.to.contain(EVIL);
  });

  it('puts PUBLIC_BASE_URL, never the Host, into a set-password link', async () => {
    const admin = people.agents.centralAdmin;
    const form = await admin.get('/quan-ly/tai-khoan/moi').set('Host', EVIL);
    const created = await admin
      .post('/quan-ly/tai-khoan')
      .set('Host', EVIL)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        username: 'lien.ket',
        displayName: 'Liên Kết',
        role: 'province_reviewer',
        provinceCode: '19',
      });
    expect(created.status).to.equal(303);
    expect(everything(created)).not.to.contain(EVIL);
    const shown = await admin.get(created.headers.location).set('Host', EVIL);
    expect(shown.text).to.match(new RegExp(`${BASE}/dat-mat-khau/[A-Za-z0-9_-]{43}`));
    expect(everything(shown)).not.to.contain(EVIL);
  });

  it('sends HSTS and upgrade-insecure-requests only on a secure request', async () => {
    const plain = await request(published).get('/');
    expect(plain.headers['strict-transport-security']).to.equal(undefined);
    expect(plain.headers['content-security-policy']).not.to.contain('upgrade-insecure-requests');
    expect(plain.headers['x-content-type-options']).to.equal('nosniff');

    const proxied = testApp(database, { PUBLIC_BASE_URL: BASE, TRUST_PROXY: '1' });
    const secure = await request(proxied).get('/').set('X-Forwarded-Proto', 'https');
    expect(secure.headers['strict-transport-security']).to.equal('max-age=31536000');
    expect(secure.headers['content-security-policy']).to.contain('upgrade-insecure-requests');
    const unproxied = await request(published).get('/').set('X-Forwarded-Proto', 'https');
    expect(unproxied.headers['strict-transport-security'], 'untrusted X-Forwarded-Proto').to.equal(undefined);
  });

  it('sends Cache-Control: no-store on every private page', async () => {
    const pages: [keyof People['agents'], string][] = [
      ['cadre', '/dashboard'],
      ['cadre', '/quan-ly/mo-hinh/moi'],
      ['cadre', `/quan-ly/mo-hinh/${draftId}`],
      ['cadre', `/quan-ly/mo-hinh/${draftId}/sua`],
      ['cadre', `/quan-ly/mo-hinh/${draftId}/tep`],
      ['cadre', '/thong-bao'],
      ['cadre', '/tai-khoan/mat-khau'],
      ['centralAdmin', '/quan-ly/tai-khoan'],
      ['centralAdmin', '/quan-ly/tai-khoan/moi'],
    ];
    for (const [who, path] of pages) {
      const res = await people.agents[who].get(path);
      expect(res.status, path).to.equal(200);
      expect(res.headers['cache-control'], path).to.equal('no-store');
    }
  });
});
