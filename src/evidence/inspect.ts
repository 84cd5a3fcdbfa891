// Decides from a finished temporary file whether it is an evidence file we accept, by its content.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { storageFailure } from './storage.js';
import type { UploadLimits } from '../config/config.js';
import { checkImageStructure } from './image-structure.js';
import { checkOfficePackage, OFFICE_LIMITS, type OfficeProblem } from './office-check.js';
import { checkPdf, PDF_CHECK_DEFAULTS, type PdfVerdict } from './pdf-check.js';
import {
  ALLOWED_TYPES,
  checkOriginalName,
  extensionOf,
  formatBytes,
  maxBytesFor,
  typeByMime,
  type FileKind,
} from './rules.js';
import { Invalid, type InvalidStatus } from '../http/errors.js';
import { formatNumber } from '../text/numbers.js';

// One image at a time per process and no decoded-pixel cache: a large photo must not hold memory.
sharp.concurrency(1);
sharp.cache(false);

export const ALLOWED_SUMMARY = 'ảnh JPEG, PNG, WebP; tài liệu PDF, DOCX, XLSX, ODT; video MP4';

export interface Inspected {
  name: string;
  mime: string;
  kind: FileKind;
  /** Of an image, once what followed its end is cut. */
  size: number;
  width: number | null;
  height: number | null;
}

/** A refused upload; the message names the file and says what to do. */
export class UploadRefused extends Invalid {
  constructor(status: InvalidStatus, message: string) {
    super(message, { status });
  }
}

// In a PDF's raw bytes: markup that makes it a web page too (a browser sniffing it would run it).
// Actions and embedded files are found by pdf-check.ts in the parsed objects. Long markers only,
// so that compressed streams do not match them by chance.
const PDF_MARKERS = ['<script', '<html', '<!doctype', '<?php', '/javascript', '/launch', '/embeddedfile', '/richmedia'];

/** The first `length` bytes of a file. */
async function readStart(file: string, length: number): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, read);
      if (!bytesRead) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/** Streams the file once, looking for any of the (lower-case, latin1) markers. */
async function findMarker(file: string, markers: readonly string[]): Promise<string | null> {
  const overlap = Math.max(...markers.map((m) => m.length));
  let tail = '';
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = tail + (chunk as Buffer).toString('latin1').toLowerCase();
    const found = markers.find((m) => text.includes(m));
    if (found) return found;
    tail = text.slice(-overlap);
  }
  return null;
}

/**
 * Checks one uploaded file: its name, size, sniffed type against the allowed list and its own
 * extension, hidden active content, and for images the pixel count and that it decodes. An image's
 * temporary file is cut at the image's end; the size returned is the cut size.
 */
export async function inspectUpload(
  file: { path: string; originalname: string; size: number },
  limits: UploadLimits,
): Promise<Inspected> {
  const named = checkOriginalName(file.originalname);
  if (!named.ok) throw new UploadRefused(400, named.reason);
  const name = named.name;
  if (file.size === 0) throw new UploadRefused(400, `Tệp “${name}” trống (0 byte). Hãy chọn đúng tệp.`);

  const ext = extensionOf(name);
  const claimed = ALLOWED_TYPES.find((t) => t.extensions.includes(ext));
  if (!claimed) {
    throw new UploadRefused(
      415,
      `Không nhận loại tệp “${name}”${ext ? ` (.${ext})` : ''}. Chỉ nhận: ${ALLOWED_SUMMARY}.`,
    );
  }
  const sniffed = await fileTypeFromFile(file.path);
  const actual = sniffed ? typeByMime(sniffed.mime) : undefined;
  if (!actual || actual.mime !== claimed.mime) {
    const what = actual ? actual.label : sniffed ? `tệp .${sniffed.ext}` : 'không nhận dạng được';
    throw new UploadRefused(
      415,
      `Nội dung tệp “${name}” không phải ${claimed.label} như phần mở rộng .${ext} cho biết (nội dung thực: ${what}). Tệp bị từ chối.`,
    );
  }
  const max = maxBytesFor(actual.kind, limits);
  const tooLarge = () =>
    new UploadRefused(
      413,
      `Tệp “${name}” (${formatBytes(file.size)}) vượt quá giới hạn ${formatBytes(max)} cho ${actual.kind === 'video' ? 'video' : 'ảnh và tài liệu'}.`,
    );
  // An image is measured after its trailer is cut, below.
  if (file.size > max && actual.kind !== 'image') throw tooLarge();

  const hidden = `Tệp “${name}” chứa nội dung không được phép (mã lệnh, trang web hoặc tệp khác giấu bên trong). Hãy xuất lại tệp từ phần mềm gốc rồi tải lên.`;
  if (actual.mime === 'application/pdf') {
    if (await findMarker(file.path, PDF_MARKERS)) throw new UploadRefused(415, hidden);
    const verdict = await checkPdf(file.path, name, { qpdfPath: limits.qpdfPath, ...PDF_CHECK_DEFAULTS });
    if (!verdict.ok) throw new UploadRefused(415, pdfMessage(name, verdict));
  }
  if (actual.kind === 'document' && actual.mime !== 'application/pdf') {
    const verdict = await checkOfficePackage(file.path, actual.mime as Parameters<typeof checkOfficePackage>[1]);
    if (!verdict.ok)
      throw new UploadRefused(
        verdict.problem === 'bomb' ? 413 : 415,
        officeMessage(name, actual.label, verdict.problem),
      );
  }
  let size = file.size;
  if (actual.kind === 'image') {
    // At most the limit is read: an image must end within it, whatever follows.
    const structure = checkImageStructure(await readStart(file.path, Math.min(file.size, max)), actual.mime);
    if (!structure.ok && structure.problem === 'broken')
      throw file.size > max ? tooLarge() : new UploadRefused(415, `Ảnh “${name}” bị hỏng hoặc không đọc được.`);
    if (!structure.ok) throw new UploadRefused(415, hidden);
    // Phones append vendor data (Samsung's SEF) or a motion photo's video after the picture, and a
    // polyglot hides a second file there: the original is kept only up to the image's end, so that
    // nobody can download what followed. Everything below, and the store, sees the cut file.
    if (structure.end < file.size) await fsp.truncate(file.path, structure.end);
    size = structure.end;
  }

  let width: number | null = null;
  let height: number | null = null;
  if (actual.kind === 'image') {
    const meta = await sharp(file.path, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    if (!meta?.width || !meta.height) throw new UploadRefused(415, `Ảnh “${name}” bị hỏng hoặc không đọc được.`);
    // Only the header is read so far: a tiny file can claim billions of pixels.
    if (meta.width * meta.height > limits.maxImagePixels) {
      throw new UploadRefused(
        413,
        `Ảnh “${name}” quá lớn (${meta.width} × ${meta.height} điểm ảnh; tối đa ${formatNumber(limits.maxImagePixels / 1e6)} triệu điểm ảnh). Hãy thu nhỏ ảnh rồi tải lên lại.`,
      );
    }
    // As shown: a phone photo stored sideways with an EXIF orientation of 5–8 is turned upright.
    const upright = (meta.orientation ?? 1) < 5;
    width = upright ? meta.width : meta.height;
    height = upright ? meta.height : meta.width;
  }
  return { name, mime: actual.mime, kind: actual.kind, size, width, height };
}

function pdfMessage(name: string, verdict: Exclude<PdfVerdict, { ok: true }>): string {
  switch (verdict.problem) {
    case 'active':
      return `Tệp PDF “${name}” chứa nội dung chủ động không được phép (mã JavaScript, lệnh mở chương trình hoặc tệp khác, tệp đính kèm, biểu mẫu gửi dữ liệu hoặc đa phương tiện; mục ${verdict.name}). Hãy in hoặc xuất lại tệp thành PDF thường rồi tải lên.`;
    case 'unreadable':
      return `Không đọc được tệp PDF “${name}”: tệp bị hỏng hoặc có mật khẩu. Hãy xuất lại tệp PDF (không đặt mật khẩu) rồi tải lên.`;
    case 'too-complex':
    case 'timeout':
      return `Tệp PDF “${name}” quá phức tạp để kiểm tra. Hãy in hoặc xuất lại tệp thành PDF thường rồi tải lên.`;
  }
}

function officeMessage(name: string, label: string, problem: OfficeProblem): string {
  switch (problem) {
    case 'broken':
      return `Tệp “${name}” bị hỏng hoặc không phải tài liệu ${label} hợp lệ. Hãy lưu lại tệp từ phần mềm gốc rồi tải lên.`;
    case 'bomb':
      return `Tệp “${name}” khi giải nén lớn bất thường (quá ${formatBytes(OFFICE_LIMITS.maxTotalBytes)} hoặc nén quá ${OFFICE_LIMITS.maxRatio} lần). Tệp bị từ chối.`;
    case 'entries':
      return `Tệp “${name}” có quá nhiều thành phần bên trong (tối đa ${OFFICE_LIMITS.maxEntries}). Tệp bị từ chối.`;
    case 'path':
      return `Tệp “${name}” chứa thành phần có đường dẫn không hợp lệ (đường dẫn tuyệt đối hoặc “..”). Tệp bị từ chối.`;
    case 'macro':
      return `Tệp “${name}” chứa macro hoặc mã lệnh (VBA, ActiveX, đối tượng nhúng, Basic, DDE). Hãy lưu lại thành tài liệu không có macro rồi tải lên.`;
    case 'external':
      return `Tệp “${name}” liên kết tới nội dung bên ngoài được tải khi mở tệp (mẫu, đối tượng, hình ảnh, bảng tính hoặc khung khác). Hãy gỡ các liên kết đó rồi tải lên.`;
    case 'type':
      return `Nội dung tệp “${name}” không phải ${label} như phần mở rộng cho biết (có thể là mẫu, tệp có macro hoặc loại tài liệu khác). Tệp bị từ chối.`;
  }
}

export interface Derived {
  thumbnailPath: string;
  displayPath: string;
  width: number;
  height: number;
}

/**
 * The thumbnail and the public full-size copy of an image, re-encoded so that no metadata (EXIF,
 * GPS, camera serial) survives; a picture that does not decode to the end is refused here.
 */
export async function deriveImages(
  source: string,
  tempDir: string,
  stem: string,
  name: string,
  limits: UploadLimits,
): Promise<Derived> {
  const thumbnailPath = path.join(tempDir, `${stem}-thumb`);
  const displayPath = path.join(tempDir, `${stem}-display`);
  const open = () => sharp(source, { limitInputPixels: limits.maxImagePixels, failOn: 'error' }).rotate();
  try {
    const info = await open()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toFile(displayPath);
    await open()
      .resize({ width: 480, height: 360, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 })
      .toFile(thumbnailPath);
    return { thumbnailPath, displayPath, width: info.width, height: info.height };
  } catch (err) {
    fs.rmSync(thumbnailPath, { force: true });
    fs.rmSync(displayPath, { force: true });
    const failure = storageFailure(err);
    if (failure !== err) throw failure;
    throw new UploadRefused(415, `Ảnh “${name}” bị hỏng hoặc không đọc được đến hết. Hãy chụp hoặc xuất lại ảnh.`);
  }
}
