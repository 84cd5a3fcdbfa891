// The one vetting state machine: every change of a model's status, and every edit, is decided here.
// Pure (no database, no clock unless given one) so the routes, the UI and the tests share one answer.
import type { Role } from './roles.js';
import type { ModelStatus } from '../db/schema.js';
import { MODEL_STATUS_LABELS, RECOGNITION_GRADES, RECOGNITION_LEVELS, statusLabel } from '../reference/vocabulary.js';
import { DATE_EXAMPLE, formatNumber } from '../text/numbers.js';

export const WORKFLOW_ACTIONS = [
  'submit',
  'consult',
  'close',
  'approve',
  'return',
  'reject',
  'withdraw',
  'recognise',
  'edit',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
export type Requirement = 'comment' | 'recognition' | 'period';

export interface WorkflowRule {
  from: ModelStatus;
  action: WorkflowAction;
  roles: readonly Role[];
  to: ModelStatus;
  requires: readonly Requirement[];
}

const CADRE: readonly Role[] = ['commune_cadre'];
// Province admins are reviewers too, and the centre may step in anywhere.
const REVIEWERS: readonly Role[] = ['province_reviewer', 'province_admin', 'central_admin'];

/** Every legal (status, action, role); anything not listed is refused. */
export const WORKFLOW: readonly WorkflowRule[] = [
  { from: 'draft', action: 'submit', roles: CADRE, to: 'submitted', requires: [] },
  { from: 'returned', action: 'submit', roles: CADRE, to: 'submitted', requires: [] },
  // A withdrawn recognition can be earned again, through a fresh review.
  { from: 'withdrawn', action: 'submit', roles: CADRE, to: 'submitted', requires: [] },
  // Approving is recognising: the year, level and grade go on the record.
  { from: 'submitted', action: 'approve', roles: REVIEWERS, to: 'approved', requires: ['recognition'] },
  // The commune must know what to fix, and the record why it was refused or withdrawn.
  { from: 'submitted', action: 'return', roles: REVIEWERS, to: 'returned', requires: ['comment'] },
  { from: 'submitted', action: 'reject', roles: REVIEWERS, to: 'rejected', requires: ['comment'] },
  // The people's opinion before recognition: the entry is shown for a period, then decided like any other.
  { from: 'submitted', action: 'consult', roles: REVIEWERS, to: 'consultation', requires: ['period'] },
  // Closing early ends the period; the entry waits for the decision.
  { from: 'consultation', action: 'close', roles: REVIEWERS, to: 'consultation', requires: [] },
  { from: 'consultation', action: 'approve', roles: REVIEWERS, to: 'approved', requires: ['recognition'] },
  { from: 'consultation', action: 'return', roles: REVIEWERS, to: 'returned', requires: ['comment'] },
  { from: 'consultation', action: 'reject', roles: REVIEWERS, to: 'rejected', requires: ['comment'] },
  { from: 'approved', action: 'withdraw', roles: REVIEWERS, to: 'withdrawn', requires: ['comment'] },
  // A model that stays effective is recognised again in a later year: one more recognition row.
  { from: 'approved', action: 'recognise', roles: REVIEWERS, to: 'approved', requires: ['recognition'] },
  { from: 'draft', action: 'edit', roles: CADRE, to: 'draft', requires: [] },
  { from: 'returned', action: 'edit', roles: CADRE, to: 'returned', requires: [] },
  // A reviewer may fix wording while vetting; the store records the change in the history.
  { from: 'submitted', action: 'edit', roles: REVIEWERS, to: 'submitted', requires: [] },
];

/** The verb of each action, as it reads after "Không thể …". */
export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'gửi thẩm định',
  consult: 'lấy ý kiến nhân dân về',
  close: 'kết thúc lấy ý kiến về',
  approve: 'duyệt',
  return: 'trả lại',
  reject: 'từ chối công nhận',
  withdraw: 'thu hồi công nhận',
  recognise: 'công nhận lại',
  edit: 'sửa',
};

const COMMENT_MISSING: Partial<Record<WorkflowAction, string>> = {
  return: 'Cần nhập ý kiến khi trả lại mô hình, để cán bộ xã biết cần bổ sung gì.',
  reject: 'Cần nhập lý do khi từ chối công nhận mô hình.',
  withdraw: 'Cần nhập lý do khi thu hồi công nhận mô hình.',
};
const COMMENT_MAX_LENGTH = 2000;
const DECISION_NUMBER_MAX_LENGTH = 100;
const FIRST_RECOGNITION_YEAR = 1945;
/** How long the public may give opinions, in days. */
export const CONSULTATION_DAYS = { default: 10, min: 3, max: 30 } as const;

interface RecognitionInput {
  year: number;
  level: keyof typeof RECOGNITION_LEVELS;
  grade: keyof typeof RECOGNITION_GRADES;
  decisionNumber?: string | null;
  decisionDate?: string | null;
}
/** What the user typed with the action; checked here because it may come straight from a form. */
export interface TransitionInput {
  comment?: string | null;
  recognition?: Partial<RecognitionInput> | null;
  /** How many days a consultation stays open. */
  periodDays?: number | null;
}
export type TransitionResult = { ok: true; to: ModelStatus } | { ok: false; reason: string };

const isStatus = (s: unknown): s is ModelStatus => typeof s === 'string' && Object.hasOwn(MODEL_STATUS_LABELS, s);
const isAction = (a: unknown): a is WorkflowAction =>
  typeof a === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(a);

/** The rule that lets this role take this action from this status, if any. */
export function findRule(status: string, action: string, role: string): WorkflowRule | undefined {
  return WORKFLOW.find((r) => r.from === status && r.action === action && r.roles.includes(role as Role));
}

/** Whether (status, action, role) is legal at all, before looking at what the user typed. */
export function legality(status: string, action: string, role: string): TransitionResult {
  if (!isStatus(status)) return { ok: false, reason: `Trạng thái mô hình không hợp lệ: ${String(status)}.` };
  if (!isAction(action)) return { ok: false, reason: `Thao tác không hợp lệ: ${String(action)}.` };
  const verb = WORKFLOW_ACTION_LABELS[action];
  const rule = findRule(status, action, role);
  if (rule) return { ok: true, to: rule.to };
  // Tell apart "nobody may do this now" from "someone else may": the second points to the right person.
  const someone = WORKFLOW.some((r) => r.from === status && r.action === action);
  return someone
    ? {
        ok: false,
        reason: `Tài khoản của bạn không có quyền ${verb} mô hình đang ở trạng thái ${statusLabel(status)}.`,
      }
    : { ok: false, reason: `Không thể ${verb} mô hình đang ở trạng thái ${statusLabel(status)}.` };
}

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

function validDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Why a recognition cannot be recorded, or null when it can. */
function recognitionProblem(rec: Partial<RecognitionInput> | null | undefined, now: Date = new Date()): string | null {
  if (!rec || typeof rec !== 'object') return 'Cần nhập năm, cấp và loại công nhận khi duyệt mô hình.';
  const thisYear = now.getFullYear();
  if (
    typeof rec.year !== 'number' ||
    !Number.isInteger(rec.year) ||
    rec.year < FIRST_RECOGNITION_YEAR ||
    rec.year > thisYear
  ) {
    return `Năm công nhận phải là số từ ${FIRST_RECOGNITION_YEAR} đến ${thisYear}.`;
  }
  if (typeof rec.level !== 'string' || !Object.hasOwn(RECOGNITION_LEVELS, rec.level)) {
    return 'Chọn cấp công nhận: cấp xã, cấp tỉnh hoặc cấp Trung ương.';
  }
  if (typeof rec.grade !== 'string' || !Object.hasOwn(RECOGNITION_GRADES, rec.grade))
    return 'Chọn loại công nhận: Tốt hoặc Khá.';
  const number = rec.decisionNumber ?? '';
  if (typeof number !== 'string' || number.trim().length > DECISION_NUMBER_MAX_LENGTH) {
    return `Số quyết định dài tối đa ${DECISION_NUMBER_MAX_LENGTH} ký tự.`;
  }
  const date = rec.decisionDate ?? '';
  if (date !== '') {
    if (typeof date !== 'string' || !validDate(date)) return `Ngày quyết định không hợp lệ: ${DATE_EXAMPLE}.`;
    if (date > isoDay(now)) return 'Ngày quyết định không được sau ngày hôm nay.';
  }
  return null;
}

/**
 * The next status when `role` takes `action` on a model in `status` with `input`, or a Vietnamese reason.
 * Legality is checked before the input, so a refused action never asks for a comment first.
 * `now` only bounds the recognition year and decision date; pass it for reproducible results.
 */
export function transition(
  status: ModelStatus,
  action: WorkflowAction,
  role: Role,
  input: TransitionInput = {},
  now: Date = new Date(),
): TransitionResult {
  const legal = legality(status, action, role);
  if (!legal.ok) return legal;
  const rule = findRule(status, action, role)!;
  for (const need of rule.requires) {
    if (need === 'comment') {
      if (blank(input?.comment)) return { ok: false, reason: COMMENT_MISSING[action] ?? 'Cần nhập ý kiến.' };
      if (input.comment!.trim().length > COMMENT_MAX_LENGTH) {
        return { ok: false, reason: `Ý kiến dài tối đa ${formatNumber(COMMENT_MAX_LENGTH)} ký tự.` };
      }
    } else if (need === 'period') {
      const days = input?.periodDays;
      if (
        typeof days !== 'number' ||
        !Number.isInteger(days) ||
        days < CONSULTATION_DAYS.min ||
        days > CONSULTATION_DAYS.max
      )
        return {
          ok: false,
          reason: `Thời gian lấy ý kiến phải là số ngày từ ${CONSULTATION_DAYS.min} đến ${CONSULTATION_DAYS.max}, ví dụ ${CONSULTATION_DAYS.default}.`,
        };
    } else {
      const problem = recognitionProblem(input?.recognition, now);
      if (problem) return { ok: false, reason: problem };
    }
  }
  return legal;
}

/** The actions this role may offer on a model in this status, in table order (for buttons and links). */
export function availableActions(status: ModelStatus, role: Role): WorkflowAction[] {
  return [...new Set(WORKFLOW.filter((r) => r.from === status && r.roles.includes(role)).map((r) => r.action))];
}
