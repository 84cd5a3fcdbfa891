// The whole list of problems: the uploaded file again, row for row, with an error column added,
// in the format it came in. It is checked again as it is written, so it says what holds now.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { runFile, type RunOptions } from './run.js';
import { ERROR_HEADER } from './columns.js';
import type { Cell } from './reader.js';

const csvField = (c: Cell) => {
  const s = c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function writeReport(
  db: Parameters<typeof runFile>[0],
  options: Omit<RunOptions, 'onRow' | 'onProgress'>,
  out: Writable,
): Promise<void> {
  if (options.format === 'csv') {
    out.write('\ufeff');
    let width = 0;
    await runFile(db, {
      ...options,
      onRow: (cells, outcome, messages) => {
        if (outcome === 'header') width = cells.length;
        const padded = [...cells, ...Array<Cell>(Math.max(0, width - cells.length)).fill(null)];
        const line = [...padded, outcome === 'header' ? ERROR_HEADER : messages.join('; ')].map(csvField).join(',');
        if (!out.write(`${line}\r\n`)) return new Promise((r) => out.once('drain', r));
      },
    });
    out.end();
    return;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('Mô hình');
  let width = 0;
  await runFile(db, {
    ...options,
    onRow: (cells, outcome, messages) => {
      if (outcome === 'header') width = cells.length;
      const padded = [...cells, ...Array<Cell>(Math.max(0, width - cells.length)).fill(null)];
      sheet.addRow([...padded, outcome === 'header' ? ERROR_HEADER : messages.join('; ')]).commit();
    },
  });
  sheet.commit();
  await wb.commit();
}
