// The movement form: what was typed (kept to show again) and the checked input, with Vietnamese messages.
import Joi from 'joi';
import { MOVEMENT_KINDS, MOVEMENT_STATUSES } from '../db/schema.js';
import { parseDate } from '../text/numbers.js';

const FIRST_YEAR = 1945;
const LAST_YEAR = 2100;
/** Blank phase rows the form offers beside the existing ones (no script adds rows). */
export const BLANK_PHASE_ROWS = 3;

export interface PhaseInput {
  name: string;
  startYear: number;
  endYear: number | null;
}
export interface MovementInput {
  code: string;
  name: string;
  kind: string;
  status: string;
  issuingBody: string;
  documentNumber: string | null;
  documentDate: string | null;
  startYear: number;
  endYear: number | null;
  goals: string;
  criteria: string;
  participants: string;
  description: string;
  phases: PhaseInput[];
}

const MOVEMENT_FORM_FIELDS = [
  'code',
  'name',
  'kind',
  'status',
  'issuingBody',
  'documentNumber',
  'documentDate',
  'startYear',
  'endYear',
  'goals',
  'criteria',
  'participants',
  'description',
] as const;

/** The form as typed: every value a string, phases as rows. */
export type MovementForm = Partial<Record<(typeof MOVEMENT_FORM_FIELDS)[number], string>> & {
  phases?: { name: string; startYear: string; endYear: string }[];
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

export function formOf(body: Record<string, unknown>): MovementForm {
  const form: MovementForm = {};
  for (const k of MOVEMENT_FORM_FIELDS) form[k] = str(body[k]);
  const names = list(body.phaseName);
  const starts = list(body.phaseStart);
  const ends = list(body.phaseEnd);
  const rows = Math.max(names.length, starts.length, ends.length);
  form.phases = Array.from({ length: Math.min(rows, 20) }, (_, i) => ({
    name: str(names[i]),
    startYear: str(starts[i]),
    endYear: str(ends[i]),
  }));
  return form;
}

const year = (label: string) =>
  Joi.number()
    .integer()
    .min(FIRST_YEAR)
    .max(LAST_YEAR)
    .messages({ '*': `${label} là số từ ${FIRST_YEAR} đến ${LAST_YEAR}.` });
const text = (label: string, max: number) =>
  Joi.string()
    .allow('')
    .max(max)
    .messages({ '*': `${label} dài tối đa ${max} ký tự.` });

const schema = Joi.object({
  code: Joi.string()
    .max(64)
    .pattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .required()
    .messages({
      '*': 'Mã phong trào chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang giữa các từ, tối đa 64 ký tự, ví dụ: dan-van-kheo-2026.',
    }),
  name: Joi.string().min(5).max(300).required().messages({ '*': 'Tên phong trào dài từ 5 đến 300 ký tự.' }),
  kind: Joi.string()
    .valid(...MOVEMENT_KINDS)
    .required()
    .messages({ '*': 'Chọn loại phong trào: thường xuyên hoặc theo chuyên đề.' }),
  status: Joi.string()
    .valid(...MOVEMENT_STATUSES)
    .required()
    .messages({ '*': 'Chọn tình trạng: bản nháp, đang triển khai hoặc đã kết thúc.' }),
  issuingBody: Joi.string().min(3).max(300).required().messages({ '*': 'Cơ quan phát động dài từ 3 đến 300 ký tự.' }),
  documentNumber: text('Số văn bản', 100),
  documentDate: Joi.string().allow(''),
  startYear: year('Năm bắt đầu').required(),
  endYear: year('Năm kết thúc').allow(''),
  goals: text('Mục tiêu', 5000),
  criteria: text('Tiêu chí', 5000),
  participants: text('Đối tượng tham gia', 3000),
  description: text('Giới thiệu', 5000),
});

export type Checked = { value: MovementInput } | { errors: Record<string, string> };

/** Checks the typed form; every problem at once, keyed by the field (phases by row: phase0, phase1…). */
export function validateMovement(form: MovementForm): Checked {
  const { phases: rows = [], ...fields } = form;
  const errors: Record<string, string> = {};
  const { value, error } = schema.validate(fields, { abortEarly: false, convert: true, stripUnknown: true });
  for (const d of error?.details ?? []) {
    const key = String(d.path[0]);
    errors[key] ??= d.message;
  }
  let documentDate: string | null = null;
  if (fields.documentDate) {
    const parsed = parseDate(fields.documentDate);
    if (parsed.ok) documentDate = parsed.value;
    else errors.documentDate = parsed.message;
  }
  const start = errors.startYear ? null : Number(value.startYear);
  const end = errors.endYear || value.endYear === '' || value.endYear === undefined ? null : Number(value.endYear);
  if (start !== null && end !== null && end < start)
    errors.endYear = `Năm kết thúc (${end}) không được trước năm bắt đầu (${start}).`;
  if (value.status === 'ended' && end === null && !errors.endYear)
    errors.endYear = 'Phong trào đã kết thúc cần có năm kết thúc.';

  const phases: PhaseInput[] = [];
  // Numbered as the form shows them again: blank rows dropped.
  rows
    .filter((row) => row.name || row.startYear || row.endYear)
    .forEach((row, i) => {
      const problem = phaseProblem(row, start, end);
      if (problem) errors[`phase${i}`] = `Giai đoạn ${i + 1}: ${problem}`;
      else
        phases.push({
          name: row.name,
          startYear: Number(row.startYear),
          endYear: row.endYear ? Number(row.endYear) : null,
        });
    });
  if (Object.keys(errors).length) return { errors };
  return {
    value: {
      code: value.code,
      name: value.name,
      kind: value.kind,
      status: value.status,
      issuingBody: value.issuingBody,
      documentNumber: value.documentNumber || null,
      documentDate,
      startYear: start!,
      endYear: end,
      goals: value.goals ?? '',
      criteria: value.criteria ?? '',
      participants: value.participants ?? '',
      description: value.description ?? '',
      phases,
    },
  };
}

const YEAR = /^\d{4}$/;

function phaseProblem(
  row: { name: string; startYear: string; endYear: string },
  start: number | null,
  end: number | null,
): string | null {
  if (row.name.length < 2 || row.name.length > 200) return 'tên giai đoạn dài từ 2 đến 200 ký tự.';
  if (!YEAR.test(row.startYear)) return 'năm bắt đầu là số có 4 chữ số.';
  if (row.endYear && !YEAR.test(row.endYear)) return 'năm kết thúc là số có 4 chữ số.';
  const from = Number(row.startYear);
  const to = row.endYear ? Number(row.endYear) : null;
  if ([from, to ?? from].some((y) => y < FIRST_YEAR || y > LAST_YEAR))
    return `năm là số từ ${FIRST_YEAR} đến ${LAST_YEAR}.`;
  if (to !== null && to < from) return `năm kết thúc (${to}) không được trước năm bắt đầu (${from}).`;
  if (start !== null && from < start) return `bắt đầu (${from}) trước khi phong trào bắt đầu (${start}).`;
  if (end !== null && (to === null || to > end)) return `phải kết thúc trong thời gian của phong trào (đến ${end}).`;
  return null;
}

const endSchema = Joi.object({
  endYear: year('Năm kết thúc').required(),
  version: Joi.number().integer().min(1).required(),
}).messages({ 'any.required': 'Nhập năm kết thúc.' });

/** The end form: the year it ended, not before it started. */
export function validateEnd(
  body: Record<string, unknown>,
  startYear: number,
): { value: { endYear: number; version: number } } | { error: string } {
  const { value, error } = endSchema.validate(
    { endYear: str(body.endYear), version: str(body.version) },
    { convert: true, stripUnknown: true },
  );
  if (error) return { error: error.details[0].message };
  if (value.endYear < startYear)
    return { error: `Năm kết thúc (${value.endYear}) không được trước năm bắt đầu (${startYear}).` };
  return { value };
}
