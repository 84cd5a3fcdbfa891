// Walks an image's container structure to find where the image really ends and whether markup
// hides in its metadata segments. Pixel data is not searched: compressed bytes match short
// markers by chance, text-bearing segments do not.

/** `end`: the length of the image proper; whatever follows it (a vendor trailer, a video) is not kept. */
export type StructureCheck = { ok: true; end: number } | { ok: false; problem: 'markup' | 'broken' };

const MARKUP = /<(script|html|svg|iframe|object|embed|\?php|!doctype)|javascript:/i;
const hasMarkup = (bytes: Buffer) => MARKUP.test(bytes.toString('latin1'));

/** One JPEG picture starting at `from`; `end` is just after its EOI marker. */
function walkJpeg(b: Buffer, from: number): StructureCheck {
  if (b[from] !== 0xff || b[from + 1] !== 0xd8) return { ok: false, problem: 'broken' };
  let i = from + 2;
  while (i + 2 <= b.length) {
    if (b[i] !== 0xff) return { ok: false, problem: 'broken' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd9) return { ok: true, end: i + 2 };
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

const isPadding = (byte: number) => byte === 0x00 || byte === 0xff || byte === 0x0a || byte === 0x0d || byte === 0x20;

// Phones append further complete pictures (multi-picture depth maps, HDR gain maps): they are
// kept, each walked the same way. The chain ends at the first thing that is not a complete
// picture, Samsung's SEF trailer or a motion photo's video for instance. Phones write two to
// four; a longer chain is cut after the limit.
const MAX_PICTURES = 16;
function checkJpeg(b: Buffer): StructureCheck {
  const first = walkJpeg(b, 0);
  if (!first.ok) return first;
  let end = first.end;
  for (let pictures = 1; pictures < MAX_PICTURES; pictures++) {
    let start = end;
    while (start < b.length && isPadding(b[start]) && !(b[start] === 0xff && b[start + 1] === 0xd8)) start += 1;
    const next = walkJpeg(b, start);
    // Markup in a picture that would be kept is refused like markup in the first one.
    if (!next.ok && next.problem === 'markup') return next;
    if (!next.ok) break;
    end = next.end;
  }
  return { ok: true, end };
}

function checkPng(b: Buffer): StructureCheck {
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + length > b.length) return { ok: false, problem: 'broken' };
    if (type !== 'IDAT' && hasMarkup(b.subarray(i + 8, i + 8 + length))) return { ok: false, problem: 'markup' };
    i += 12 + length;
    if (type === 'IEND') return { ok: true, end: i };
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
  return { ok: true, end };
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
