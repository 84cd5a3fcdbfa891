import type { StatRow } from './queries.js';

// A spreadsheet would run a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One figure as CSV: UTF-8 with a byte order mark (spreadsheets then read the diacritics), a header
 * row, counts as plain digits.
 */
export function figureCsv(header: [string, string, string], rows: StatRow[]): string {
  const lines = [
    header.map(cell).join(','),
    ...rows.map((r) => [cell(r.key), cell(r.label), String(r.count)].join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
