// An entry as the internal pages show it: its page (views/submissions/show.ejs) and its edit form
// (views/submissions/form.ejs) read the same shape, made here from the stored row.
import type { HistoryRow, InternalModel } from './queries.js';
import { changedFieldLabels, diffEntries, type EntryLookups, type FieldChange } from './entry-fields.js';
import { WORKFLOW_ACTION_LABELS } from '../policy/workflow.js';
import type { ModelInput } from './validation.js';
import { statusLabel } from '../reference/vocabulary.js';
import { formatDateTime, formatNumber } from '../text/numbers.js';

export interface InternalModelView {
  id: number;
  version: number;
  status: string;
  statusLabel: string;
  title: string;
  fieldName: string;
  /** Commune (or former commune) and province. */
  place: string;
  reviewingBodyName: string;
  /** The stored content in the registration form's shape: the edit form starts from it, the page shows it. */
  content: ModelInput;
  /** Name, phone and e-mail of the contact person, for internal eyes only. */
  contact: string;
}

// An indicator without a kind is stored with a null kind; the form says '' for it.
type StoredIndicator = { name: string; value: string | number; unit: string; kindCode: string | null };

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function internalModelView(m: InternalModel): InternalModelView {
  const content: ModelInput = {
    type: m.type as ModelInput['type'],
    title: String(m.title),
    fieldCode: m.field_code == null ? '' : String(m.field_code),
    startedYear: numberOrNull(m.started_year),
    movementCodes: parse<string[]>(m.movement_codes),
    summary: String(m.summary),
    situation: String(m.situation),
    goals: String(m.goals),
    beneficiaries: String(m.beneficiaries),
    activities: String(m.activities),
    leadBodies: String(m.lead_bodies),
    partnerBodies: String(m.partner_bodies),
    resourcesMoneyMillion: numberOrNull(m.resources_money_million),
    resourcesWorkDays: numberOrNull(m.resources_work_days),
    resourcesNonState: String(m.resources_non_state),
    results: String(m.results),
    sustainability: String(m.sustainability),
    holderName: String(m.holder_name),
    holderRole: String(m.holder_role),
    publishConsent: Boolean(m.publish_consent),
    contactName: String(m.contact_name),
    contactPhone: String(m.contact_phone),
    contactEmail: String(m.contact_email),
    indicators: parse<StoredIndicator[]>(m.indicator_list).map((i) => ({
      ...i,
      value: Number(i.value),
      kindCode: i.kindCode ?? '',
    })),
  };
  return {
    id: m.id,
    version: m.version,
    status: m.status,
    statusLabel: statusLabel(m.status),
    title: m.title,
    fieldName: m.field_name == null ? 'Chưa chọn lĩnh vực' : String(m.field_name),
    place: m.place,
    reviewingBodyName: String(m.reviewing_body_name),
    content,
    contact: [content.contactName, content.contactPhone, content.contactEmail].filter(Boolean).join(' · '),
  };
}

const WORKFLOW_TITLES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(WORKFLOW_ACTION_LABELS).map(([a, verb]) => [a, verb.charAt(0).toUpperCase() + verb.slice(1)]),
  ),
  consult: 'Lấy ý kiến nhân dân',
  close: 'Kết thúc lấy ý kiến sớm',
  create: 'Tạo mới',
  edit: 'Sửa nội dung',
  files: 'Sửa tệp minh chứng',
  commendation: 'Khen thưởng',
  replication: 'Sửa liên kết nhân rộng',
  'opinion-hidden': 'Ẩn một ý kiến nhân dân',
  'opinion-shown': 'Hiện lại một ý kiến nhân dân',
  summary: 'Sửa tóm tắt ý kiến nhân dân',
};

/** An action's name as a heading, a button and the history show it: capitalised, one wording everywhere. */
export const actionTitle = (action: string): string => WORKFLOW_TITLES[action] ?? 'Thao tác khác';

export interface HistoryItem {
  title: string;
  /** "Bản nháp → Chờ thẩm định", or the one status when it did not change. */
  status: string;
  actor: string;
  when: string;
  comment: string;
  /** Labels of the fields an edit changed. */
  changed: string[];
  /** What the step did to the consultation: its period, or the opinions counted at the decision. */
  consultation: string | null;
}

const changesOf = (h: HistoryRow): Record<string, unknown> | null => {
  const c = parse<unknown>(h.changes);
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : null;
};

export function historyView(rows: readonly HistoryRow[]): HistoryItem[] {
  return rows.map((h) => {
    const changes = h.action === 'edit' ? changesOf(h) : null;
    return {
      title: actionTitle(h.action),
      status:
        h.from_status && h.from_status !== h.to_status
          ? `${statusLabel(h.from_status)} → ${statusLabel(h.to_status)}`
          : statusLabel(h.to_status),
      actor: h.actor || 'Hệ thống',
      when: formatDateTime(h.created_at),
      comment: h.comment,
      changed: changedFieldLabels(Object.keys(changes ?? {})),
      consultation: consultationLine(changesOf(h)?.consultation),
    };
  });
}

/** "Ý kiến nhân dân: 12 đồng ý, 3 không đồng ý, 1 bị ẩn" (src/consultations/steps.ts keeps the counts). */
function consultationLine(c: unknown): string | null {
  if (!c || typeof c !== 'object') return null;
  const v = c as Record<string, unknown>;
  if (typeof v.agree === 'number' && typeof v.disagree === 'number') {
    const hidden = typeof v.hidden === 'number' && v.hidden > 0 ? `, ${formatNumber(v.hidden)} bị ẩn` : '';
    return `Ý kiến nhân dân: ${formatNumber(v.agree)} đồng ý, ${formatNumber(v.disagree)} không đồng ý${hidden}`;
  }
  if (typeof v.days === 'number')
    return `Thời hạn: ${formatNumber(v.days)} ngày, đến ${formatDateTime(String(v.closesAt ?? ''))}`;
  if (v.closedEarly) return 'Kết thúc trước thời hạn';
  if (typeof v.summary === 'string') return v.summary ? `Tóm tắt: ${v.summary}` : 'Đã gỡ tóm tắt';
  return null;
}

/** What a reviewer or the commune must see first: the open return comment, and what a resubmission changed. */
export function reviewNotes(
  rows: readonly HistoryRow[],
  entry: InternalModelView,
  lookups: EntryLookups,
): { returnComment: string | null; changes: FieldChange[] | null } {
  const lastReturn = [...rows].reverse().find((h) => h.action === 'return');
  const submits = rows.filter((h) => h.action === 'submit');
  const previous = submits.length >= 2 ? changesOf(submits[submits.length - 2])?.snapshot : null;
  return {
    returnComment: entry.status === 'returned' && lastReturn ? lastReturn.comment : null,
    // Entries submitted before snapshots were kept have no earlier version to compare with.
    changes:
      ['submitted', 'consultation'].includes(entry.status) && previous && typeof previous === 'object'
        ? diffEntries(previous as ModelInput, entry.content, lookups)
        : null,
  };
}
