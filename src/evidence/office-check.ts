// Looks inside DOCX, XLSX and ODT files, which are ZIP packages. The entry list comes from the
// central directory (what office programs read), every entry is inflated once with a byte counter
// that stops at its declared size, and XML parts are checked as they stream (nothing is kept).
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { decodeEntities, startTags, XmlPieces, type Tag } from './xml-scan.js';

export const OFFICE_LIMITS = {
  maxEntries: 5000,
  maxTotalBytes: 200 * 1024 * 1024,
  /** Uncompressed ÷ compressed, per entry and for the whole package, above which it is a zip bomb. */
  maxRatio: 100,
  /** Ratios of small parts say nothing: a few KB of repeated XML compresses far beyond 100. */
  ratioFloorBytes: 1024 * 1024,
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
// Parts that link to another workbook (also the home of Excel's DDE links) or fetch data from a
// database or a web address (connections and query tables, refreshed on open).
const EXTERNAL_PATH = /^xl\/(externalLinks\/|connections\.xml$|queryTables\/)/i;
// In text, entities decoded: Word DDE fields and Excel DDE formulas (both start programs),
// OpenDocument DDE connections and macro calls. Tag names cannot be escaped, so are matched raw.
const ACTIVE_TEXT =
  /DDEAUTO|(w:instr="|<w:instrText[^>]{0,200}>)\s{0,50}DDE\b|\w\|'[^'<]{0,300}'!|vnd\.sun\.star\.script:|macro:\/\//i;
const ACTIVE_TAGS = new Set(['event-listener', 'dde-connection-decl', 'dde-source', 'dde-connection']);
// OpenDocument elements that load what their xlink:href names when the file opens.
const LOADING_TAGS = new Set(['image', 'object', 'object-ole', 'plugin', 'applet', 'floating-frame', 'section-source']);
// Relationship types that wire in code even when the part has an innocent name.
const CODE_RELATIONSHIP = /\/(vbaProject|activeXControl|activeXControlBinary|oleObject|attachedToolbars|wordVbaData)$/i;

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

/** What the parts said, checked once every entry is read. */
type Facts = { mains: string[]; mimetype: string | null; basicLibraries: boolean };

/**
 * External relationships load something from elsewhere when the file is opened (a template, an OLE
 * object, another workbook, a frame, a subdocument, a remote picture). Only hyperlinks to web or
 * mail addresses, which open on a click, are allowed.
 */
function checkTag(tag: Tag, part: string, facts: Facts): void {
  const a = tag.attributes;
  if (ACTIVE_TAGS.has(tag.local)) throw new Refusal('macro');
  if (tag.local === 'Relationship' && part.endsWith('.rels')) {
    const type = a.get('Type') ?? '';
    const target = (a.get('Target') ?? '').trim().toLowerCase();
    if (a.get('TargetMode')?.trim().toLowerCase() === 'external') {
      if (!/\/hyperlink$/.test(type) || !/^(https?:|mailto:)/.test(target)) throw new Refusal('external');
    } else if (CODE_RELATIONSHIP.test(type)) throw new Refusal('macro');
  }
  if (part === '[Content_Types].xml' && (tag.local === 'Override' || tag.local === 'Default')) {
    const type = a.get('ContentType') ?? '';
    if (/macroEnabled|vnd\.ms-office\.(vbaProject|activeX)/i.test(type)) throw new Refusal('macro');
    if (tag.local === 'Override' && /\.main\+xml$/i.test(type)) facts.mains.push(type);
  }
  if (LOADING_TAGS.has(tag.local)) {
    const href = (a.get('href') ?? '').trim();
    // Inside the package: "Pictures/…", "./Object 1". A scheme, an absolute or parent path is outside.
    if (/^([a-z][a-z0-9+.-]*:|[/\\]|\.\.)/i.test(href)) throw new Refusal('external');
  }
  if (part === 'META-INF/manifest.xml' && tag.local === 'file-entry') {
    if (/^application\/(vnd\.sun\.star\.basic|x-starbasic)/i.test(a.get('media-type') ?? ''))
      facts.basicLibraries = true;
  }
}

function checkPiece(piece: string, part: string, facts: Facts): void {
  if (ACTIVE_TEXT.test(decodeEntities(piece))) throw new Refusal('macro');
  for (const tag of startTags(piece)) checkTag(tag, part, facts);
}

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** Reads one entry to its end (yauzl stops it past its declared size), checking XML parts as they stream. */
async function readPart(zip: yauzl.ZipFile, entry: yauzl.Entry, facts: Facts): Promise<void> {
  const stream = await openEntry(zip, entry);
  const name = entry.fileName;
  const pieces = isXml(name) ? new XmlPieces() : null;
  let mimetype = name === 'mimetype' ? '' : null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (mimetype !== null && mimetype.length < 256) mimetype += chunk.toString('latin1');
      if (!pieces) continue;
      const piece = pieces.push(chunk.toString('utf8'));
      if (piece === null) throw new Refusal('broken');
      checkPiece(piece, name, facts);
    }
    if (pieces) checkPiece(pieces.end(), name, facts);
    if (mimetype !== null) facts.mimetype = mimetype;
  } catch (err) {
    stream.destroy();
    if (err instanceof Refusal) throw err;
    // yauzl stops the stream past the declared size: the central directory lied about it.
    throw new Refusal(/too many bytes/.test(String((err as Error)?.message)) ? 'bomb' : 'broken');
  }
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
  const facts: Facts = { mains: [], mimetype: null, basicLibraries: false };
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
          if (!name.endsWith('/')) await readPart(zip, entry, facts);
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
      if (first !== 'mimetype' || facts.mimetype !== mime) throw new Refusal('type');
      if (facts.basicLibraries) throw new Refusal('macro');
    } else if (facts.mains.length !== 1 || facts.mains[0] !== MAIN_PART[mime]) {
      throw new Refusal('type');
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
