// An export as an HTTP answer: the headers of a download, then the rows streamed as CSV or XLSX.
import type { Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import type { Column } from './export-columns.js';
import { writeCsv, writeXlsx } from './export-writers.js';

export type ExportFormat = 'csv' | 'xlsx';

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `mo-hinh-2026-12-03.csv`: the day of the export in the name, so successive downloads do not overwrite. */
export const exportFileName = (base: string, format: ExportFormat, now = new Date()) =>
  `${base}-${now.toISOString().slice(0, 10)}.${format}`;

export async function sendExport<T>(
  res: Response,
  o: {
    format: ExportFormat;
    fileName: string;
    sheetName: string;
    columns: Column<T>[];
    rows: AsyncIterable<T>;
    /** Internal data: no shared cache may keep it. */
    private?: boolean;
  },
): Promise<void> {
  res.status(200);
  res.set('Content-Type', TYPES[o.format]);
  res.set('Content-Disposition', contentDisposition(o.fileName));
  res.set('Cache-Control', o.private ? 'private, no-store' : 'no-cache');
  res.set('X-Content-Type-Options', 'nosniff');
  try {
    if (o.format === 'csv') await writeCsv(res, o.columns, o.rows);
    else await writeXlsx(res, o.sheetName, o.columns, o.rows);
    if (!res.writableEnded && !res.destroyed) res.end();
  } catch (err) {
    // The file has started: cut the transfer so that a half file never looks complete.
    res.req.log?.error({ err }, 'export failed');
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
