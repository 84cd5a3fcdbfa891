import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { tokenOf, upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('evidence files: attach, edit, serve', function () {
  this.timeout(60000);
  let database: Database;
  let app: express.Express;
  let people: People;

  let world: FileWorld;
  before(async () => {
    world = await fileWorld();
    ({ database, app, people } = world);
  });
  after(() => world.close());

  const draft = (title = `Mô hình có minh chứng ${Math.random()}`) =>
    insertModel(database, { title, status: 'draft', communeCode: people.commune });
  const rowsOf = (modelId: number) =>
    queryRows<{
      id: number;
      original_name: string;
      mime_type: string;
      kind: string;
      is_public: boolean;
      caption: string;
      position: number;
      storage_key: string;
      thumbnail_key: string | null;
      display_key: string | null;
    }>(database.db, sql`select * from evidence_files where model_id = ${modelId} order by position, id`);

  it('stores a photo, a PDF and the office formats, with random names, captions and a clean public copy', async () => {
    const m = await draft();
    const photo = await sample.jpegWithGps();
    const res = await upload(
      people.agents.cadre,
      m.id,
      [
        ['Ảnh họp dân thôn Đồng Tâm.jpg', photo],
        ['Báo cáo.pdf', sample.pdf()],
        ['Kế hoạch.docx', sample.docx()],
        ['Số liệu.xlsx', sample.xlsx()],
        ['Biên bản.odt', sample.odt()],
        ['Ảnh 2.png', await sample.png()],
        ['Ảnh 3.webp', await sample.webp()],
      ],
      { caption: 'Buổi ra mắt mô hình', visibility: 'public' },
    );
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    const rows = await rowsOf(m.id);
    expect(rows.map((r) => r.original_name)).to.deep.equal([
      'Ảnh họp dân thôn Đồng Tâm.jpg',
      'Báo cáo.pdf',
      'Kế hoạch.docx',
      'Số liệu.xlsx',
      'Biên bản.odt',
      'Ảnh 2.png',
      'Ảnh 3.webp',
    ]);
    expect(rows.map((r) => r.kind)).to.deep.equal([
      'image',
      'document',
      'document',
      'document',
      'document',
      'image',
      'image',
    ]);
    expect(rows.every((r) => r.caption === 'Buổi ra mắt mô hình' && r.is_public)).to.equal(true);
    // Stored under random keys: no trace of the original name on disk, and nothing left in the temporary folder.
    const onDisk = await world.everything();
    expect(onDisk.some((p) => /Ảnh|pdf|docx/i.test(p))).to.equal(false);
    expect(onDisk.filter((p) => p.startsWith('.tmp'))).to.deep.equal([]);
    expect(onDisk).to.have.length(7 + 3 * 2);
    const original = await world.readStored(rows[0].storage_key);
    expect(original.equals(photo), 'the original is kept byte for byte').to.equal(true);

    // The clean copy and thumbnail carry no EXIF, so no GPS.
    const display = await people.agents.cadre.get(`/tep/${rows[0].id}/xem`).buffer(true).parse(binary);
    expect(display.status).to.equal(200);
    expect(display.headers['content-type']).to.equal('image/webp');
    expect((await sharp(display.body as Buffer).metadata()).exif).to.equal(undefined);
    const thumb = await people.agents.cadre.get(`/tep/${rows[0].id}/anh-nho`).buffer(true).parse(binary);
    expect((await sharp(thumb.body as Buffer).metadata()).width).to.be.at.most(480);
    expect((await sharp(thumb.body as Buffer).metadata()).exif).to.equal(undefined);
  });

  it('keeps the order, captions and visibility the commune sets, and removes a file with its bytes', async () => {
    const m = await draft();
    await upload(people.agents.cadre, m.id, [
      ['a.png', await sample.png()],
      ['b.pdf', sample.pdf()],
      ['c.pdf', sample.pdf()],
    ]);
    const [a, b, c] = await rowsOf(m.id);
    const before = await world.everything();
    const _csrf = await tokenOf(people.agents.cadre);
    const save = await people.agents.cadre
      .post(`/quan-ly/mo-hinh/${m.id}/tep/sap-xep`)
      .type('form')
      .send({
        _csrf,
        ids: [a.id, b.id, c.id],
        [`caption_${a.id}`]: 'Ảnh hội nghị',
        [`visibility_${a.id}`]: 'public',
        [`caption_${b.id}`]: 'Danh sách hộ',
        [`visibility_${b.id}`]: 'internal',
        [`caption_${c.id}`]: '',
        [`visibility_${c.id}`]: 'public',
        move: `${c.id}:up`,
      });
    expect(save.status).to.equal(303);
    const after = await rowsOf(m.id);
    expect(after.map((r) => r.original_name)).to.deep.equal(['a.png', 'c.pdf', 'b.pdf']);
    expect(after.find((r) => r.id === b.id)).to.include({ caption: 'Danh sách hộ', is_public: false });
    const removed = await people.agents.cadre
      .post(`/quan-ly/mo-hinh/${m.id}/tep/${a.id}/xoa`)
      .type('form')
      .send({ _csrf });
    expect(removed.status).to.equal(303);
    expect((await rowsOf(m.id)).map((r) => r.id)).to.deep.equal([c.id, b.id]);
    const now = await world.everything();
    const gone = before.filter((p) => !now.includes(p));
    expect(gone.map((p) => path.basename(p)).sort()).to.deep.equal(
      [a.storage_key, a.display_key, a.thumbnail_key].sort(),
    );
  });

  it('shows the limits on the form and keeps what was typed when an upload is refused', async () => {
    const m = await draft();
    const page = await people.agents.cadre.get(`/quan-ly/mo-hinh/${m.id}/tep`);
    expect(page.status).to.equal(200);
    expect(page.text)
      .to.contain('20 MB')
      .and.to.contain('200 MB')
      .and.to.contain('tối đa 20 tệp')
      .and.to.contain('500 MB');
    expect(page.text).to.match(/action="\/quan-ly\/mo-hinh\/\d+\/tep\?_csrf=[^"]+" enctype="multipart\/form-data"/);
    const refused = await upload(
      people.agents.cadre,
      m.id,
      [['trang.jpg', Buffer.from('<html><script>alert(1)</script></html>')]],
      { caption: 'Chú thích đã gõ', visibility: 'internal' },
    );
    expect(refused.status).to.equal(415);
    expect(refused.text).to.contain('value="Chú thích đã gõ"');
    expect(refused.text).to.match(/value="internal" checked/);
  });

  it('serves ranges of a video, with the stored type, nosniff and the original name', async () => {
    const m = await insertModel(database, { title: 'Mô hình có video', status: 'draft', communeCode: people.commune });
    const video = sample.mp4(100_000);
    expect((await upload(people.agents.cadre, m.id, [['Phóng sự "Dân vận".mp4', video]])).status).to.equal(303);
    const [row] = await rowsOf(m.id);
    const part = await people.agents.cadre
      .get(`/tep/${row.id}/xem`)
      .set('Range', 'bytes=100-1099')
      .buffer(true)
      .parse(binary);
    expect(part.status).to.equal(206);
    expect(part.headers['content-range']).to.equal(`bytes 100-1099/${video.length}`);
    expect(part.headers['content-type']).to.equal('video/mp4');
    expect(part.headers['x-content-type-options']).to.equal('nosniff');
    expect((part.body as Buffer).equals(video.subarray(100, 1100))).to.equal(true);
    const whole = await people.agents.cadre.get(`/tep/${row.id}/tai-ve`).buffer(true).parse(binary);
    expect(whole.status).to.equal(200);
    expect(whole.headers['content-disposition']).to.match(
      /^attachment; filename="Ph\?ng s\? \\"D\?n v\?n\\".mp4"; filename\*=UTF-8''Ph%C3%B3ng%20s%E1%BB%B1%20%22D%C3%A2n%20v%E1%BA%ADn%22.mp4$/,
    );
    expect((whole.body as Buffer).equals(video)).to.equal(true);
    const beyond = await people.agents.cadre.get(`/tep/${row.id}/xem`).set('Range', `bytes=${video.length + 10}-`);
    expect(beyond.status).to.equal(416);
    expect(beyond.headers['content-range']).to.equal(`bytes */${video.length}`);
  });

  it('shows the public gallery once approved: public files only, no originals of images, thumbnails cacheable', async () => {
    const m = await draft('Mô hình thư viện ảnh công khai');
    await upload(
      people.agents.cadre,
      m.id,
      [
        ['hop-dan.jpg', await sample.jpegWithGps()],
        ['bao-cao.pdf', sample.pdf()],
        ['video.mp4', sample.mp4()],
      ],
      { caption: 'Họp dân bàn việc làm đường' },
    );
    await upload(people.agents.cadre, m.id, [['danh-sach-lien-he.xlsx', sample.xlsx()]], { visibility: 'internal' });
    const rows = await rowsOf(m.id);
    const internal = rows.find((r) => r.original_name === 'danh-sach-lien-he.xlsx')!;
    const photo = rows.find((r) => r.kind === 'image')!;
    const anonymous = people.agents.anonymous;
    expect((await anonymous.get(`/tep/${photo.id}/anh-nho`)).status, 'not public before approval').to.equal(404);
    await database.db.execute(
      sql`update models set status = 'approved', recognised_year = 2025, published_at = now() where id = ${m.id}`,
    );
    const [{ slug }] = await queryRows<{ slug: string }>(database.db, sql`select slug from models where id = ${m.id}`);
    const page = await anonymous.get(`/mo-hinh/${slug}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Hình ảnh, tài liệu minh chứng').and.to.contain('Họp dân bàn việc làm đường');
    expect(page.text).to.contain(`/tep/${photo.id}/anh-nho`).and.to.contain('<video controls');
    expect(page.text).not.to.contain('danh-sach-lien-he').and.not.to.contain(`/tep/${internal.id}/`);
    const thumb = await anonymous.get(`/tep/${photo.id}/anh-nho`);
    expect(thumb.status).to.equal(200);
    expect(thumb.headers['cache-control']).to.equal('public, no-cache');
    expect(
      (await anonymous.get(`/tep/${photo.id}/tai-ve`)).status,
      'the original keeps its GPS: internal only',
    ).to.equal(404);
    expect((await anonymous.get(`/tep/${internal.id}/tai-ve`)).status).to.equal(404);
    expect((await people.agents.reviewer.get(`/tep/${internal.id}/tai-ve`)).status).to.equal(200);
    expect((await people.agents.reviewerOtherProvince.get(`/tep/${internal.id}/tai-ve`)).status).to.equal(404);

    // A reviewer hides a file of the published model; it leaves the public page at once.
    const _csrf = await tokenOf(people.agents.reviewer);
    const hide = await people.agents.reviewer
      .post(`/quan-ly/mo-hinh/${m.id}/tep/${photo.id}/noi-bo`)
      .type('form')
      .send({ _csrf });
    expect(hide.status).to.equal(303);
    expect((await anonymous.get(`/tep/${photo.id}/anh-nho`)).status).to.equal(404);
    expect((await anonymous.get(`/mo-hinh/${slug}`)).text).not.to.contain(`/tep/${photo.id}/`);
    const [history] = await queryRows<{ comment: string }>(
      database.db,
      sql`select comment from status_history where model_id = ${m.id} and action = 'files' order by id desc limit 1`,
    );
    expect(history.comment).to.equal('Chuyển tệp thành nội bộ: hop-dan.jpg');
    // The commune cannot change the files of an approved model.
    const cadreToken = await tokenOf(people.agents.cadre);
    const refused = await people.agents.cadre
      .post(`/quan-ly/mo-hinh/${m.id}/tep/${internal.id}/xoa`)
      .type('form')
      .send({ _csrf: cadreToken });
    expect(refused.status).to.equal(403);
    expect(await rowsOf(m.id)).to.have.length(4);
  });

  it('keeps the pictures of an individual without consent off the public page', async () => {
    const m = await insertModel(database, {
      title: 'Điển hình cá nhân giữ kín',
      type: 'individual',
      publishConsent: false,
      status: 'draft',
      communeCode: people.commune,
    });
    await upload(people.agents.cadre, m.id, [
      ['chan-dung.jpg', await sample.jpegWithGps()],
      ['thanh-tich.pdf', sample.pdf()],
    ]);
    await database.db.execute(
      sql`update models set status = 'approved', recognised_year = 2025, published_at = now() where id = ${m.id}`,
    );
    const [photo, doc] = await rowsOf(m.id);
    const [{ slug }] = await queryRows<{ slug: string }>(database.db, sql`select slug from models where id = ${m.id}`);
    const page = await people.agents.anonymous.get(`/mo-hinh/${slug}`);
    expect(page.text).not.to.contain(`/tep/${photo.id}/`);
    expect(page.text).to.contain(`/tep/${doc.id}/xem`);
    expect((await people.agents.anonymous.get(`/tep/${photo.id}/anh-nho`)).status).to.equal(404);
    expect((await people.agents.reviewer.get(`/tep/${photo.id}/anh-nho`)).status).to.equal(200);
  });
});
