// How movements read in Vietnamese: kinds, statuses, levels, periods, and their history's changes.
import type { MovementHistoryRow } from './queries.js';

export const KIND_LABELS: Record<string, string> = { regular: 'Thường xuyên', thematic: 'Theo chuyên đề' };
export const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp (chưa công bố)',
  in_force: 'Đang triển khai',
  ended: 'Đã kết thúc',
};

const FIELD_LABELS: Record<string, string> = {
  code: 'Mã',
  name: 'Tên',
  kind: 'Loại',
  status: 'Tình trạng',
  issuingBody: 'Cơ quan phát động',
  documentNumber: 'Số văn bản phát động',
  documentDate: 'Ngày văn bản',
  documentName: 'Tệp văn bản phát động',
  startYear: 'Năm bắt đầu',
  endYear: 'Năm kết thúc',
  goals: 'Mục tiêu',
  criteria: 'Tiêu chí',
  participants: 'Đối tượng tham gia',
  description: 'Giới thiệu',
  phases: 'Các giai đoạn',
};

const ACTION_LABELS: Record<string, string> = {
  create: 'Tạo phong trào',
  edit: 'Sửa thông tin',
  end: 'Kết thúc phong trào',
  delete: 'Xóa phong trào',
  document: 'Tải lên văn bản phát động',
};

/** "2021–2025", or "từ 2016" while open. */
export const period = (m: { startYear: number; endYear: number | null }) =>
  m.endYear === null
    ? `từ ${m.startYear}`
    : m.startYear === m.endYear
      ? String(m.startYear)
      : `${m.startYear}–${m.endYear}`;

/** "Trung ương", or the province's name. */
export function levelLabel(m: { level: string; provinceCode: string | null }, provinceName: (code: string) => string) {
  return m.level === 'central' ? 'Trung ương' : `Tỉnh, thành phố: ${provinceName(m.provinceCode ?? '')}`;
}

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  if (field === 'kind') return KIND_LABELS[String(v)] ?? String(v);
  if (field === 'status') return STATUS_LABELS[String(v)] ?? String(v);
  if (field === 'documentDate') {
    const [y, m, d] = String(v).slice(0, 10).split('-');
    return `${d}/${m}/${y}`;
  }
  return String(v);
}

export interface HistoryView {
  action: string;
  actor: string;
  at: Date;
  changes: { label: string; from: string; to: string }[];
}

export function historyView(rows: readonly MovementHistoryRow[]): HistoryView[] {
  return rows.map((r) => ({
    action: ACTION_LABELS[r.action] ?? r.action,
    actor: r.actor ?? '(không rõ)',
    at: r.createdAt,
    changes: Object.entries(r.changes ?? {}).map(([field, c]) => ({
      label: FIELD_LABELS[field] ?? field,
      from: valueText(field, c.from),
      to: valueText(field, c.to),
    })),
  }));
}
