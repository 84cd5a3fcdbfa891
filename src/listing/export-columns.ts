// The columns of every export: the browse selection (CSV and XLSX), the dashboard's selection and the
// open-data archive. One definition per column, so the files, their headers and the archive's README agree.
import type { PublicModelSummary, InternalModelSummary } from './summaries.js';
import { MODEL_STATUS_LABELS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';

/**
 * text and integer as they are; date: a calendar day (YYYY-MM-DD); datetime: an instant (ISO 8601, UTC);
 * boolean: "có" or "không".
 */
export type CellKind = 'text' | 'integer' | 'date' | 'datetime' | 'boolean';
export type CellValue = string | number | boolean | Date | null;

export interface Column<T> {
  header: string;
  kind: CellKind;
  /** One line for the open-data README. */
  description: string;
  value: (row: T) => CellValue;
  /** Width in characters in XLSX. */
  width?: number;
}

/** Excel's limit on the characters of a cell. */
export const CELL_LIMIT = 32_767;
export const CUT_MARKER = '… [đã cắt]';
// Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula (or a DDE call).
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that no spreadsheet evaluates, and that fits in one cell. */
export function safeText(text: string): string {
  const neutral = FORMULA_START.test(text) ? `'${text}` : text;
  return neutral.length > CELL_LIMIT ? neutral.slice(0, CELL_LIMIT - CUT_MARKER.length) + CUT_MARKER : neutral;
}

/** A model of the public selection, with its address on the site. */
export type PublicExportRow = PublicModelSummary & { url: string };

const yesNo = 'có hoặc không';

export const PUBLIC_MODEL_COLUMNS: Column<PublicExportRow>[] = [
  { header: 'Mã số', kind: 'integer', description: 'Mã số của mô hình (như trong API)', value: (m) => m.id },
  { header: 'Tên mô hình', kind: 'text', width: 50, description: 'Tên mô hình', value: (m) => m.title },
  {
    header: 'Loại',
    kind: 'text',
    width: 20,
    description: 'Mô hình tập thể hoặc điển hình cá nhân',
    value: (m) => MODEL_TYPE_LABELS[m.type],
  },
  { header: 'Mã lĩnh vực', kind: 'text', description: 'Mã lĩnh vực (xem /api/v1/fields)', value: (m) => m.field },
  { header: 'Lĩnh vực', kind: 'text', width: 24, description: 'Tên lĩnh vực', value: (m) => m.fieldName },
  { header: 'Mã tỉnh', kind: 'text', description: 'Mã tỉnh, thành phố hiện nay', value: (m) => m.provinceCode },
  {
    header: 'Tỉnh, thành phố',
    kind: 'text',
    width: 20,
    description: 'Tên tỉnh, thành phố',
    value: (m) => m.provinceName,
  },
  {
    header: 'Mã xã',
    kind: 'text',
    description: 'Mã xã, phường hiện nay; trống khi xã cũ đăng ký đã chia về nhiều xã mới',
    value: (m) => m.communeCode,
  },
  {
    header: 'Xã, phường',
    kind: 'text',
    width: 20,
    description: 'Tên xã, phường hiện nay',
    value: (m) => m.communeName,
  },
  {
    header: 'Mã tỉnh cũ',
    kind: 'text',
    description: 'Mã tỉnh cũ (trước sáp nhập năm 2025) khi mô hình đăng ký theo tỉnh cũ',
    value: (m) => m.formerProvinceCode,
  },
  { header: 'Tỉnh cũ', kind: 'text', description: 'Tên tỉnh cũ', value: (m) => m.formerProvinceName },
  {
    header: 'Mã xã cũ',
    kind: 'text',
    description: 'Mã xã cũ (trước sáp nhập) khi mô hình đăng ký theo xã cũ',
    value: (m) => m.formerCommuneCode,
  },
  { header: 'Xã cũ', kind: 'text', description: 'Tên xã cũ', value: (m) => m.formerCommuneName },
  {
    header: 'Địa bàn',
    kind: 'text',
    width: 40,
    description: 'Địa bàn như trang web ghi, gồm cả đơn vị cũ',
    value: (m) => m.placeLabel,
  },
  { header: 'Năm công nhận', kind: 'integer', description: 'Năm công nhận lần đầu', value: (m) => m.year },
  { header: 'Năm bắt đầu', kind: 'integer', description: 'Năm bắt đầu thực hiện', value: (m) => m.startedYear },
  {
    header: 'Chủ thể',
    kind: 'text',
    width: 30,
    description: 'Tập thể hoặc cá nhân thực hiện; tên cá nhân chưa đồng ý công bố được giữ kín',
    value: (m) => m.holder,
  },
  { header: 'Tóm tắt', kind: 'text', width: 60, description: 'Tóm tắt công khai', value: (m) => m.summary },
  {
    header: 'Số mô hình nhân rộng',
    kind: 'integer',
    description: 'Số mô hình đã được công nhận nhân rộng từ mô hình này',
    value: (m) => m.replicationCount,
  },
  {
    header: 'Ngày công bố',
    kind: 'datetime',
    width: 20,
    description: 'Thời điểm công bố (ISO 8601, giờ UTC)',
    value: (m) => m.publishedAt,
  },
  { header: 'Dữ liệu mẫu', kind: 'boolean', description: `Dữ liệu trình diễn (${yesNo})`, value: (m) => m.demo },
  { header: 'Đường dẫn', kind: 'text', width: 40, description: 'Trang của mô hình trên cổng', value: (m) => m.url },
];

/** What the dashboard's export adds to a model of the user's scope. */
export interface InternalDetails {
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** Who took the last decision on it (approve, return, reject, withdraw), by display name. */
  reviewer: string | null;
  createdAt: string;
}
export type StaffExportRow = InternalModelSummary & InternalDetails;

/** The dashboard's selection: names as registered (the user works on these models) and the internal columns. */
export const STAFF_MODEL_COLUMNS: Column<StaffExportRow>[] = [
  { header: 'Mã số', kind: 'integer', description: 'Mã số của mô hình', value: (m) => m.id },
  { header: 'Tên mô hình', kind: 'text', width: 50, description: 'Tên mô hình', value: (m) => m.title },
  { header: 'Loại', kind: 'text', width: 20, description: 'Loại', value: (m) => MODEL_TYPE_LABELS[m.type] },
  { header: 'Lĩnh vực', kind: 'text', width: 24, description: 'Lĩnh vực', value: (m) => m.fieldName },
  { header: 'Mã tỉnh', kind: 'text', description: 'Mã tỉnh', value: (m) => m.provinceCode },
  { header: 'Tỉnh, thành phố', kind: 'text', width: 20, description: 'Tỉnh', value: (m) => m.provinceName },
  { header: 'Địa bàn', kind: 'text', width: 40, description: 'Địa bàn', value: (m) => m.placeLabel },
  { header: 'Năm công nhận', kind: 'integer', description: 'Năm công nhận', value: (m) => m.year },
  { header: 'Chủ thể', kind: 'text', width: 30, description: 'Chủ thể (tên như đăng ký)', value: (m) => m.holderName },
  { header: 'Tóm tắt', kind: 'text', width: 60, description: 'Tóm tắt', value: (m) => m.summary },
  {
    header: 'Trạng thái',
    kind: 'text',
    width: 18,
    description: 'Trạng thái hồ sơ',
    value: (m) => MODEL_STATUS_LABELS[m.status],
  },
  { header: 'Người liên hệ', kind: 'text', width: 24, description: 'Người liên hệ', value: (m) => m.contactName },
  { header: 'Điện thoại liên hệ', kind: 'text', description: 'Điện thoại', value: (m) => m.contactPhone },
  { header: 'Thư điện tử liên hệ', kind: 'text', width: 28, description: 'Thư điện tử', value: (m) => m.contactEmail },
  {
    header: 'Người xét duyệt',
    kind: 'text',
    width: 24,
    description: 'Người ra quyết định gần nhất',
    value: (m) => m.reviewer,
  },
  { header: 'Ý kiến gần nhất', kind: 'text', width: 40, description: 'Ý kiến gần nhất', value: (m) => m.lastComment },
  { header: 'Ngày tạo', kind: 'datetime', width: 20, description: 'Ngày tạo', value: (m) => m.createdAt },
  { header: 'Ngày gửi', kind: 'datetime', width: 20, description: 'Ngày gửi xét duyệt', value: (m) => m.submittedAt },
  { header: 'Ngày công bố', kind: 'datetime', width: 20, description: 'Ngày công bố', value: (m) => m.publishedAt },
  { header: 'Ngày cập nhật', kind: 'datetime', width: 20, description: 'Ngày sửa gần nhất', value: (m) => m.updatedAt },
  { header: 'Dữ liệu mẫu', kind: 'boolean', description: 'Dữ liệu trình diễn', value: (m) => m.demo },
];
