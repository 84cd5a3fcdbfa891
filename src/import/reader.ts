// Reads an uploaded sheet row by row, streaming, so that a 50,000-row file never sits in memory.
// XLSX through exceljs's WorkbookReader (formula cells give their cached value, never a formula);
// CSV through csv-parse, UTF-8 (checked before, see file-check.ts), with its separator guessed.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';

export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  /** As the spreadsheet numbers it: the header is row 1. */
  number: number;
  cells: Cell[];
}
export type ImportFormat = 'xlsx' | 'csv';

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A formula is never evaluated nor kept: its cached result is the value, as the person saw it.
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? cellValue(o.result) : null;
    if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return null;
}

async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let first = true;
  for await (const sheet of reader) {
    // Only the first sheet holds models; the guide and the lists follow it.
    if (!first) {
      for await (const _row of sheet) void _row;
      continue;
    }
    first = false;
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
      yield { number: row.number, cells };
    }
  }
}

/** The separator of the header line: Excel writes ";" where the decimal mark is ",". */
async function guessDelimiter(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const line = buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    const count = (c: string) => line.split(c).length - 1;
    return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  } finally {
    await handle.close();
  }
}

async function* csvRows(file: string): AsyncGenerator<SheetRow> {
  const parser = fs
    .createReadStream(file)
    .pipe(parse({ bom: true, delimiter: await guessDelimiter(file), relax_column_count: true, relax_quotes: true }));
  let number = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    number++;
    yield { number, cells: record.map((s) => (s === '' ? null : s)) };
  }
}

export function readRows(file: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(file) : csvRows(file);
}

/** A cell as the text a person reads in it ("" for none). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).normalize('NFC').trim();
}
