import { expect } from 'chai';
import sharp from 'sharp';
import { zipSync, strToU8 } from 'fflate';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { rawUpload, tokenOf, upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

interface AttackCase {
  name: string;
  files: () => Promise<[string, Buffer][]> | [string, Buffer][];
  /** Sent byte by byte, for names a form library would clean before sending. */
  raw?: 'quoted' | 'encoded';
  fields?: Record<string, string>;
  status: number;
  message: RegExp;
  /** Files the entry already has before the attempt. */
  existing?: number;
}

const MB = 1024 * 1024;

// Limits made small for the test instance, so "too large" and "too many" need no huge files.
const ENV = {
  UPLOAD_MAX_DOCUMENT_MB: '0.5',
  UPLOAD_MAX_VIDEO_MB: '1',
  UPLOAD_MAX_FILES: '4',
  UPLOAD_MAX_ENTRY_MB: '1.5',
  UPLOAD_MAX_IMAGE_PIXELS: '4000000',
};

const CASES: AttackCase[] = [
  {
    name: 'an image over the document and image limit',
    files: async () => [['anh-lon.png', await bigPng()]],
    status: 413,
    message: /vượt quá giới hạn 512 KB/,
  },
  {
    name: 'a video over the video limit (cut off while streaming)',
    files: () => [['video.mp4', sample.mp4(Math.ceil(1.2 * MB))]],
    status: 413,
    message: /Có tệp vượt quá giới hạn 1,0 MB/,
  },
  {
    name: 'more files in one request than an entry may have',
    files: () => Array.from({ length: 5 }, (_, i): [string, Buffer] => [`tl-${i}.pdf`, sample.pdf()]),
    status: 400,
    message: /tối đa 4 tệp/,
  },
  {
    name: 'more files than the entry has room for',
    existing: 3,
    files: () => [
      ['a.pdf', sample.pdf()],
      ['b.pdf', sample.pdf()],
    ],
    status: 400,
    message: /đã có 3 tệp nên chỉ thêm được 1 tệp nữa/,
  },
  {
    name: 'an entry total over its limit',
    existing: 3,
    files: () => [['v.mp4', sample.mp4(Math.ceil(0.9 * MB))]],
    status: 413,
    message: /Tổng dung lượng tệp của một mô hình tối đa/,
  },
  {
    name: 'an empty file',
    files: () => [['rong.pdf', Buffer.alloc(0)]],
    status: 400,
    message: /“rong\.pdf” trống \(0 byte\)/,
  },
  { name: 'no file at all', files: () => [], status: 400, message: /Hãy chọn ít nhất một tệp/ },
  {
    name: 'a type that is not allowed (a Windows program)',
    files: () => [['cai-dat.exe', sample.exe()]],
    status: 415,
    message: /Không nhận loại tệp “cai-dat\.exe” \(\.exe\)/,
  },
  {
    name: 'an executable renamed .jpg',
    files: () => [['anh.jpg', sample.exe()]],
    status: 415,
    message: /không phải Ảnh JPEG .* \(nội dung thực: tệp \.exe\)/,
  },
  {
    name: 'an HTML page renamed .jpg',
    files: () => [
      ['anh.jpg', Buffer.from('<!doctype html><html><body><script>fetch("/quan-ly")</script></body></html>')],
    ],
    status: 415,
    message: /không phải Ảnh JPEG .*không nhận dạng được/,
  },
  {
    name: 'an SVG with a script, named .svg',
    files: () => [['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')]],
    status: 415,
    message: /Không nhận loại tệp “logo\.svg”/,
  },
  {
    name: 'an SVG renamed .png',
    files: () => [['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]],
    status: 415,
    message: /không phải Ảnh PNG/,
  },
  {
    name: 'a real PNG named .pdf',
    files: async () => [['bao-cao.pdf', await sample.png()]],
    status: 415,
    message: /không phải PDF .*\(nội dung thực: Ảnh PNG\)/,
  },
  {
    name: 'a JPEG with a script in its comment segment',
    files: async () => [['anh.jpg', await jpegWithComment('<script>alert(1)</script>')]],
    status: 415,
    message: /chứa nội dung không được phép/,
  },
  {
    name: 'a PDF that runs JavaScript',
    files: () => [['bao-cao.pdf', sample.pdf('9 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n')]],
    status: 415,
    message: /chứa nội dung không được phép/,
  },
  {
    name: 'a PDF that is also a web page',
    files: () => [['bao-cao.pdf', sample.pdf('<html><script>alert(1)</script></html>\n')]],
    status: 415,
    message: /chứa nội dung không được phép/,
  },
  {
    name: 'a decompression bomb (tiny PNG claiming 900 million pixels)',
    files: () => [['bom.png', sample.pngBomb()]],
    status: 413,
    message: /quá lớn \(30000 × 30000 điểm ảnh; tối đa 4 triệu điểm ảnh\)/,
  },
  {
    name: 'a truncated JPEG',
    files: async () => {
      const j = await sample.jpegWithGps();
      return [['hong.jpg', j.subarray(0, Math.floor(j.length / 2))]];
    },
    status: 415,
    message: /bị hỏng hoặc không đọc được/,
  },
  {
    name: 'a plain ZIP renamed .docx',
    files: () => [['ke-hoach.docx', Buffer.from(zipOnly())]],
    status: 415,
    message: /không phải Word \(DOCX\)/,
  },
  {
    name: 'a name with path separators',
    raw: 'quoted',
    files: () => [['../../etc/cron.d/x.pdf', sample.pdf()]],
    status: 400,
    message: /chứa ký tự đường dẫn/,
  },
  {
    name: 'a name with a backslash',
    raw: 'quoted',
    files: () => [['..\\..\\boot.ini.pdf', sample.pdf()]],
    status: 400,
    message: /chứa ký tự đường dẫn/,
  },
  {
    name: 'a name with control characters (RFC 5987 encoded)',
    raw: 'encoded',
    files: () => [['bao\u0001cao\u001b[2J\r\n.pdf', sample.pdf()]],
    status: 400,
    message: /ký tự điều khiển/,
  },
  {
    name: 'a name with raw control characters in the part header',
    raw: 'quoted',
    files: () => [['bao\u0001cao.pdf', sample.pdf()]],
    status: 400,
    message: /biểu mẫu hỏng/,
  },
  {
    name: 'an encoded name with path separators',
    raw: 'encoded',
    files: () => [['../../x.pdf', sample.pdf()]],
    status: 400,
    message: /chứa ký tự đường dẫn/,
  },
  {
    name: 'a name hiding its extension with a right-to-left override',
    files: () => [['anh\u202egpj.exe', sample.exe()]],
    status: 400,
    message: /ký tự điều khiển/,
  },
  {
    name: 'a good file in the same batch as a bad one (nothing is kept)',
    files: async () => [
      ['tot.pdf', sample.pdf()],
      ['xau.jpg', sample.exe()],
    ],
    status: 415,
    message: /“xau\.jpg”/,
  },
];

async function bigPng(): Promise<Buffer> {
  // Noise does not compress: 450 × 450 RGB is about 600 KB, over 512 KB and under the 1 MB stream limit.
  const noise = Buffer.alloc(450 * 450 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width: 450, height: 450, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function jpegWithComment(comment: string): Promise<Buffer> {
  const jpeg = await sample.jpegWithGps(64, 64);
  const body = Buffer.from(comment, 'latin1');
  const segment = Buffer.alloc(4 + body.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  body.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** A valid archive with one text file: not an office document. */
const zipOnly = () => zipSync({ 'ghi-chu.txt': strToU8('không phải tài liệu Word') });

describe('upload attack corpus: every refusal says why, writes no row and leaves no file', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;

  let world: FileWorld;
  before(async () => {
    world = await fileWorld(ENV);
    ({ database, app, people } = world);
  });
  after(() => world.close());

  it('has at least 15 cases', () => expect(CASES.length).to.be.at.least(15));

  for (const c of CASES) {
    it(`refuses ${c.name}`, async () => {
      const m = await insertModel(database, {
        title: `Mô hình thử ${c.name}`,
        status: 'draft',
        communeCode: people.commune,
      });
      if (c.existing) {
        const res = await upload(
          people.agents.cadre,
          m.id,
          Array.from({ length: c.existing }, (_, i): [string, Buffer] => [
            `co-san-${i}.pdf`,
            Buffer.concat([sample.pdf(), Buffer.alloc(300 * 1024, 0x20)]),
          ]),
        );
        expect(res.status, 'setting up the existing files').to.equal(303);
      }
      const rowsBefore = await queryRows<{ id: number }>(
        database.db,
        sql`select id from evidence_files where model_id = ${m.id}`,
      );
      const diskBefore = await world.everything();
      const files = await c.files();
      const res = c.raw
        ? await rawUpload(people.agents.cadre, m.id, files[0][0], files[0][1], c.raw === 'encoded')
        : await upload(people.agents.cadre, m.id, files, c.fields);
      expect(res.status, res.text.slice(0, 300)).to.equal(c.status);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      const alert = /<p class="form-error" role="alert" id="upload-error">([^<]*)<\/p>/.exec(res.text);
      expect(alert, 'the message is shown on the upload page').not.to.equal(null);
      expect(alert![1].replace(/&#34;/g, '"').replace(/&amp;/g, '&')).to.match(c.message);
      expect(res.text).not.to.match(/at \w+ \(|Error:|node_modules/);
      const rowsAfter = await queryRows<{ id: number }>(
        database.db,
        sql`select id from evidence_files where model_id = ${m.id}`,
      );
      expect(rowsAfter, 'no row written').to.deep.equal(rowsBefore);
      expect(await world.everything(), 'nothing new on disk').to.deep.equal(diskBefore);
    });
  }

  it('refuses an upload without the form token before reading it', async () => {
    const m = await insertModel(database, {
      title: 'Mô hình thử mã bảo vệ',
      status: 'draft',
      communeCode: people.commune,
    });
    const before = await world.everything();
    const res = await people.agents.cadre.post(`/quan-ly/mo-hinh/${m.id}/tep`).attach('files', sample.pdf(), 'a.pdf');
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('thiếu mã bảo vệ');
    const token = await tokenOf(people.agents.cadre);
    const wrong = await people.agents.cadre
      .post(`/quan-ly/mo-hinh/${m.id}/tep?_csrf=${token}x`)
      .attach('files', sample.pdf(), 'a.pdf');
    expect(wrong.status).to.equal(403);
    expect(await world.everything()).to.deep.equal(before);
    expect(await queryRows(database.db, sql`select id from evidence_files where model_id = ${m.id}`)).to.deep.equal([]);
  });

  it('refuses a cut-off multipart body with a message, leaving nothing', async () => {
    const m = await insertModel(database, {
      title: 'Mô hình thử kết nối đứt',
      status: 'draft',
      communeCode: people.commune,
    });
    const before = await world.everything();
    const token = await tokenOf(people.agents.cadre);
    const body =
      '--XYZ\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 partial';
    const res = await people.agents.cadre
      .post(`/quan-ly/mo-hinh/${m.id}/tep?_csrf=${encodeURIComponent(token)}`)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send(body);
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('Dữ liệu tải lên không hoàn chỉnh');
    expect(await world.everything()).to.deep.equal(before);
  });
});
