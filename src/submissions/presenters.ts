// An entry as the internal pages show it: its page (views/submissions/show.ejs) and its edit form
// (views/submissions/form.ejs) read the same shape, made here from the stored row.
import type { InternalModel } from './queries.js';
import type { ModelInput } from './validation.js';
import { statusLabel } from '../reference/vocabulary.js';

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
    fieldCode: String(m.field_code),
    startedYear: Number(m.started_year),
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
    fieldName: String(m.field_name),
    place: m.place,
    reviewingBodyName: String(m.reviewing_body_name),
    content,
    contact: [content.contactName, content.contactPhone, content.contactEmail].filter(Boolean).join(' · '),
  };
}
