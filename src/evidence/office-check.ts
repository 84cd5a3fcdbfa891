// Looks inside DOCX, XLSX and ODT files, which are ZIP packages. The entry list comes from the
// central directory (what office programs read), every entry is inflated once with a byte counter
// that stops at its declared size, and only small XML parts are kept to read.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';

export const OFFICE_LIMITS = {
  maxEntries: 5000,
  maxTotalBytes: 200 * 1024 * 1024,
  /** Uncompressed ÷ compressed, per entry and for the whole package, above which it is a zip bomb. */
  maxRatio: 100,
  /** Ratios of small parts say nothing: a few KB of repeated XML compresses far beyond 100. */
  ratioFloorBytes: 1024 * 1024,
  /** Parts kept in memory to read ([Content_Types].xml, *.rels, mimetype, the main XML). */
  maxPartBytes: 4 * 1024 * 1024,
};

export type OfficeProblem = 'broken' | 'bomb' | 'entries' | 'path' | 'macro' | 'external' | 'type';
export type OfficeVerdict = { ok: true } | { ok: false; problem: OfficeProblem };

type OfficeMime =
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'application/vnd.oasis.opendocument.text';

/** The content type of the main part that makes an OOXML package a Word document or a workbook (not a template, not macro-enabled). */
const MAIN_PART: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

// Macros and controls: VBA projects (Word and Excel), ActiveX controls, OLE objects (which can wrap
// a program or an exploitable equation), embedded macro-enabled packages, OpenDocument Basic and
// script folders.
const MACRO_PATH =
  /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$|(^|\/)activeX\/|(^|\/)embeddings\/[^/]*\.(bin|docm|dotm|xlsm|xltm|xlsb|pptm)$|^Basic\/|^Scripts\//i;
// Parts that link to another workbook (also the home of Excel's DDE links).
const EXTERNAL_PATH = /^xl\/externalLinks\//i;
// Inside XML: Word DDE fields and Excel DDE formulas (both start programs), OpenDocument DDE
// connections and event listeners that run macros.
const ACTIVE_XML =
  /DDEAUTO|(w:instr="|<w:instrText[^>]{0,200}>)\s{0,50}DDE\b|\w\|'[^'<]{0,300}'!|dde-connection-decl|office:dde-source|vnd\.sun\.star\.script:|<script:event-listener|macro:\/\//i;
// OpenDocument objects, pictures, frames and sections loaded from an address when the file opens
// (text:a hyperlinks, opened on a click, are fine).
const EXTERNAL_XML =
  /<(draw:(image|object|object-ole|plugin|applet|floating-frame)|text:section-source)\b[^>]{0,500}xlink:href="[a-z][a-z0-9+.-]{0,20}:/i;
// Every pattern above spans fewer bytes than this, so one split between two chunks is still seen.
const XML_OVERLAP = 1024;

const openZip = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    ),
  );

const openEntry = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
    ),
  );

class Refusal extends Error {
  constructor(readonly problem: OfficeProblem) {
    super(problem);
  }
}

const isKept = (name: string) =>
  name === '[Content_Types].xml' || name === 'mimetype' || name.endsWith('.rels') || name === 'META-INF/manifest.xml';
const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** Reads one entry to its end, counting bytes; keeps it when asked, scans it when it is XML. */
async function drain(zip: yauzl.ZipFile, entry: yauzl.Entry, keep: boolean): Promise<Buffer | null> {
  const stream = await openEntry(zip, entry);
  const kept: Buffer[] = [];
  let size = 0;
  let tail = '';
  const scan = isXml(entry.fileName);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (keep) {
        if (size > OFFICE_LIMITS.maxPartBytes) throw new Refusal('bomb');
        kept.push(chunk);
      }
      if (scan) {
        const text = tail + chunk.toString('latin1');
        if (ACTIVE_XML.test(text)) throw new Refusal('macro');
        if (EXTERNAL_XML.test(text)) throw new Refusal('external');
        tail = text.slice(-XML_OVERLAP);
      }
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof Refusal) throw err;
    // yauzl stops the stream past the declared size: the central directory lied about it.
    throw new Refusal(/too many bytes/.test(String((err as Error)?.message)) ? 'bomb' : 'broken');
  }
  return keep ? Buffer.concat(kept) : null;
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3] ?? '') : null;
}

/**
 * External relationships load something from elsewhere when the file is opened (a template, an OLE
 * object, another workbook, a frame, a subdocument, a remote picture). Only hyperlinks to web or
 * mail addresses, which open on a click, are allowed.
 */
function checkRelationships(xml: string): void {
  for (const tag of xml.match(/<(\w+:)?Relationship\b[^>]*>/g) ?? []) {
    if (attribute(tag, 'TargetMode')?.toLowerCase() !== 'external') continue;
    const type = attribute(tag, 'Type') ?? '';
    const target = (attribute(tag, 'Target') ?? '').trim().toLowerCase();
    if (!/\/hyperlink$/.test(type) || !/^(https?:|mailto:)/.test(target)) throw new Refusal('external');
  }
}

function checkContentTypes(xml: string, mime: OfficeMime): void {
  if (/macroEnabled|vnd\.ms-office\.vbaProject|vnd\.ms-office\.activeX/i.test(xml)) throw new Refusal('macro');
  const overrides = (xml.match(/<(\w+:)?Override\b[^>]*>/g) ?? []).map((t) => attribute(t, 'ContentType') ?? '');
  const mains = overrides.filter((t) => /\.main\+xml$/.test(t));
  if (mains.length !== 1 || mains[0] !== MAIN_PART[mime]) throw new Refusal('type');
}

/** Checks the package behind an office file whose ZIP signature and extension already agree. */
export async function checkOfficePackage(file: string, mime: OfficeMime): Promise<OfficeVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    return { ok: false, problem: 'broken' };
  }
  if (zip.entryCount > OFFICE_LIMITS.maxEntries) {
    closeQuietly(zip);
    return { ok: false, problem: 'entries' };
  }
  const parts = new Map<string, Buffer>();
  const seen = new Set<string>();
  let first: string | null = null;
  let total = 0;
  let compressed = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) =>
        reject(
          new Refusal(/absolute path|invalid relative path|invalid characters/.test(err.message) ? 'path' : 'broken'),
        ),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        first ??= name;
        const step = async () => {
          // Two entries of one name: programs disagree on which one counts.
          if (seen.has(name.toLowerCase())) throw new Refusal('broken');
          seen.add(name.toLowerCase());
          if (MACRO_PATH.test(name)) throw new Refusal('macro');
          if (EXTERNAL_PATH.test(name)) throw new Refusal('external');
          total += entry.uncompressedSize;
          compressed += entry.compressedSize;
          if (total > OFFICE_LIMITS.maxTotalBytes) throw new Refusal('bomb');
          if (tooCompressed(entry.uncompressedSize, entry.compressedSize)) throw new Refusal('bomb');
          if (name.endsWith('/')) return;
          const kept = await drain(zip, entry, isKept(name));
          if (kept) parts.set(name, kept);
        };
        step().then(
          () => zip.readEntry(),
          (err: unknown) => reject(err),
        );
      });
      zip.readEntry();
    });
    if (tooCompressed(total, compressed)) throw new Refusal('bomb');
    if (mime === 'application/vnd.oasis.opendocument.text') {
      if (first !== 'mimetype' || parts.get('mimetype')?.toString('latin1') !== mime) throw new Refusal('type');
      const manifest = parts.get('META-INF/manifest.xml')?.toString('utf8') ?? '';
      if (/manifest:media-type="application\/(vnd\.sun\.star\.basic|x-starbasic)/i.test(manifest))
        throw new Refusal('macro');
    } else {
      const types = parts.get('[Content_Types].xml');
      if (!types) throw new Refusal('type');
      checkContentTypes(types.toString('utf8'), mime);
      for (const [name, body] of parts) if (name.endsWith('.rels')) checkRelationships(body.toString('utf8'));
    }
    return { ok: true };
  } catch (err) {
    closeQuietly(zip);
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    return { ok: false, problem: 'broken' };
  }
}

const tooCompressed = (uncompressed: number, compressed: number) =>
  uncompressed > OFFICE_LIMITS.ratioFloorBytes && uncompressed > OFFICE_LIMITS.maxRatio * Math.max(compressed, 1);

// yauzl closes the file itself after an error of its own; closing again would throw.
function closeQuietly(zip: yauzl.ZipFile): void {
  try {
    if (zip.isOpen) zip.close();
  } catch {
    /* already closed */
  }
}
