import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { csrfFrom, PASSWORD } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

// A file upload whose session ended is neither kept nor half-stored: the person signs in again, comes
// back to the page the form was on, and is told to choose the file again.
describe('an upload posted after the session ended', () => {
  let world: FileWorld;
  let modelId: number;
  let page: string;
  before(async () => {
    world = await fileWorld();
    modelId = (
      await insertModel(world.database, {
        title: 'Đèn đường xóm Núi',
        status: 'draft',
        communeCode: world.people.commune,
      })
    ).id;
    page = `/quan-ly/mo-hinh/${modelId}/tep`;
  });
  after(() => world.close());

  const fileRows = async () =>
    (
      await queryRows<{ n: number }>(
        world.database.db,
        sql`select count(*)::int as n from evidence_files where model_id = ${modelId}`,
      )
    )[0].n;
  const post = (agent: ReturnType<typeof request.agent> | ReturnType<typeof request>, token: string) =>
    agent
      .post(`${page}?_csrf=${encodeURIComponent(token)}`)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Referer', `http://127.0.0.1${page}`)
      .field('visibility', 'public')
      .field('caption', 'Họp dân bàn lắp đèn')
      .attach('files', sample.pdf(), { filename: 'Biên bản.pdf', contentType: 'application/pdf' });

  it('sends a browser without a session to sign in, storing nothing, then back to the upload page with the reason', async () => {
    const before = await world.everything();
    const res = await post(request(world.app), 'from-the-old-session').set('Host', '127.0.0.1');
    expect(res.status).to.equal(303);
    const location = new URL(res.headers.location, 'http://x');
    expect(location.pathname).to.equal('/login');
    expect(location.searchParams.get('next')).to.equal(page);
    expect(location.searchParams.get('tep-chua-luu')).to.equal('1');
    expect(await world.everything()).to.deep.equal(before);
    expect(await fileRows()).to.equal(0);

    const agent = request.agent(world.app);
    const login = await agent.get(res.headers.location);
    expect(login.text).to.include('Tệp bạn vừa gửi chưa được lưu');
    expect(login.text).to.include('name="lostUpload" value="1"');
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), username: 'cadre', password: PASSWORD, next: page, lostUpload: '1' });
    expect(signedIn.status).to.equal(303);
    expect(signedIn.headers.location).to.equal(page);
    const back = await agent.get(page);
    expect(back.status).to.equal(200);
    expect(back.text).to.include('Tệp vừa gửi chưa được lưu vì phiên đăng nhập đã hết hạn');
    // Said once.
    expect((await agent.get(page)).text).not.to.include('Tệp vừa gửi chưa được lưu');
  });

  it('sends a person signed in again in another tab straight back to the page, storing nothing', async () => {
    const before = await world.everything();
    const res = await post(world.people.agents.cadre, 'a-token-of-an-older-session').set('Host', '127.0.0.1');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(page);
    expect(await world.everything()).to.deep.equal(before);
    expect(await fileRows()).to.equal(0);
    expect((await world.people.agents.cadre.get(page)).text).to.include('chọn lại tệp');
  });

  it('refuses a cross-site upload without a session as before, and never sends it to sign in', async () => {
    const res = await request(world.app)
      .post(`${page}?_csrf=x`)
      .set('Sec-Fetch-Site', 'cross-site')
      .attach('files', sample.pdf(), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(res.status).to.be.within(400, 499);
    expect(await fileRows()).to.equal(0);
  });
});
