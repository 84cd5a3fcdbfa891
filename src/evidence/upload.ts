// Receiving uploads: multer streams each file part to a temporary file (never into memory), then
// every file is checked and images are re-encoded before anything is stored.
import fsp from 'node:fs/promises';
import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import type { UploadLimits } from '../config/config.js';
import { deriveImages, inspectUpload } from './inspect.js';
import { formatBytes, CAPTION_MAX_LENGTH } from './rules.js';
import { newKey, storageFailure, type FileStore } from './storage.js';
import type { PreparedUpload } from './store.js';
import { AppError, Invalid } from '../http/errors.js';
import { checkParsedFields } from '../http/input.js';

const UPLOAD_FIELD = 'files';

function multerMessage(err: multer.MulterError, limits: UploadLimits): AppError {
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new Invalid(
        `Có tệp vượt quá giới hạn ${formatBytes(Math.max(limits.maxVideoBytes, limits.maxDocumentBytes))}. Ảnh và tài liệu tối đa ${formatBytes(limits.maxDocumentBytes)}, video tối đa ${formatBytes(limits.maxVideoBytes)}.`,
        { status: 413 },
      );
    case 'LIMIT_FILE_COUNT':
      return new Invalid(`Mỗi lần chỉ tải lên được tối đa ${limits.maxFilesPerEntry} tệp.`);
    case 'LIMIT_UNEXPECTED_FILE':
      return new Invalid('Biểu mẫu tải tệp không hợp lệ. Hãy tải lại trang và chọn tệp lại.');
    default:
      return new Invalid('Dữ liệu gửi lên không hợp lệ hoặc quá nhiều trường. Hãy tải lại trang và thử lại.');
  }
}

/** multer, with its limits and errors in Vietnamese; part files of a refused request are removed by multer. */
export function receiveFiles(store: FileStore, limits: UploadLimits): RequestHandler {
  const parse = multer({
    storage: multer.diskStorage({ destination: store.tempDir, filename: (_req, _file, cb) => cb(null, newKey()) }),
    limits: {
      fileSize: Math.max(limits.maxVideoBytes, limits.maxDocumentBytes),
      files: limits.maxFilesPerEntry,
      fields: 20,
      fieldSize: 16 * 1024,
      parts: limits.maxFilesPerEntry + 20,
    },
    // The full name as sent, so that one with path separators is refused rather than silently cut.
    preservePath: true,
    // Browsers send UTF-8 names; the default would read Vietnamese names as Latin-1.
    defParamCharset: 'utf8',
  }).array(UPLOAD_FIELD);
  return (req, res, next) => {
    parse(req, res, (err: unknown) => {
      if (!err) {
        try {
          checkParsedFields(req);
        } catch (refused) {
          // The files are already on disk: a refused form leaves none behind.
          return void removeTemporary(uploadedFiles(req).map((f) => f.path)).then(() => next(refused));
        }
        return next();
      }
      // A full or read-only upload folder is the server's fault, not a broken body.
      const failure = storageFailure(err);
      if (failure !== err) return next(failure);
      if (err instanceof multer.MulterError) return next(multerMessage(err, limits));
      // busboy: a cut-off or malformed body (the client gave up, or a crafted request).
      if (err instanceof Error && !(err instanceof AppError)) {
        return next(
          new Invalid('Dữ liệu tải lên không hoàn chỉnh (kết nối bị gián đoạn hoặc biểu mẫu hỏng). Hãy thử lại.'),
        );
      }
      next(err);
    });
  };
}

export const uploadedFiles = (req: Request) => (Array.isArray(req.files) ? req.files : []) as Express.Multer.File[];

/** What the commune typed with the files, checked; kept to show again if the upload is refused. */
export function uploadOptions(body: Record<string, unknown> | undefined): { caption: string; isPublic: boolean } {
  const caption = typeof body?.caption === 'string' ? body.caption.normalize('NFC').trim() : '';
  if (caption.length > CAPTION_MAX_LENGTH) throw new Invalid(`Chú thích tối đa ${CAPTION_MAX_LENGTH} ký tự.`);
  return { caption, isPublic: body?.visibility !== 'internal' };
}

/**
 * Checks every received file and derives image copies; all or nothing, so a refused file leaves the
 * others unsaved and the user fixes the batch once. The caller removes the temporary files.
 */
export async function prepareUploads(
  files: readonly Express.Multer.File[],
  store: FileStore,
  limits: UploadLimits,
  options: { caption: string; isPublic: boolean },
  temporary: string[],
): Promise<PreparedUpload[]> {
  if (!files.length) throw new Invalid('Hãy chọn ít nhất một tệp để tải lên.');
  const prepared: PreparedUpload[] = [];
  for (const f of files) {
    // Checking cuts an image's trailer in place, and deriving writes copies: both can meet a full disk.
    const inspected = await inspectUpload(f, limits).catch((err: unknown) => {
      throw storageFailure(err);
    });
    let derived: PreparedUpload['derived'];
    if (inspected.kind === 'image') {
      const d = await deriveImages(f.path, store.tempDir, newKey(), inspected.name, limits).catch((err: unknown) => {
        throw storageFailure(err);
      });
      temporary.push(d.thumbnailPath, d.displayPath);
      derived = { thumbnailPath: d.thumbnailPath, displayPath: d.displayPath };
    }
    prepared.push({ tempPath: f.path, ...inspected, derived, caption: options.caption, isPublic: options.isPublic });
  }
  return prepared;
}

export async function removeTemporary(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => fsp.rm(p, { force: true }).catch(() => undefined)));
}
