// What an evidence file may be: the allowed types, their limits, and the display name rules.
// Pure, so the form, the upload check and the tests read one table.
import type { UploadLimits } from '../config/config.js';

export type FileKind = 'image' | 'document' | 'video';

export interface AllowedType {
  mime: string;
  kind: FileKind;
  extensions: readonly string[];
  label: string;
}

/** The allowed types by sniffed MIME type; the extension must be one of the type's own. */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  { mime: 'image/jpeg', kind: 'image', extensions: ['jpg', 'jpeg'], label: 'Ảnh JPEG' },
  { mime: 'image/png', kind: 'image', extensions: ['png'], label: 'Ảnh PNG' },
  { mime: 'image/webp', kind: 'image', extensions: ['webp'], label: 'Ảnh WebP' },
  { mime: 'application/pdf', kind: 'document', extensions: ['pdf'], label: 'PDF' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: 'document',
    extensions: ['docx'],
    label: 'Word (DOCX)',
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    kind: 'document',
    extensions: ['xlsx'],
    label: 'Excel (XLSX)',
  },
  {
    mime: 'application/vnd.oasis.opendocument.text',
    kind: 'document',
    extensions: ['odt'],
    label: 'OpenDocument (ODT)',
  },
  { mime: 'video/mp4', kind: 'video', extensions: ['mp4'], label: 'Video MP4' },
];

const ALLOWED_EXTENSIONS = ALLOWED_TYPES.flatMap((t) => t.extensions);
/** For the file picker's `accept`: a hint only, the server decides by content. */
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

export const typeByMime = (mime: string) => ALLOWED_TYPES.find((t) => t.mime === mime);
export const typeLabel = (mime: string) => typeByMime(mime)?.label ?? mime;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export const maxBytesFor = (kind: FileKind, limits: UploadLimits) =>
  kind === 'video' ? limits.maxVideoBytes : limits.maxDocumentBytes;

const NAME_MAX_LENGTH = 200;

/**
 * The original name as display text, or a refusal. A name is never used as a path, but one that
 * carries path separators or control characters is a sign of a crafted request, so it is refused.
 */
export function checkOriginalName(raw: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = raw.normalize('NFC').trim();
  if (!name) return { ok: false, reason: 'Tệp không có tên.' };
  if (/[/\\]/.test(name))
    return {
      ok: false,
      reason: `Tên tệp “${printable(name)}” chứa ký tự đường dẫn (/ hoặc \\). Hãy đổi tên tệp rồi tải lên lại.`,
    };
  // C0, DEL, C1 and the bidirectional overrides that disguise an extension.
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return {
      ok: false,
      reason: `Tên tệp “${printable(name)}” chứa ký tự điều khiển không hợp lệ. Hãy đổi tên tệp rồi tải lên lại.`,
    };
  }
  if (name === '.' || name === '..' || name.startsWith('.'))
    return { ok: false, reason: `Tên tệp “${printable(name)}” không hợp lệ.` };
  if (name.length > NAME_MAX_LENGTH)
    return { ok: false, reason: `Tên tệp dài quá ${NAME_MAX_LENGTH} ký tự. Hãy đặt tên ngắn hơn.` };
  return { ok: true, name };
}

/** A name safe to quote back in a message. */
function printable(name: string): string {
  const shown = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace('.', ',')} MB`;
}

export const CAPTION_MAX_LENGTH = 300;
