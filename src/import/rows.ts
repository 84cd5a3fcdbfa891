// One row of the sheet read into what the registration form would have received, checked by the
// form's own rules (submissions/validation.ts, the one number parser), plus what only an import
// has: the commune as a code or a name, the recognition, the external reference, the original.
import { validateModelInput, type ModelInput } from '../submissions/validation.js';
import { nameMentions } from '../submissions/name-check.js';
import { FIELDS, RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { foldVietnamese } from '../text/fold.js';
import { parseDate } from '../text/numbers.js';
import { cellText, type Cell } from './reader.js';
import { columnLabel, type ColumnKey } from './columns.js';
import { findCommune, type CommunePlace, type Lookups } from './lookups.js';

export interface Problem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

interface Recognition {
  year: number;
  level: 'commune' | 'province' | 'central';
  grade: 'tot' | 'kha';
  decisionNumber: string | null;
  decisionDate: string | null;
}

export interface ParsedRow {
  row: number;
  externalRef: string | null;
  input: ModelInput;
  place: CommunePlace;
  recognisedYear: number | null;
  recognition: Recognition | null;
  replicatesRef: string | null;
}

export interface RowContext {
  lookups: Lookups;
  /** The province the rows must belong to; null for the central admin importing anywhere. */
  provinceCode: string | null;
  targetStatus: 'approved' | 'submitted';
  thisYear: number;
}

const fold = (s: string) =>
  foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const TYPES: Record<string, 'collective' | 'individual'> = {
  'tap the': 'collective',
  'mo hinh tap the': 'collective',
  collective: 'collective',
  'ca nhan': 'individual',
  'dien hinh ca nhan': 'individual',
  individual: 'individual',
};
const FIELD_CODES = new Map<string, string>(
  FIELDS.flatMap((f) => [[fold(f.name), f.code] as const, [fold(f.code), f.code] as const]),
);
const LEVELS = new Map<string, Recognition['level']>(
  Object.entries(RECOGNITION_LEVELS).flatMap(([code, label]) => [
    [fold(label), code as Recognition['level']],
    [fold(label.replace(/^Cấp /, '')), code as Recognition['level']],
    [code, code as Recognition['level']],
  ]),
);
const GRADES = new Map<string, Recognition['grade']>(
  Object.entries(RECOGNITION_GRADES).flatMap(([code, label]) => [
    [fold(label), code as Recognition['grade']],
    [code, code as Recognition['grade']],
  ]),
);
const YES = new Set(['co', 'x', 'yes', '1', 'true', 'dong y', 'da dong y']);
const NO = new Set(['', 'khong', 'no', '0', 'false', 'chua', 'chua dong y', 'khong dong y']);

/** Which column a form field's error belongs to. */
const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  type: 'type',
  title: 'title',
  fieldCode: 'field',
  startedYear: 'startedYear',
  movementCodes: 'movements',
  resourcesMoneyMillion: 'money',
  resourcesWorkDays: 'workDays',
  publishConsent: 'consent',
};

function indicatorsOf(text: string): {
  list: { kindCode: string; name: string; value: string; unit: string }[];
  bad: boolean;
} {
  const list = [];
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.+?)=\s*(\S+)\s*(.*)$/.exec(part);
    if (!m) return { list: [], bad: true };
    list.push({ kindCode: '', name: m[1].trim(), value: m[2], unit: m[3].trim() });
  }
  return { list, bad: false };
}

/** A row as the form's input, or every problem of it (one per column at most). */
export function parseRow(
  number: number,
  cells: ReadonlyMap<ColumnKey, Cell>,
  c: RowContext,
): { ok: ParsedRow } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const text = (k: ColumnKey) => cellText(cells.get(k));
  const fail = (k: ColumnKey, reason: string, value = text(k)) => {
    if (!problems.some((p) => p.column === columnLabel(k)))
      problems.push({ row: number, column: columnLabel(k), value, reason });
  };

  const type = TYPES[fold(text('type'))];
  if (!type)
    fail('type', text('type') ? 'Loại phải là “Tập thể” hoặc “Cá nhân”.' : 'Thiếu loại: “Tập thể” hoặc “Cá nhân”.');
  const fieldCode = FIELD_CODES.get(fold(text('field')));
  if (!fieldCode) fail('field', text('field') ? 'Lĩnh vực không có trong danh sách.' : 'Thiếu lĩnh vực.');

  let place: CommunePlace | null = null;
  const communeText = text('commune');
  if (!communeText) fail('commune', 'Thiếu xã, phường.');
  else {
    const found = findCommune(c.lookups, communeText, c.provinceCode);
    if (found === 'ambiguous')
      fail('commune', 'Có nhiều xã, phường trùng tên này: hãy ghi mã xã (chọn trong danh sách).');
    else if (!found) fail('commune', 'Không tìm thấy xã, phường này (kể cả trong danh sách xã cũ trước sắp xếp).');
    else if (c.provinceCode && found.provinceCode !== c.provinceCode)
      fail(
        'commune',
        `Xã, phường này thuộc ${c.lookups.provinceNames.get(found.provinceCode) ?? 'tỉnh khác'}, không thuộc ${c.lookups.provinceNames.get(c.provinceCode) ?? 'tỉnh được nhập'}.`,
      );
    else place = found;
  }

  const year = (k: ColumnKey, required: boolean, min = 1945): number | null => {
    const t = text(k);
    if (!t) {
      if (required) fail(k, `Thiếu ${columnLabel(k).toLowerCase()}.`);
      return null;
    }
    const n = /^\d{4}$/.test(t) ? Number(t) : NaN;
    if (!Number.isInteger(n) || n < min || n > c.thisYear) {
      fail(k, `${columnLabel(k)} phải là năm từ ${min} đến ${c.thisYear}.`);
      return null;
    }
    return n;
  };
  const startedYear = year('startedYear', true);
  const approved = c.targetStatus === 'approved';
  const recognisedYear = year('recognisedYear', approved, startedYear ?? 1945);
  const level = LEVELS.get(fold(text('level')));
  const grade = GRADES.get(fold(text('grade')));
  if (text('level') && !level) fail('level', 'Cấp công nhận phải là Cấp xã, Cấp tỉnh hoặc Cấp Trung ương.');
  else if (approved && !level) fail('level', 'Thiếu cấp công nhận (bắt buộc khi nhập dưới dạng đã công nhận).');
  if (text('grade') && !grade) fail('grade', 'Xếp loại phải là Tốt hoặc Khá.');
  else if (approved && !grade) fail('grade', 'Thiếu xếp loại (bắt buộc khi nhập dưới dạng đã công nhận).');
  let decisionDate: string | null = null;
  const dateCell = cells.get('decisionDate');
  if (dateCell instanceof Date) decisionDate = dateCell.toISOString().slice(0, 10);
  else if (text('decisionDate')) {
    const d = parseDate(text('decisionDate'));
    if (d.ok) decisionDate = d.value;
    else fail('decisionDate', d.message);
  }

  const consentText = fold(text('consent'));
  if (!YES.has(consentText) && !NO.has(consentText)) fail('consent', 'Ghi “Có” hoặc “Không”.');
  const indicators = indicatorsOf(text('indicators'));
  if (indicators.bad) fail('indicators', 'Mỗi chỉ số viết “tên=giá trị đơn vị”, cách nhau bằng dấu chấm phẩy.');
  const figure = (k: ColumnKey) => {
    const v = cells.get(k);
    return typeof v === 'number' ? v : text(k);
  };

  const raw = {
    type: type ?? 'collective',
    title: text('title'),
    fieldCode: fieldCode ?? '',
    startedYear: startedYear ?? '',
    movementCodes: text('movements')
      .split(/[;,]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    summary: text('summary'),
    situation: text('situation'),
    goals: text('goals'),
    beneficiaries: text('beneficiaries'),
    activities: text('activities'),
    leadBodies: text('leadBodies'),
    partnerBodies: text('partnerBodies'),
    resourcesMoneyMillion: figure('money'),
    resourcesWorkDays: figure('workDays'),
    resourcesNonState: text('resourcesNonState'),
    results: text('results'),
    sustainability: text('sustainability'),
    holderName: text('holderName'),
    holderRole: text('holderRole'),
    publishConsent: YES.has(consentText),
    indicators: indicators.list,
  };
  const checked = validateModelInput(raw);
  if ('errors' in checked) {
    for (const [key, message] of Object.entries(checked.errors)) {
      const top = key.split('.')[0];
      const column = COLUMN_OF_FIELD[top] ?? (top === 'indicators' ? 'indicators' : (top as ColumnKey));
      if (column === 'movements') fail(column, 'Mã phong trào không hợp lệ (chữ thường, số và dấu gạch ngang).');
      else fail(column, message);
    }
  }
  for (const code of raw.movementCodes)
    if (!c.lookups.movementIds.has(code)) fail('movements', `Không có phong trào mã “${code}”.`);
  if ('value' in checked && type === 'individual') {
    for (const m of nameMentions(checked.value)) {
      const key = (COLUMN_OF_FIELD[m.field] ?? m.field.split('.')[0]) as ColumnKey;
      fail(
        key,
        `Nêu họ tên cá nhân chưa đồng ý công bố (${m.excerpt}). Ghi “Có” ở cột “${columnLabel('consent')}” nếu đã có đồng ý, hoặc thay họ tên bằng chức danh.`,
      );
    }
  }
  if (problems.length || !('value' in checked) || !place) return { problems };
  return {
    ok: {
      row: number,
      externalRef: text('externalRef') || null,
      input: checked.value,
      place,
      recognisedYear: approved ? recognisedYear : null,
      recognition:
        approved && recognisedYear && level && grade
          ? { year: recognisedYear, level, grade, decisionNumber: text('decisionNumber') || null, decisionDate }
          : null,
      replicatesRef: text('replicates') || null,
    },
  };
}
