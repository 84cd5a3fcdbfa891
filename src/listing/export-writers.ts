// CSV and XLSX writers of the export columns (export-columns.ts). Both take the rows as an async iterable
// (the list query's stream) and keep to the output's pace, so a long export never sits in memory.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeText, type CellKind, type CellValue, type Column } from './export-columns.js';

/** Rows per statement when an export reads the list query's stream: fewer round trips than a page's 500. */
export const EXPORT_BATCH = 2000;

/** The output went away (the client hung up): the export stops without an error. */
class OutputClosed extends Error {}

/**
 * Waits for `out` to take more (or throws OutputClosed when it closes). One pair of listeners per export:
 * the compression middleware hands 'drain' listeners to its gzip stream, from which they are never removed.
 */
function pacer(out: Writable) {
  let waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const settle = (err?: Error) => {
    const w = waiting;
    waiting = null;
    if (err) w?.reject(err);
    else w?.resolve();
  };
  const onDrain = () => settle();
  const onClose = () => settle(new OutputClosed());
  out.on('drain', onDrain);
  out.on('close', onClose);
  return {
    drained: (): Promise<void> =>
      out.destroyed
        ? Promise.reject(new OutputClosed())
        : new Promise((resolve, reject) => {
            waiting = { resolve, reject };
          }),
    done: () => {
      out.removeListener('drain', onDrain);
      out.removeListener('close', onClose);
    },
  };
}

const iso = (v: CellValue) => (v instanceof Date ? v : new Date(String(v))).toISOString();

const NEEDS_QUOTES = /[",\r\n]/;
const quoted = (text: string) => (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Each kind's CSV text, chosen once per column rather than once per cell. */
const CSV_FORMATS: Record<CellKind, (v: NonNullable<CellValue>) => string> = {
  text: (v) => quoted(safeText(String(v))),
  integer: (v) => String(v),
  boolean: (v) => (v ? 'có' : 'không'),
  date: (v) => iso(v).slice(0, 10),
  datetime: (v) => (typeof v === 'string' && v.endsWith('Z') ? v : iso(v)),
};

const CHUNK = 64 * 1024;

/** UTF-8 with a BOM (Excel then reads Vietnamese correctly), a header row, CRLF line ends (RFC 4180). */
export async function writeCsv<T>(out: Writable, columns: Column<T>[], rows: AsyncIterable<T>): Promise<number> {
  const cells = columns.map((c) => {
    const format = CSV_FORMATS[c.kind];
    return (row: T) => {
      const v = c.value(row);
      return v === null || v === undefined || v === '' ? '' : format(v);
    };
  });
  const line = (row: T) => {
    let text = cells[0](row);
    for (let i = 1; i < cells.length; i++) text += ',' + cells[i](row);
    return text + '\r\n';
  };
  let buffer = '\uFEFF' + columns.map((c) => quoted(safeText(c.header))).join(',') + '\r\n';
  let count = 0;
  const pace = pacer(out);
  const flush = async () => {
    const more = out.write(buffer);
    buffer = '';
    if (!more) await pace.drained();
  };
  try {
    for await (const row of rows) {
      buffer += line(row);
      count++;
      if (buffer.length >= CHUNK) await flush();
    }
    if (buffer) await flush();
  } catch (err) {
    if (err instanceof OutputClosed) return count;
    throw err;
  } finally {
    pace.done();
  }
  return count;
}

function xlsxCell(kind: CellKind, v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (kind === 'boolean') return v ? 'có' : 'không';
  if (kind === 'date' || kind === 'datetime') return v instanceof Date ? v : new Date(String(v));
  if (kind === 'integer') return Number(v);
  return safeText(String(v));
}

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
  // Text cells stay text: Excel does not read "0912…" as a number nor "=…" as a formula.
  text: '@',
};
// Rows between two turns of the event loop: exceljs does its work synchronously.
const YIELD_EVERY = 500;

/** One worksheet with a bold header row; dates are real dates, text cells are text. */
export async function writeXlsx<T>(
  out: Writable,
  sheetName: string,
  columns: Column<T>[],
  rows: AsyncIterable<T>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: c.width ?? Math.max(12, c.header.length + 2),
    style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let count = 0;
  const pace = pacer(out);
  try {
    for await (const row of rows) {
      sheet.addRow(columns.map((c) => xlsxCell(c.kind, c.value(row)))).commit();
      count++;
      if (count % YIELD_EVERY === 0) {
        if (out.destroyed) throw new OutputClosed();
        if (out.writableNeedDrain) await pace.drained();
        else await new Promise((resolve) => setImmediate(resolve));
      }
    }
    sheet.commit();
    await workbook.commit();
  } catch (err) {
    if (err instanceof OutputClosed) return count;
    throw err;
  } finally {
    pace.done();
  }
  return count;
}
