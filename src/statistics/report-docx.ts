// The report as a Word document, for the written report a province sends: A4, the same tables as the
// page with their header rows repeated on every page and rows never split, then the definitions.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDate, formatDateTime, formatNumber } from '../text/numbers.js';
import type { Report, ReportCell, ReportTable } from './report-tables.js';

/** A cell as the page prints it: a count the Vietnamese way, a day as day/month/year. */
export function cellText(value: ReportCell, kind: string): string {
  if (value === null || value === '') return '—';
  if (kind === 'number') return formatNumber(Number(value));
  if (kind === 'date') return formatDate(value instanceof Date ? value : String(value));
  return String(value);
}

const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, size: 20 })],
      }),
    ],
  });

function table(t: ReportTable): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ text: t.title, heading: HeadingLevel.HEADING_2, keepNext: true }),
    new Paragraph({ children: [new TextRun({ text: t.note, italics: true, size: 20 })], keepNext: true }),
  ];
  if (t.rows.length === 0) {
    out.push(new Paragraph('Không có số liệu trong kỳ.'));
    return out;
  }
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: t.columns.map((c) => cell(c.header, { bold: true, right: c.kind === 'number' })),
        }),
        ...t.rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map((v, i) =>
                cell(cellText(v, t.columns[i].kind), { right: t.columns[i].kind === 'number' }),
              ),
            }),
        ),
      ],
    }),
  );
  return out;
}

export async function reportDocument(report: Report): Promise<Buffer> {
  const doc = new Document({
    creator: 'Cơ sở dữ liệu mô hình “Dân vận khéo”',
    title: report.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [
      {
        properties: {
          // A4 in twentieths of a point, landscape so the wide tables fit.
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [
          new Paragraph({ text: report.title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [new TextRun({ text: `Lập lúc ${formatDateTime(report.generatedAt)}.`, italics: true })],
          }),
          ...report.tables.flatMap(table),
          new Paragraph({ text: 'Cách tính các số liệu', heading: HeadingLevel.HEADING_2 }),
          ...report.definitions.map(
            (d) =>
              new Paragraph({
                children: [new TextRun({ text: `${d.label}: `, bold: true }), new TextRun(d.definition)],
              }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
