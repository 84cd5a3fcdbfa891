import { expect } from 'chai';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import * as hostile from '../helpers/hostile-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

/** An upload made of the image proper and what follows it; only the image may be kept. */
interface TrailerCase {
  name: string;
  file: string;
  parts: () => Promise<{ image: Buffer; trailer: Buffer }>;
}

const jpeg = () => sample.jpegWithGps(64, 64);

const CASES: TrailerCase[] = [
  {
    name: 'a JPEG with a web page appended (polyglot)',
    file: 'anh.jpg',
    parts: async () => ({
      image: await jpeg(),
      trailer: Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    }),
  },
  {
    name: 'a JPEG with a ZIP archive appended (polyglot)',
    file: 'anh.jpg',
    parts: async () => ({ image: await jpeg(), trailer: sample.docx() }),
  },
  {
    name: 'a JPEG with an EXIF thumbnail and a ZIP after the real end',
    file: 'anh.jpg',
    parts: async () => ({ image: await hostile.jpegWithExifThumbnail(), trailer: sample.docx() }),
  },
  {
    name: 'a JPEG with an unknown trailer after its end',
    file: 'anh.jpg',
    parts: async () => ({ image: await jpeg(), trailer: Buffer.from('Rar!\x1a\x07\x00 hidden', 'latin1') }),
  },
  {
    name: 'a JPEG with padding after its end',
    file: 'anh.jpg',
    parts: async () => ({ image: await jpeg(), trailer: Buffer.alloc(300) }),
  },
  {
    name: 'a Samsung photo with its SEF trailer (SEFH … SEFT) and a motion photo inside',
    file: 'anh-samsung.jpg',
    parts: async () => ({ image: await jpeg(), trailer: sample.samsungTrailer() }),
  },
  {
    name: 'a Google motion photo: XMP, then an MP4 (ftyp box) after the picture',
    file: 'anh-chuyen-dong.jpg',
    parts: async () => ({ image: await sample.jpegWithMotionXmp(), trailer: sample.mp4(8192) }),
  },
  {
    name: 'a motion photo with an HDR gain map: both pictures are kept, the video is cut',
    file: 'anh-hdr.jpg',
    parts: async () => ({
      image: Buffer.concat([await sample.jpegWithMotionXmp(), await sample.jpegWithGps(16, 16)]),
      trailer: sample.mp4(8192),
    }),
  },
  {
    name: 'a JPEG followed by a chain of twenty pictures (cut after sixteen)',
    file: 'anh.jpg',
    parts: async () => {
      const tiny = await sample.jpegWithGps(8, 8);
      const chain = (n: number) => Buffer.concat(Array.from({ length: n }, () => tiny));
      return { image: chain(16), trailer: chain(5) };
    },
  },
  {
    name: 'a PNG with text after IEND',
    file: 'anh.png',
    parts: async () => ({
      image: await sample.png(32, 32),
      trailer: Buffer.from('<p>not markup-looking but data</p>'),
    }),
  },
  {
    name: 'a PNG with a ZIP after IEND',
    file: 'anh.png',
    parts: async () => ({ image: await sample.png(32, 32), trailer: sample.docx() }),
  },
  {
    name: 'a WebP with a ZIP beyond its RIFF size',
    file: 'anh.webp',
    parts: async () => ({ image: await sample.webp(32, 32), trailer: sample.docx() }),
  },
];

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// Small limits, so that a photo over the limit only because of its video needs no huge file.
const ENV = { UPLOAD_MAX_DOCUMENT_MB: '0.5', UPLOAD_MAX_VIDEO_MB: '1' };

describe('upload content checks: what follows an image is cut off, never stored', function () {
  this.timeout(120000);
  let database: Database;
  let people: People;
  let world: FileWorld;
  before(async () => {
    world = await fileWorld(ENV);
    ({ database, people } = world);
  });
  after(() => world.close());

  const draft = (title: string) => insertModel(database, { title, status: 'draft', communeCode: people.commune });
  const rowsOf = (id: number) =>
    queryRows<{ id: number; storage_key: string; size_bytes: number }>(
      database.db,
      sql`select id, storage_key, size_bytes from evidence_files where model_id = ${id}`,
    );

  /** Uploads as the commune's cadre and checks that the stored original is exactly `image`. */
  async function expectCut(file: string, image: Buffer, trailer: Buffer): Promise<void> {
    const m = await draft(`Mô hình thử ${file} ${image.length}`);
    const res = await upload(people.agents.cadre, m.id, [[file, Buffer.concat([image, trailer])]]);
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    // The cadre is told nothing alarming: the files page, without an error.
    const page = await people.agents.cadre.get(res.headers.location);
    expect(page.status).to.equal(200);
    expect(page.text).not.to.match(/role="alert"/);

    const rows = await rowsOf(m.id);
    expect(rows).to.have.length(1);
    expect(Number(rows[0].size_bytes), 'the recorded size is the cut size').to.equal(image.length);
    const key = rows[0].storage_key;
    const stored = await world.readStored(key);
    expect(stored.equals(image), 'the stored original ends at the image end').to.equal(true);

    const got = await people.agents.cadre.get(`/tep/${rows[0].id}/tai-ve`).buffer(true).parse(binary);
    expect(got.status).to.equal(200);
    expect(got.headers['content-length']).to.equal(String(image.length));
    const body = got.body as Buffer;
    expect(body.equals(image), 'the download is the image and nothing after it').to.equal(true);
    expect(
      (await world.everything()).filter((p) => p.startsWith('.tmp')),
      'no temporary file left',
    ).to.deep.equal([]);
  }

  for (const c of CASES) {
    it(`accepts ${c.name} and stores only the image`, async () => {
      const { image, trailer } = await c.parts();
      await expectCut(c.file, image, trailer);
    });
  }

  it('stores no ZIP or web page bytes of a polyglot', async () => {
    const image = await jpeg();
    const m = await draft('Mô hình thử tệp ghép');
    const res = await upload(people.agents.cadre, m.id, [
      ['a.jpg', Buffer.concat([image, Buffer.from('<html><script>alert(1)</script></html>')])],
      ['b.jpg', Buffer.concat([image, sample.docx()])],
    ]);
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    for (const row of await rowsOf(m.id)) {
      const body = (await people.agents.cadre.get(`/tep/${row.id}/tai-ve`).buffer(true).parse(binary)).body as Buffer;
      expect(body.includes(Buffer.from('PK\x03\x04', 'latin1')), 'no ZIP entry').to.equal(false);
      expect(body.includes(Buffer.from('<html')), 'no web page').to.equal(false);
    }
  });

  it('accepts a photo over the limit only because of its video, storing the photo', async () => {
    const image = await sample.jpegWithMotionXmp();
    const video = sample.mp4(700 * 1024);
    expect(image.length + video.length).to.be.above(512 * 1024);
    await expectCut('anh-chuyen-dong.jpg', image, video);
  });

  it('refuses an image whose own end lies beyond the limit, whatever follows it', async () => {
    // Noise does not compress: about 600 KB, over the 512 KB limit.
    const noise = Buffer.alloc(450 * 450 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const big = await sharp(noise, { raw: { width: 450, height: 450, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const m = await draft('Mô hình thử ảnh quá lớn');
    const before = await world.everything();
    const res = await upload(people.agents.cadre, m.id, [['anh.png', Buffer.concat([big, sample.mp4(1024)])]]);
    expect(res.status).to.equal(413);
    expect(res.text).to.match(/“anh\.png” \([^)]*\) vượt quá giới hạn 512 KB/);
    expect(await rowsOf(m.id)).to.deep.equal([]);
    expect(await world.everything()).to.deep.equal(before);
  });

  it('still refuses markup inside a picture that is kept', async () => {
    const comment = Buffer.from('<script>alert(1)</script>', 'latin1');
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(comment.length + 2, 2);
    const second = await sample.jpegWithGps(16, 16);
    const scripted = Buffer.concat([second.subarray(0, 2), segment, comment, second.subarray(2)]);
    const m = await draft('Mô hình thử ảnh thứ hai có mã');
    const before = await world.everything();
    const res = await upload(people.agents.cadre, m.id, [['anh.jpg', Buffer.concat([await jpeg(), scripted])]]);
    expect(res.status).to.equal(415);
    expect(res.text).to.match(/“anh\.jpg” chứa nội dung không được phép/);
    expect(await rowsOf(m.id)).to.deep.equal([]);
    expect(await world.everything()).to.deep.equal(before);
  });
});
