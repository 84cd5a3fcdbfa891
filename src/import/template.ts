// The import template, built with exceljs's non-streaming Workbook (its streaming writer breaks
// data validations): the sheet to fill, a guide explaining each column with an example, and a hidden
// sheet holding the drop-down lists (types, fields, levels, grades, the province's communes).
import ExcelJS from 'exceljs';
import { FIELDS, RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import type { CommuneWithFormer } from '../admin-units/queries.js';
import { COLUMNS, type Column } from './columns.js';

const SHEET_NAME = 'Mô hình';
/** Rows of the first sheet that carry the drop-downs. */
const VALIDATED_ROWS = 5000;

const communeOption = (c: { code: string; name: string }) => `${c.code} – ${c.name}`;

export async function buildTemplate(provinceName: string, communes: readonly CommuneWithFormer[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cơ sở dữ liệu mô hình Dân vận khéo';
  const sheet = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('Hướng dẫn');
  const lists = wb.addWorksheet('Danh mục', { state: 'hidden' });

  const listValues: Record<NonNullable<Column['list']>, string[]> = {
    types: ['Tập thể', 'Cá nhân'],
    fields: FIELDS.map((f) => f.name),
    levels: Object.values(RECOGNITION_LEVELS),
    grades: Object.values(RECOGNITION_GRADES),
    consent: ['Có', 'Không'],
    communes: communes.map(communeOption),
  };
  const ranges = new Map<string, string>();
  Object.entries(listValues).forEach(([name, values], i) => {
    const col = lists.getColumn(i + 1);
    col.header = name;
    values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
    const letter = col.letter;
    ranges.set(name, `'Danh mục'!$${letter}$2:$${letter}$${Math.max(values.length + 1, 2)}`);
  });

  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'top' };
  COLUMNS.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    if (c.list) {
      // One range-wide rule per column: a rule per cell would make the file many times larger.
      (
        sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.get(c.list)!],
        showErrorMessage: c.list !== 'communes',
        errorTitle: c.header,
        error: 'Hãy chọn một giá trị trong danh sách.',
      });
    }
    // Codes, references and dates as typed: Excel must not turn "05797" into 5797.
    if (['externalRef', 'commune', 'decisionNumber', 'money', 'workDays', 'decisionDate'].includes(c.key))
      sheet.getColumn(i + 1).numFmt = '@';
  });

  guide.columns = [
    { header: 'Cột', key: 'header', width: 28 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'help', width: 80 },
    { header: 'Ví dụ', key: 'example', width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.addRow({
    header: `Tệp mẫu nhập mô hình cho ${provinceName}`,
    help: 'Mỗi dòng của trang “Mô hình” là một mô hình. Giữ nguyên dòng tiêu đề; thứ tự cột có thể đổi. Tệp tối đa 50.000 dòng.',
  });
  for (const c of COLUMNS) {
    guide.addRow({ header: c.header, required: c.required ? 'Có' : '', help: c.help, example: c.example });
  }
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
