// The report as a list of tables, built once from the counts: the page, the spreadsheet (one sheet per
// table) and the Word document all print these, with the same headers and the same numbers.
import type { Executor } from '../db/client.js';
import { MODEL_STATUS_LABELS, RECOGNITION_LEVELS, statusLabel } from '../reference/vocabulary.js';
import { CYCLE_FIGURES, CYCLE_KEYS, DEFINITIONS, figure, type FigureDefinition } from './report-definitions.js';
import type { ReportRequest } from './report-params.js';
import {
  commendationsByForm,
  cycleByGroup,
  cycleTotals,
  mostReplicated,
  newestApprovals,
  oldestWaiting,
  queueCounts,
  recognitionsByLevel,
  replicatedInPeriod,
  type Holder,
} from './report-queries.js';
import { publicText } from '../policy/privacy.js';

type CellKind = 'text' | 'number' | 'date';
interface ReportColumn {
  header: string;
  kind: CellKind;
  /** Width in characters, for the spreadsheet. */
  width: number;
}
export type ReportCell = string | number | Date | null;
export interface ReportTable {
  key: string;
  /** The heading, and the spreadsheet's sheet name (at most 31 characters). */
  title: string;
  /** What the table counts. */
  note: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}
export interface Report {
  title: string;
  request: ReportRequest;
  generatedAt: Date;
  tables: ReportTable[];
  definitions: readonly FigureDefinition[];
}

// The report leaves the registry (the written report a province sends): an individual's name stays
// hidden without consent, as on the public pages.
const titleOf = (h: Holder) => publicText(h.title, h);
const replicaTitles = (list: Holder[] | string) =>
  (typeof list === 'string' ? (JSON.parse(list) as Holder[]) : list).map(titleOf).join('; ');

const text = (header: string, width = 30): ReportColumn => ({ header, kind: 'text', width });
const num = (header: string, width = 14): ReportColumn => ({ header, kind: 'number', width });
const cycleColumns = () => CYCLE_FIGURES.map((f) => num(f.label, 12));
const place = (r: ReportRequest) => (r.scope.level === 'country' ? 'Tỉnh, thành phố' : 'Xã, phường');

/** Every table of the report for its period and area. */
export async function buildReport(db: Executor, request: ReportRequest, now = new Date()): Promise<Report> {
  const { period, previous, scope } = request;
  const [current, before, byPlace, byField, levels, replicated, commendations, queue, waiting, newest, most] =
    await Promise.all([
      cycleTotals(db, scope, period),
      cycleTotals(db, scope, previous),
      cycleByGroup(db, scope, period, 'place'),
      cycleByGroup(db, scope, period, 'field'),
      recognitionsByLevel(db, scope, period),
      replicatedInPeriod(db, scope, period),
      commendationsByForm(db, scope, period),
      queueCounts(db, scope),
      oldestWaiting(db, scope, now),
      newestApprovals(db, scope, period),
      mostReplicated(db, scope),
    ]);
  const replicas = replicated.reduce((a, r) => a + Number(r.replicas), 0);
  const commendationTotal = commendations.reduce((a, r) => a + Number(r.total), 0);
  const tables: ReportTable[] = [
    {
      key: 'totals',
      title: 'Tổng hợp',
      note: `Kỳ báo cáo ${period.label}, so với kỳ trước cùng độ dài (${previous.label}).`,
      columns: [text('Số liệu', 34), num(`Kỳ này`), num(`Kỳ trước`), num('Tăng, giảm')],
      rows: [
        ...CYCLE_FIGURES.map((f) => [f.label, current[f.key], before[f.key], current[f.key] - before[f.key]]),
        [figure('replicatedModels').label, replicated.length, null, null],
        [figure('replicas').label, replicas, null, null],
        [figure('commendations').label, commendationTotal, null, null],
      ],
    },
    {
      key: 'places',
      title: scope.level === 'country' ? 'Theo tỉnh, thành phố' : 'Theo xã, phường',
      note: 'Các số liệu của kỳ theo nơi của mô hình; chỉ ghi nơi có số liệu.',
      columns: [text(place(request)), ...cycleColumns()],
      rows: byPlace.map((r) => [r.name, ...CYCLE_KEYS.map((k) => r[k])]),
    },
    {
      key: 'fields',
      title: 'Theo lĩnh vực',
      note: 'Các số liệu của kỳ theo lĩnh vực của mô hình.',
      columns: [text('Lĩnh vực'), ...cycleColumns()],
      rows: byField.map((r) => [r.name, ...CYCLE_KEYS.map((k) => r[k])]),
    },
    {
      key: 'levels',
      title: 'Theo cấp công nhận',
      note: figure('levelRecognitions').definition,
      columns: [text('Cấp công nhận', 20), num('Loại Tốt'), num('Loại Khá'), num('Cộng')],
      rows: (['commune', 'province', 'central'] as const).map((level) => {
        const r = levels.find((l) => l.level === level);
        return [RECOGNITION_LEVELS[level], r?.good ?? 0, r?.fair ?? 0, r?.total ?? 0];
      }),
    },
    {
      key: 'replicated',
      title: 'Nhân rộng',
      note: `${figure('replicatedModels').definition} Cột “${figure('replicas').label}”: ${figure('replicas').definition}`,
      columns: [
        text('Mô hình', 40),
        text('Xã, phường', 24),
        num(figure('replicas').label),
        text('Các bản nhân rộng', 50),
      ],
      rows: replicated.map((r) => [titleOf(r), r.place, r.replicas, replicaTitles(r.replicaList)]),
    },
    {
      key: 'commendations',
      title: 'Khen thưởng',
      note: figure('commendations').definition,
      columns: [
        text('Hình thức', 30),
        num(RECOGNITION_LEVELS.commune),
        num(RECOGNITION_LEVELS.province),
        num(RECOGNITION_LEVELS.central),
        num('Cộng'),
      ],
      rows: commendations.map((r) => [r.name, r.commune, r.province, r.central, r.total]),
    },
    {
      key: 'queue',
      title: 'Hồ sơ theo trạng thái',
      note: figure('queue').definition,
      columns: [text('Trạng thái', 24), num('Số mô hình')],
      rows: Object.keys(MODEL_STATUS_LABELS).map((s) => [statusLabel(s), queue.get(s) ?? 0]),
    },
    {
      key: 'waiting',
      title: 'Chờ lâu nhất',
      note: figure('waiting').definition,
      columns: [
        text('Mô hình', 40),
        text('Xã, phường', 24),
        text('Trạng thái', 18),
        { header: 'Ngày gửi', kind: 'date', width: 12 },
        num('Số ngày chờ'),
      ],
      rows: waiting.map((r) => [
        titleOf(r),
        r.place,
        statusLabel(r.status),
        r.submittedAt,
        r.days === null ? null : Number(r.days),
      ]),
    },
    {
      key: 'newest',
      title: 'Công nhận gần đây',
      note: figure('newest').definition,
      columns: [text('Mô hình', 40), text('Xã, phường', 24), { header: 'Ngày công bố', kind: 'date', width: 14 }],
      rows: newest.map((r) => [titleOf(r), r.place, r.publishedAt]),
    },
    {
      key: 'mostReplicated',
      title: 'Nhân rộng nhiều nhất',
      note: figure('mostReplicated').definition,
      columns: [text('Mô hình', 40), text('Xã, phường', 24), num(figure('replicas').label)],
      rows: most.map((r) => [titleOf(r), r.place, Number(r.replicas)]),
    },
  ];
  // Counts come back as numbers from both drivers; a date column may come back as text.
  for (const t of tables)
    t.rows = t.rows.map((row) =>
      row.map((c, i) => {
        if (c === null) return null;
        if (t.columns[i].kind === 'number') return Number(c);
        return t.columns[i].kind === 'date' && !(c instanceof Date) ? new Date(String(c)) : c;
      }),
    );
  return {
    title: `Báo cáo tổng hợp mô hình “Dân vận khéo” – ${scope.label}, ${period.label}`,
    request,
    generatedAt: now,
    tables,
    definitions: DEFINITIONS,
  };
}
