// Reading exports back: CSV (its BOM checked and removed, then parsed), XLSX (exceljs) and ZIP (yauzl).
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type request from 'supertest';

/** supertest's parser for a binary body: the bytes as they came. */
export function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The rows of a CSV text with a BOM: the header row first. */
export function csvRows(text: string): string[][] {
  expect(text.charCodeAt(0), 'the CSV starts with a BOM').to.equal(0xfeff);
  return parse(text.slice(1), { relaxColumnCount: false }) as string[][];
}

/** The CSV's rows as objects keyed by its headers. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The first worksheet's rows, as exceljs reads them (cell values, header row first). */
export async function xlsxRows(body: Buffer): Promise<ExcelJS.CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1));
  });
  return rows;
}

/** Every entry of a ZIP, by name, uncompressed. */
export function zipEntries(body: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(body, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A GET whose body comes back as bytes. */
export const getBinary = (agent: ReturnType<typeof request.agent> | request.Agent, url: string) =>
  (agent as ReturnType<typeof request.agent>)
    .get(url)
    .buffer(true)
    .parse(binary as never);
