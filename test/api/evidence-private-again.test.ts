import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { tokenOf, upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

/** No answer that may become private is allowed to be reused without asking the server again. */
function expectRevalidated(headers: Record<string, string>, what: string) {
  const cc = headers['cache-control'] ?? '';
  expect(cc, what).to.equal('public, no-cache');
  expect(cc, what).not.to.match(/max-age=[1-9]|immutable|s-maxage/);
  expect(headers.etag, what).to.match(/^"[0-9a-f]{32}-(thumb|display)-\d+"$/);
}

describe('evidence files that become private again', function () {
  this.timeout(60000);
  let world: FileWorld;
  before(async () => {
    world = await fileWorld();
  });
  after(() => world.close());

  /** An approved model with one public photo uploaded through the form; its thumbnail and view URLs. */
  async function publishedPhoto(title: string) {
    const { database, people } = world;
    const m = await insertModel(database, { title, status: 'draft', communeCode: people.commune });
    expect((await upload(people.agents.cadre, m.id, [['hop-dan.jpg', await sample.jpegWithGps()]])).status).to.equal(
      303,
    );
    await database.db.execute(
      sql`update models set status = 'approved', recognised_year = 2025, published_at = now() where id = ${m.id}`,
    );
    const [row] = await queryRows<{ id: number; slug: string }>(
      database.db,
      sql`select f.id, m.slug from evidence_files f join models m on m.id = f.model_id where m.id = ${m.id}`,
    );
    return { modelId: m.id, fileId: row.id, slug: row.slug, urls: [`/tep/${row.id}/anh-nho`, `/tep/${row.id}/xem`] };
  }

  /** Fetches every URL anonymously: served, revalidated on every use, and a 304 while it stays public. */
  async function servedPublicly(urls: string[]): Promise<string[]> {
    const etags: string[] = [];
    for (const url of urls) {
      const res = await world.people.agents.anonymous.get(url);
      expect(res.status, url).to.equal(200);
      expectRevalidated(res.headers, url);
      const again = await world.people.agents.anonymous.get(url).set('If-None-Match', res.headers.etag);
      expect(again.status, `${url} revalidated`).to.equal(304);
      etags.push(res.headers.etag);
    }
    return etags;
  }

  /** The same URLs, asked plainly and as a browser revalidating its copy: refused both ways. */
  async function goneFromPublic(urls: string[], etags: string[]) {
    for (const [i, url] of urls.entries()) {
      expect((await world.people.agents.anonymous.get(url)).status, url).to.equal(404);
      const revalidate = await world.people.agents.anonymous.get(url).set('If-None-Match', etags[i]);
      expect(revalidate.status, `${url} with the old ETag`).to.equal(404);
    }
  }

  it('stops serving a photo made internal at once, and never lets an internal copy be kept', async () => {
    const { people } = world;
    const p = await publishedPhoto('Mô hình ảnh chuyển nội bộ');
    const etags = await servedPublicly(p.urls);
    const page = await people.agents.anonymous.get(`/mo-hinh/${p.slug}`);
    expect(page.text).to.contain(p.urls[0]);

    const _csrf = await tokenOf(people.agents.reviewer);
    const hide = await people.agents.reviewer
      .post(`/quan-ly/mo-hinh/${p.modelId}/tep/${p.fileId}/noi-bo`)
      .type('form')
      .send({ _csrf });
    expect(hide.status).to.equal(303);
    await goneFromPublic(p.urls, etags);
    const after = await people.agents.anonymous.get(`/mo-hinh/${p.slug}`);
    expect(after.headers['x-cache'], "a model's page is never answered from the page cache").not.to.equal('hit');
    expect(after.text).not.to.contain(`/tep/${p.fileId}/`);

    // The people working on the entry still see it, and no browser or proxy keeps that copy.
    for (const url of p.urls) {
      const res = await people.agents.reviewer.get(url);
      expect(res.status, url).to.equal(200);
      expect(res.headers['cache-control'], url).to.equal('private, no-store');
    }
  });

  it('stops serving the photos of a withdrawn model at once, and drops it from the cached list', async () => {
    const { database, people } = world;
    const p = await publishedPhoto('Mô hình bị thu hồi công nhận');
    const etags = await servedPublicly(p.urls);
    // Without any cookie, on one listening address (the cache's key has the host and port).
    const server = world.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const visitor = () => request(server).get('/mo-hinh');
    await visitor();
    const cached = await visitor();
    expect(cached.headers['x-cache']).to.equal('hit');
    expect(cached.text).to.contain('Mô hình bị thu hồi công nhận');

    const [{ version }] = await queryRows<{ version: number }>(
      database.db,
      sql`select version from models where id = ${p.modelId}`,
    );
    const _csrf = await tokenOf(people.agents.reviewer);
    const withdraw = await people.agents.reviewer
      .post(`/quan-ly/mo-hinh/${p.modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'withdraw', version, comment: 'Không còn duy trì hoạt động.', confirm: 'yes' });
    expect(withdraw.status).to.equal(303);
    const [{ status }] = await queryRows<{ status: string }>(
      database.db,
      sql`select status from models where id = ${p.modelId}`,
    );
    expect(status).to.equal('withdrawn');

    await goneFromPublic(p.urls, etags);
    expect((await people.agents.anonymous.get(`/mo-hinh/${p.slug}`)).status).to.equal(404);
    const list = await visitor();
    expect(list.headers['x-cache'], 'the catalogue version moved on').to.equal('miss');
    expect(list.text).not.to.contain('Mô hình bị thu hồi công nhận');
    server.close();
  });
});
