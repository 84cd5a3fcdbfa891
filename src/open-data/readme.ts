// The README.md and LICENSE of the open-data archive, written from the tables' own column definitions.
import type { OpenDataSettings } from '../config/config.js';
import type { CellKind } from '../listing/export-columns.js';
import { formatNumber } from '../text/numbers.js';
import { OPEN_DATA_TABLES } from './tables.js';

const KIND_NAMES: Record<CellKind, string> = {
  text: 'văn bản',
  integer: 'số nguyên',
  date: 'ngày (YYYY-MM-DD)',
  datetime: 'thời điểm (ISO 8601, UTC)',
  boolean: 'có / không',
};

/** A Markdown table cell: pipes and line breaks would break the row. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function readmeText(o: { counts: number[]; builtAt: Date; site: string; licence: OpenDataSettings }): string {
  const lines = [
    '# Dữ liệu mở: danh mục mô hình “Dân vận khéo”',
    '',
    `Nguồn: ${o.site}/du-lieu-mo. Dữ liệu tại thời điểm ${o.builtAt.toISOString()} (giờ UTC).`,
    '',
    `Giấy phép: ${o.licence.licenceName} (${o.licence.licenceUrl}); xem tệp LICENSE. Khi dùng lại, xin ghi nguồn.`,
    '',
    'Chỉ gồm dữ liệu công khai: các mô hình đã được công nhận; tên cá nhân chưa đồng ý công bố được giữ kín như trên trang web.',
    '',
    'Mỗi tệp CSV: mã UTF-8 có BOM, dấu phẩy phân cách, dòng đầu là tên cột, xuống dòng CRLF (RFC 4180).',
    "Ô trống là không có giá trị. Ô văn bản bắt đầu bằng = + - @, tab hoặc CR có thêm dấu ' phía trước, để bảng tính",
    'không đọc thành công thức; văn bản dài quá 32.767 ký tự (giới hạn của Excel) được cắt, kết thúc bằng “… [đã cắt]”.',
    '',
    '## Các tệp',
    '',
    '| Tệp | Nội dung | Số dòng |',
    '|---|---|---|',
    ...OPEN_DATA_TABLES.map((t, i) => `| ${t.file} | ${cell(t.about)} | ${formatNumber(o.counts[i] ?? 0)} |`),
  ];
  OPEN_DATA_TABLES.forEach((t, i) => {
    lines.push('', `## ${t.file}: ${t.title}`, '', t.about, '', `Số dòng: ${formatNumber(o.counts[i] ?? 0)}.`, '');
    lines.push('| Cột | Kiểu | Ý nghĩa |', '|---|---|---|');
    for (const c of t.columns) lines.push(`| ${cell(c.header)} | ${KIND_NAMES[c.kind]} | ${cell(c.description)} |`);
  });
  return lines.join('\n') + '\n';
}

export function licenceText(o: { site: string; licence: OpenDataSettings }): string {
  return [
    `Dữ liệu trong tệp nén này được công bố theo giấy phép ${o.licence.licenceName}.`,
    `Toàn văn giấy phép: ${o.licence.licenceUrl}`,
    '',
    `Nguồn: Cơ sở dữ liệu quốc gia các mô hình “Dân vận khéo”, ${o.site}/du-lieu-mo`,
    '',
    `The data in this archive is published under the ${o.licence.licenceName} licence.`,
    `Full text: ${o.licence.licenceUrl}`,
    `Attribution: Dân vận khéo national registry, ${o.site}/du-lieu-mo`,
    '',
  ].join('\n');
}
