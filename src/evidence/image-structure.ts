// Walks an image's container structure to find what a polyglot hides: bytes after the image ends,
// or markup in metadata segments. Pixel data is not searched: compressed bytes match short
// markers by chance, text-bearing segments and trailers do not.

export type StructureCheck = { ok: true } | { ok: false; problem: 'trailing' | 'markup' | 'broken' };

const MARKUP = /<(script|html|svg|iframe|object|embed|\?php|!doctype)|javascript:/i;
const hasMarkup = (bytes: Buffer) => MARKUP.test(bytes.toString('latin1'));

function checkJpeg(b: Buffer, pictures = 1): StructureCheck {
  if (b[0] !== 0xff || b[1] !== 0xd8) return { ok: false, problem: 'broken' };
  let i = 2;
  while (i + 2 <= b.length) {
    if (b[i] !== 0xff) return { ok: false, problem: 'broken' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd9) return jpegTrailer(b.subarray(i + 2), pictures);
    // Markers without a length: restart markers and TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return { ok: false, problem: 'broken' };
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return { ok: false, problem: 'broken' };
    const segment = b.subarray(i + 4, i + 2 + length);
    // APPn and COM carry text (EXIF, XMP, comments): the place a script hides in a "photo".
    if (((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) && hasMarkup(segment))
      return { ok: false, problem: 'markup' };
    i += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
      while (
        i + 1 < b.length &&
        !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7) && b[i + 1] !== 0xff)
      )
        i += 1;
    }
  }
  return { ok: false, problem: 'broken' };
}

function checkPng(b: Buffer): StructureCheck {
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + length > b.length) return { ok: false, problem: 'broken' };
    if (type !== 'IDAT' && hasMarkup(b.subarray(i + 8, i + 8 + length))) return { ok: false, problem: 'markup' };
    i += 12 + length;
    if (type === 'IEND') return trailerAfter(b, i);
  }
  return { ok: false, problem: 'broken' };
}

function checkWebp(b: Buffer): StructureCheck {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF') return { ok: false, problem: 'broken' };
  const end = 8 + b.readUInt32LE(4);
  if (end > b.length) return { ok: false, problem: 'broken' };
  // EXIF and XMP chunks are text; the bitstream chunks are not searched.
  let i = 12;
  while (i + 8 <= end) {
    const type = b.toString('latin1', i, i + 4);
    const length = b.readUInt32LE(i + 4);
    if (i + 8 + length > end) return { ok: false, problem: 'broken' };
    if ((type === 'EXIF' || type === 'XMP ') && hasMarkup(b.subarray(i + 8, i + 8 + length)))
      return { ok: false, problem: 'markup' };
    i += 8 + length + (length % 2);
  }
  return trailerAfter(b, end);
}

const isPadding = (byte: number) => byte === 0x00 || byte === 0xff || byte === 0x0a || byte === 0x0d || byte === 0x20;

/** A few padding bytes after the end are common; anything of substance is a second file. */
function trailerAfter(b: Buffer, end: number): StructureCheck {
  return b.subarray(end).every(isPadding) ? { ok: true } : { ok: false, problem: 'trailing' };
}

// After a JPEG's end only padding or further complete JPEG pictures may follow (phones append
// multi-picture depth maps and HDR gain maps), each walked the same way. Anything else, vendor
// trailers and motion-photo videos included, is refused: the original is downloadable as it is.
// Phones write two to four; a chain of thousands is a crafted file (and deep recursion).
const MAX_PICTURES = 16;
function jpegTrailer(rest: Buffer, pictures: number): StructureCheck {
  let start = 0;
  while (start < rest.length && isPadding(rest[start]) && !(rest[start] === 0xff && rest[start + 1] === 0xd8))
    start += 1;
  if (start === rest.length) return { ok: true };
  if (rest[start] === 0xff && rest[start + 1] === 0xd8 && pictures < MAX_PICTURES) {
    const inner = checkJpeg(rest.subarray(start), pictures + 1);
    return inner.ok || inner.problem !== 'broken' ? inner : { ok: false, problem: 'trailing' };
  }
  return { ok: false, problem: 'trailing' };
}

export function checkImageStructure(bytes: Buffer, mime: string): StructureCheck {
  switch (mime) {
    case 'image/jpeg':
      return checkJpeg(bytes);
    case 'image/png':
      return checkPng(bytes);
    case 'image/webp':
      return checkWebp(bytes);
    default:
      return { ok: false, problem: 'broken' };
  }
}
