// An uploaded sheet is checked by its content before anything reads it: an XLSX is a real Office
// package (evidence/office-check.ts: entry count, uncompressed sizes, ratios, macros, external links);
// a CSV is UTF-8 text. Each refusal says in Vietnamese what to do.
import fs from 'node:fs';
import { checkOfficePackage, type OfficeProblem } from '../evidence/office-check.js';
import { Invalid } from '../http/errors.js';
import type { ImportFormat } from './reader.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const OFFICE_MESSAGES: Record<OfficeProblem, string> = {
  bomb: 'Tệp Excel bị từ chối: khi giải nén, nội dung lớn bất thường so với kích thước tệp (có thể là “zip bomb”). Hãy mở tệp trong Excel và lưu lại thành .xlsx.',
  entries: 'Tệp Excel bị từ chối: có quá nhiều thành phần bên trong. Hãy chép dữ liệu sang tệp mẫu rồi tải lên lại.',
  macro:
    'Tệp có macro (VBA) hoặc điều khiển ActiveX không được nhận. Hãy lưu thành “Excel Workbook (.xlsx)” không có macro.',
  external:
    'Tệp Excel có liên kết tới tệp hoặc nguồn dữ liệu bên ngoài. Hãy xóa liên kết (Data → Edit Links → Break Link) rồi lưu lại.',
  path: 'Tệp Excel bị từ chối: cấu trúc bên trong không hợp lệ. Hãy mở trong Excel và lưu lại thành .xlsx.',
  broken: 'Tệp Excel bị hỏng hoặc không đọc được. Hãy mở trong Excel và lưu lại thành .xlsx.',
  type: 'Tệp không phải là một bảng tính Excel .xlsx (có thể là mẫu, tệp có macro hoặc loại tệp khác). Hãy lưu thành “Excel Workbook (.xlsx)”.',
};

const NOT_UTF8 =
  'Tệp CSV không phải bảng mã UTF-8 (chữ tiếng Việt sẽ bị lỗi). Trong Excel, chọn File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải lên lại.';

async function head(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The whole file decodes as UTF-8 and holds no NUL byte (a binary file or UTF-16). */
async function isUtf8Text(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The format of an accepted upload, or an Invalid with the reason. */
export async function checkSheetFile(file: string, originalName: string): Promise<ImportFormat> {
  const ext = /\.([a-z0-9]+)$/i.exec(originalName)?.[1]?.toLowerCase() ?? '';
  if (['xlsm', 'xltm', 'xlsb', 'xlam'].includes(ext)) throw new Invalid(OFFICE_MESSAGES.macro, { status: 415 });
  if (ext === 'xls')
    throw new Invalid('Định dạng Excel cũ (.xls) không được nhận. Hãy lưu thành “Excel Workbook (.xlsx)”.', {
      status: 415,
    });
  const start = await head(file, 8);
  const zip = start.length >= 4 && start.readUInt32LE(0) === 0x04034b50;
  if (ext === 'xlsx') {
    if (!zip) throw new Invalid(OFFICE_MESSAGES.type, { status: 415 });
    const verdict = await checkOfficePackage(file, XLSX_MIME);
    if (!verdict.ok) throw new Invalid(OFFICE_MESSAGES[verdict.problem], { status: 415 });
    return 'xlsx';
  }
  if (ext === 'csv' || ext === 'txt') {
    if (zip)
      throw new Invalid('Tệp có đuôi .csv nhưng nội dung là tệp nén (có thể là .xlsx đổi tên). Hãy tải lên đúng tệp.', {
        status: 415,
      });
    // UTF-16 (Excel's "Unicode Text") starts with its own byte-order mark.
    if (
      (start[0] === 0xff && start[1] === 0xfe) ||
      (start[0] === 0xfe && start[1] === 0xff) ||
      !(await isUtf8Text(file))
    )
      throw new Invalid(NOT_UTF8, { status: 415 });
    return 'csv';
  }
  throw new Invalid('Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv). Hãy dùng tệp mẫu.', { status: 415 });
}
