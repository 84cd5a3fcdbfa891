// The report as a workbook: one sheet per table, a title and a note above a frozen, bold header row,
// counts stored as numbers, dates as dates, texts neutralised so a spreadsheet never runs them.
import ExcelJS from 'exceljs';
import { safeText } from '../listing/export-columns.js';
import { formatDate, formatDateTime } from '../text/numbers.js';
import type { Report } from './report-tables.js';

/** The day on Vietnam's clock, as the midnight a spreadsheet shows as that day. */
function vietnamDay(d: Date): Date {
  const [day, month, year] = formatDate(d).split('/').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Rows above a table's header: its title and what it counts. */
const HEAD_ROWS = 2;

export async function reportWorkbook(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Cơ sở dữ liệu mô hình “Dân vận khéo”';
  book.created = report.generatedAt;
  for (const table of report.tables) {
    const sheet = book.addWorksheet(table.title.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: HEAD_ROWS + 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = table.columns.map((c) => ({ width: c.width }));
    sheet.getCell(1, 1).value = safeText(table.key === 'totals' ? report.title : `${table.title} – ${report.title}`);
    sheet.getCell(1, 1).font = { bold: true, size: 13 };
    sheet.getCell(2, 1).value = safeText(`${table.note} Lập lúc ${formatDateTime(report.generatedAt)}.`);
    sheet.getCell(2, 1).font = { italic: true };
    const header = sheet.getRow(HEAD_ROWS + 1);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1EC' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    // Print the header row on every page of a long table.
    sheet.pageSetup.printTitlesRow = `${HEAD_ROWS + 1}:${HEAD_ROWS + 1}`;
    table.rows.forEach((row, r) => {
      const line = sheet.getRow(HEAD_ROWS + 2 + r);
      row.forEach((value, i) => {
        const cell = line.getCell(i + 1);
        const kind = table.columns[i].kind;
        if (value === null) return;
        if (kind === 'number') {
          cell.value = Number(value);
          cell.numFmt = '#,##0';
        } else if (kind === 'date') {
          cell.value = vietnamDay(value instanceof Date ? value : new Date(String(value)));
          cell.numFmt = 'dd/mm/yyyy';
        } else cell.value = safeText(String(value));
      });
    });
    if (table.rows.length === 0) sheet.getCell(HEAD_ROWS + 2, 1).value = 'Không có số liệu trong kỳ.';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
