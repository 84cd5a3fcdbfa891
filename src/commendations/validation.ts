// What a commendation form may hold. The checks that need only the form are here; those that need the
// database (the form list, the movement, the file, a repeated decision) are in store.ts, under the lock.
import { COMMENDATION_LEVELS, type CommendationLevel } from '../db/schema.js';
import { formatDate, parseDate } from '../text/numbers.js';
import { Invalid } from '../http/errors.js';

export interface CommendationInput {
  form: string;
  issuingBody: string;
  level: CommendationLevel;
  decisionNumber: string;
  /** ISO day. */
  decisionDate: string;
  movementCode: string | null;
  evidenceFileId: number | null;
  note: string;
}

export interface RevocationInput {
  revokedAt: string;
  reason: string;
}

/** A form refused field by field: every message beside its field, the first one on top. */
export class FieldErrors extends Invalid {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? 'Dữ liệu không hợp lệ.', { parameter: Object.keys(fields)[0] });
  }
}

const ISSUING_BODY_MAX = 300;
const DECISION_NUMBER_MAX = 60;
const NOTE_MAX = 1000;
const REASON_MAX = 1000;

/** Today on Vietnam's clock (UTC+7), as an ISO day. */
function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

/** The decision number as two numbers are compared: trimmed, spaces collapsed, case folded. */
export const decisionKey = (n: string) => n.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export function parseCommendation(
  body: Record<string, unknown>,
  model: { startedYear: number | null },
  now = new Date(),
): CommendationInput {
  const errors: Record<string, string> = {};
  const form = str(body.form);
  if (!form) errors.form = 'Chọn hình thức khen thưởng.';
  const issuingBody = str(body.issuingBody);
  if (!issuingBody) errors.issuingBody = 'Nhập cơ quan khen thưởng.';
  else if (issuingBody.length > ISSUING_BODY_MAX)
    errors.issuingBody = `Cơ quan khen thưởng dài tối đa ${ISSUING_BODY_MAX} ký tự.`;
  const level = str(body.level);
  if (!level) errors.level = 'Chọn cấp khen thưởng.';
  else if (!(COMMENDATION_LEVELS as readonly string[]).includes(level))
    errors.level = 'Cấp khen thưởng không hợp lệ: chọn cấp xã, cấp tỉnh hoặc cấp Trung ương.';
  const decisionNumber = str(body.decisionNumber).replace(/\s+/g, ' ');
  if (!decisionNumber) errors.decisionNumber = 'Nhập số quyết định khen thưởng.';
  else if (decisionNumber.length > DECISION_NUMBER_MAX)
    errors.decisionNumber = `Số quyết định dài tối đa ${DECISION_NUMBER_MAX} ký tự.`;
  let decisionDate = '';
  const typedDate = str(body.decisionDate);
  if (!typedDate) errors.decisionDate = 'Nhập ngày quyết định (ngày/tháng/năm).';
  else {
    const parsed = parseDate(typedDate);
    if (!parsed.ok) errors.decisionDate = parsed.message;
    else if (parsed.value > vietnamToday(now))
      errors.decisionDate = `Ngày quyết định (${formatDate(parsed.value)}) không được sau hôm nay.`;
    else if (model.startedYear !== null && Number(parsed.value.slice(0, 4)) < model.startedYear)
      errors.decisionDate = `Ngày quyết định (${formatDate(parsed.value)}) không được trước năm mô hình bắt đầu (${model.startedYear}).`;
    else decisionDate = parsed.value;
  }
  const movementCode = str(body.movement) || null;
  if (movementCode && !/^[a-z0-9-]{1,64}$/.test(movementCode)) errors.movement = 'Phong trào không hợp lệ.';
  const fileText = str(body.evidenceFileId);
  const evidenceFileId = fileText ? Number(fileText) : null;
  if (fileText && !/^[1-9]\d{0,8}$/.test(fileText))
    errors.evidenceFileId = 'Tệp quyết định không hợp lệ: chọn một tệp minh chứng của mô hình.';
  const note = str(body.note);
  if (note.length > NOTE_MAX) errors.note = `Ghi chú dài tối đa ${NOTE_MAX} ký tự.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return {
    form,
    issuingBody,
    level: level as CommendationLevel,
    decisionNumber,
    decisionDate,
    movementCode,
    evidenceFileId,
    note,
  };
}

export function parseRevocation(
  body: Record<string, unknown>,
  decisionDate: string | null,
  now = new Date(),
): RevocationInput {
  const errors: Record<string, string> = {};
  let revokedAt = '';
  const typed = str(body.revokedAt);
  if (!typed) errors.revokedAt = 'Nhập ngày thu hồi (ngày/tháng/năm).';
  else {
    const parsed = parseDate(typed);
    if (!parsed.ok) errors.revokedAt = parsed.message;
    else if (parsed.value > vietnamToday(now))
      errors.revokedAt = `Ngày thu hồi (${formatDate(parsed.value)}) không được sau hôm nay.`;
    else if (decisionDate && parsed.value < decisionDate)
      errors.revokedAt = `Ngày thu hồi (${formatDate(parsed.value)}) không được trước ngày quyết định khen thưởng (${formatDate(decisionDate)}).`;
    else revokedAt = parsed.value;
  }
  const reason = str(body.reason);
  if (!reason) errors.reason = 'Nhập lý do thu hồi (ví dụ: quyết định thu hồi số …, do kê khai không trung thực).';
  else if (reason.length > REASON_MAX) errors.reason = `Lý do thu hồi dài tối đa ${REASON_MAX} ký tự.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { revokedAt, reason };
}
