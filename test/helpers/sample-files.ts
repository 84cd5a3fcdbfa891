// Real files of each kind, made in the test run: images by sharp, office documents as real ZIP
// packages, a minimal but well-formed PDF and MP4.
import sharp from 'sharp';
import { zipSync, strToU8 } from 'fflate';
import { deflateSync, crc32 } from 'node:zlib';

/** A JPEG photo carrying camera EXIF with a GPS position, as phones write them. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 30 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Hiện trường 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '21/1 35/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 50/1 30/1',
      },
    })
    .toBuffer();
}

export const png = (width = 320, height = 200) =>
  sharp({ create: { width, height, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 1 } } })
    .png()
    .toBuffer();

export const webp = (width = 320, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 60 } } })
    .webp()
    .toBuffer();

export function pdf(extra = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  body += extra;
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CONTENT_TYPES = (main: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${main}</Types>`;

export function docx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        CONTENT_TYPES(
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
        ),
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo mô hình</w:t></w:r></w:p></w:body></w:document>',
      ),
    }),
  );
}

export function xlsx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        CONTENT_TYPES(
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        ),
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': strToU8(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Số liệu" sheetId="1"/></sheets></workbook>',
      ),
    }),
  );
}

export function odt(): Buffer {
  // The mimetype entry comes first and uncompressed, as the OpenDocument format requires.
  return Buffer.from(
    zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      ),
    }),
  );
}

/** An MP4 header (ftyp + an empty moov) followed by `payloadBytes` of media data. */
export function mp4(payloadBytes = 2048): Buffer {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const ftyp = box(
    'ftyp',
    Buffer.concat([
      Buffer.from('isom', 'latin1'),
      Buffer.from([0, 0, 2, 0]),
      Buffer.from('isomiso2avc1mp41', 'latin1'),
    ]),
  );
  const mdat = box('mdat', Buffer.alloc(payloadBytes, 7));
  return Buffer.concat([ftyp, box('moov', Buffer.alloc(0)), mdat]);
}

/** A PNG whose header claims `width` × `height` pixels while the file stays tiny: a decompression bomb. */
export function pngBomb(width = 30000, height = 30000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  // A few rows of zeros; the rest is what the header promises and a decoder would allocate.
  const idat = deflateSync(Buffer.alloc(width + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows program's first bytes (the "MZ" header and DOS stub). */
export function exe(): Buffer {
  const b = Buffer.alloc(512, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** A JPEG with an XMP packet as Google's camera writes it for a motion photo (the video follows the picture). */
export async function jpegWithMotionXmp(width = 64, height = 64): Promise<Buffer> {
  const xmp = Buffer.from(
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:GCamera="http://ns.google.com/photos/1.0/camera/" GCamera:MotionPhoto="1" GCamera:MotionPhotoVersion="1" GCamera:MotionPhotoPresentationTimestampUs="0"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  );
  const body = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), xmp]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  const jpeg = await jpegWithGps(width, height);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

/**
 * What a Samsung phone appends after a photo's end: its SEF trailer, data blocks (here the capture
 * time and a motion photo's video) followed by the SEFH directory pointing back at them and "SEFT".
 */
export function samsungTrailer(video = mp4(4096)): Buffer {
  const blocks: { type: number; name: string; data: Buffer }[] = [
    { type: 0x0a01, name: 'Image_UTC_Data', data: Buffer.from('1764662400000', 'latin1') },
    { type: 0x0a30, name: 'MotionPhoto_Data', data: video },
  ];
  const parts: Buffer[] = [];
  const entries: { type: number; at: number; length: number }[] = [];
  let at = 0;
  for (const b of blocks) {
    const head = Buffer.alloc(8);
    head.writeUInt16LE(0, 0);
    head.writeUInt16LE(b.type, 2);
    head.writeUInt32LE(b.name.length, 4);
    const block = Buffer.concat([head, Buffer.from(b.name, 'latin1'), b.data]);
    entries.push({ type: b.type, at, length: block.length });
    parts.push(block);
    at += block.length;
  }
  const directory = Buffer.alloc(12 + 12 * entries.length);
  directory.write('SEFH', 0, 'latin1');
  directory.writeUInt32LE(107, 4);
  directory.writeUInt32LE(entries.length, 8);
  entries.forEach((e, i) => {
    directory.writeUInt16LE(e.type, 12 + 12 * i + 2);
    // Offsets count back from the directory's start.
    directory.writeUInt32LE(at - e.at, 12 + 12 * i + 4);
    directory.writeUInt32LE(e.length, 12 + 12 * i + 8);
  });
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(directory.length, 0);
  tail.write('SEFT', 4, 'latin1');
  return Buffer.concat([...parts, directory, tail]);
}
