import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

const meta = (html: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)">`).exec(html)?.[1];

describe('shared links, icons and the photo viewer', function () {
  this.timeout(60000);
  let world: FileWorld;
  let withPhotos: { slug: string; files: number[] };
  let withoutPhotos: string;
  before(async () => {
    world = await fileWorld();
    const { database, people } = world;
    const m = await insertModel(database, {
      title: 'Mô hình có ảnh họp dân',
      status: 'draft',
      communeCode: people.commune,
    });
    const photos: [string, Buffer][] = [
      ['hop-dan.jpg', await sample.jpegWithGps()],
      ['lam-duong.png', await sample.png()],
    ];
    expect((await upload(people.agents.cadre, m.id, photos, { caption: 'Họp dân bàn làm đường' })).status).to.equal(
      303,
    );
    await database.db.execute(
      sql`update models set status = 'approved', recognised_year = 2025, published_at = now() where id = ${m.id}`,
    );
    const files = await queryRows<{ id: number }>(
      database.db,
      sql`select id from evidence_files where model_id = ${m.id} order by position, id`,
    );
    withPhotos = { slug: m.slug, files: files.map((f) => f.id) };
    withoutPhotos = (await insertModel(database, { title: 'Mô hình chưa có ảnh' })).slug;
  });
  after(() => world.close());

  const get = (url: string) => world.people.agents.anonymous.get(url);

  it("previews a model with its first public photo's full-size copy, absolute, with its size", async () => {
    const res = await get(`/mo-hinh/${withPhotos.slug}`);
    expect(res.status).to.equal(200);
    const image = meta(res.text, 'og:image')!;
    expect(image).to.match(new RegExp(`^https?://[^/]+/tep/${withPhotos.files[0]}/xem$`));
    const [width, height] = [Number(meta(res.text, 'og:image:width')), Number(meta(res.text, 'og:image:height'))];
    // The copy behind the URL has exactly the size announced.
    const copy = await get(new URL(image).pathname);
    expect(copy.status).to.equal(200);
    const sharp = (await import('sharp')).default;
    const info = await sharp(copy.body as Buffer).metadata();
    expect([info.width, info.height]).to.deep.equal([width, height]);
  });

  it("falls back to the registry's image, absolute, on a model without photos and on other pages", async () => {
    for (const url of [`/mo-hinh/${withoutPhotos}`, '/', '/mo-hinh']) {
      const res = await get(url);
      expect(meta(res.text, 'og:image'), url).to.match(/^https?:\/\/[^/]+\/static\/img\/share\.png\?v=/);
      expect([meta(res.text, 'og:image:width'), meta(res.text, 'og:image:height')]).to.deep.equal(['1200', '630']);
    }
    const img = await get(new URL(meta((await get('/')).text, 'og:image')!).pathname + '?v=1');
    expect(img.status).to.equal(200);
    expect(img.headers['content-type']).to.equal('image/png');
  });

  it('has a favicon, an app icon and a manifest', async () => {
    const home = (await get('/')).text;
    for (const rel of ['icon', 'apple-touch-icon', 'manifest']) {
      const href = new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(home)?.[1];
      expect(href, rel).to.be.a('string');
      expect((await get(href!)).status, href).to.equal(200);
    }
    const ico = await get('/favicon.ico');
    expect(ico.status).to.equal(301);
    expect((await get(ico.headers.location)).headers['content-type']).to.equal('image/png');
  });

  it('opens each public photo in a viewer page with its caption and previous/next links, without JavaScript', async () => {
    const model = await get(`/mo-hinh/${withPhotos.slug}`);
    expect(model.text).to.contain(`href="/mo-hinh/${withPhotos.slug}/anh/1"`);
    const first = await get(`/mo-hinh/${withPhotos.slug}/anh/1`);
    expect(first.status).to.equal(200);
    expect(first.text).to.contain(`src="/tep/${withPhotos.files[0]}/xem"`).and.contain('Họp dân bàn làm đường');
    expect(first.text).to.contain(`href="/mo-hinh/${withPhotos.slug}/anh/2" rel="next"`).and.not.contain('rel="prev"');
    const second = await get(`/mo-hinh/${withPhotos.slug}/anh/2`);
    expect(second.text).to.contain(`href="/mo-hinh/${withPhotos.slug}/anh/1" rel="prev"`).and.not.contain('rel="next"');
    for (const bad of ['3', '0', 'x', '01'])
      expect((await get(`/mo-hinh/${withPhotos.slug}/anh/${bad}`)).status).to.equal(404);
  });

  it('stops showing a photo in the viewer once it is made internal', async () => {
    await world.database.db.execute(sql`update evidence_files set is_public = false where id = ${withPhotos.files[1]}`);
    expect((await get(`/mo-hinh/${withPhotos.slug}/anh/2`)).status).to.equal(404);
  });
});
