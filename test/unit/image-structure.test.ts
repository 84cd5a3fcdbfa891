import { expect } from 'chai';
import { checkImageStructure } from '../../src/evidence/image-structure.js';
import * as sample from '../helpers/sample-files.js';
import * as hostile from '../helpers/hostile-files.js';

const JPEG = 'image/jpeg';

describe('image structure: where an image really ends', () => {
  it('ends a JPEG after its EOI, not at an FFD9 inside its EXIF thumbnail', async () => {
    const photo = await hostile.jpegWithExifThumbnail();
    const thumbnailEoi = photo.indexOf(Buffer.from([0xff, 0xd9]));
    expect(thumbnailEoi).to.be.below(photo.length - 2);
    expect(checkImageStructure(Buffer.concat([photo, sample.mp4()]), JPEG)).to.deep.equal({
      ok: true,
      end: photo.length,
    });
  });

  it('keeps further complete pictures, across padding, and stops at a picture cut short', async () => {
    const a = await sample.jpegWithGps(32, 32);
    const b = await sample.jpegWithGps(16, 16);
    const chained = Buffer.concat([a, Buffer.alloc(7), b]);
    expect(checkImageStructure(chained, JPEG)).to.deep.equal({ ok: true, end: chained.length });
    const cutShort = Buffer.concat([chained, b.subarray(0, b.length - 40)]);
    expect(checkImageStructure(cutShort, JPEG)).to.deep.equal({ ok: true, end: chained.length });
  });

  it('stops at a Samsung SEF trailer even though it starts with zero bytes', async () => {
    const photo = await sample.jpegWithGps(32, 32);
    const trailer = sample.samsungTrailer();
    expect(trailer.subarray(0, 2)).to.deep.equal(Buffer.from([0, 0]));
    expect(trailer.subarray(-4).toString('latin1')).to.equal('SEFT');
    expect(checkImageStructure(Buffer.concat([photo, trailer]), JPEG)).to.deep.equal({ ok: true, end: photo.length });
  });

  it('refuses a first picture cut short, and markup in a chained picture', async () => {
    const photo = await sample.jpegWithGps(32, 32);
    expect(checkImageStructure(photo.subarray(0, photo.length - 40), JPEG)).to.deep.equal({
      ok: false,
      problem: 'broken',
    });
    const comment = Buffer.from('\xff\xfe\x00\x1b<script>alert(1)</script>', 'latin1');
    const scripted = Buffer.concat([photo.subarray(0, 2), comment, photo.subarray(2)]);
    expect(checkImageStructure(Buffer.concat([photo, scripted]), JPEG)).to.deep.equal({
      ok: false,
      problem: 'markup',
    });
  });

  it('ends a PNG after IEND and its CRC, a WebP at its RIFF size', async () => {
    const png = await sample.png(16, 16);
    expect(checkImageStructure(Buffer.concat([png, sample.docx()]), 'image/png')).to.deep.equal({
      ok: true,
      end: png.length,
    });
    const webp = await sample.webp(16, 16);
    expect(webp.readUInt32LE(4) + 8).to.equal(webp.length);
    expect(checkImageStructure(Buffer.concat([webp, sample.docx()]), 'image/webp')).to.deep.equal({
      ok: true,
      end: webp.length,
    });
  });
});
