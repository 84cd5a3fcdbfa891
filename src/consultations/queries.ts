// Reading consultations: the public list and page, the dates the reviewers' queue shows, and the section of
// the staff entry page. Opinions are taken until the earlier of closes_at and closed_at, and never after the decision.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { rowText, summaryColumns, summaryJoins, toSummary, type PublicModelSummary } from '../listing/query.js';
import { can, type Actor, type ModelResource } from '../policy/policy.js';
import { getPublicModel, type PublicModel } from '../catalogue/detail.js';
import type { ConsultationTally } from './steps.js';
import { formatDate, formatDateTime } from '../text/numbers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Consultation {
  id: number;
  modelId: number;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  outcome: string | null;
  summary: string;
}

interface ConsultationDbRow {
  id: number;
  model_id: number;
  opened_at: string | Date;
  closes_at: string | Date;
  closed_at: string | Date | null;
  outcome: string | null;
  summary: string;
}

const consultationColumns = sql`c.id, c.model_id, c.opened_at, c.closes_at, c.closed_at, c.outcome, c.summary`;

const toConsultation = (r: ConsultationDbRow): Consultation => ({
  id: r.id,
  modelId: r.model_id,
  openedAt: new Date(r.opened_at),
  closesAt: new Date(r.closes_at),
  closedAt: r.closed_at === null ? null : new Date(r.closed_at),
  outcome: r.outcome,
  summary: r.summary,
});

/** When opinions stop being taken: the end of the period, or when a reviewer closed it early. */
const endOf = (c: Consultation): Date => (c.closedAt && c.closedAt < c.closesAt ? c.closedAt : c.closesAt);

/** Whether opinions are still taken. */
const takesOpinions = (c: Consultation, now = new Date()): boolean => !c.outcome && endOf(c) > now;

/** Whole days left to give an opinion, the current one counted (0 once it ended). */
function daysLeft(c: Consultation, now = new Date()): number {
  const left = endOf(c).getTime() - now.getTime();
  return left <= 0 || c.outcome ? 0 : Math.ceil(left / DAY_MS);
}

/** The entry's latest consultation, whatever its state. */
async function latestConsultation(db: Executor, modelId: number): Promise<Consultation | null> {
  const [row] = await queryRows<ConsultationDbRow>(
    db,
    sql`select ${consultationColumns} from consultations c where c.model_id = ${modelId} order by c.id desc limit 1`,
  );
  return row ? toConsultation(row) : null;
}

export const PUBLIC_PAGE_SIZE = 20;

export interface OpenConsultationItem {
  model: PublicModelSummary;
  consultation: Consultation;
  closes: string;
  daysLeft: number;
  open: boolean;
}

/** One page of the entries under consultation, newest first; a province's only when one is given. */
export async function openConsultations(
  db: Executor,
  o: { province?: string; page: number },
  now = new Date(),
): Promise<{ items: OpenConsultationItem[]; total: number }> {
  // k, not c: summaryJoins names the commune c.
  const where = sql`k.outcome is null and m.status = 'consultation'${o.province ? sql` and m.province_code = ${o.province}` : sql``}`;
  const [rows, [count]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select k.id as consultation_id, k.opened_at, k.closes_at, k.closed_at, k.outcome, ${summaryColumns}
      from consultations k join models m on m.id = k.model_id ${summaryJoins}
      where ${where} order by k.opened_at desc, k.id desc
      limit ${PUBLIC_PAGE_SIZE} offset ${(o.page - 1) * PUBLIC_PAGE_SIZE}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from consultations k join models m on m.id = k.model_id where ${where}`,
    ),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => {
      const consultation = toConsultation({
        ...(r as unknown as ConsultationDbRow),
        id: Number(r.consultation_id),
        model_id: Number(r.id),
        summary: '',
      });
      return {
        model: toSummary(r as never),
        consultation,
        closes: formatDate(endOf(consultation)),
        daysLeft: daysLeft(consultation, now),
        open: takesOpinions(consultation, now),
      };
    }),
  };
}

/** When each of these entries' open consultations ends, for the reviewers' queue. */
export async function consultationEnds(db: Executor, modelIds: number[]): Promise<Map<number, Date>> {
  if (!modelIds.length) return new Map();
  const rows = await queryRows<ConsultationDbRow>(
    db,
    sql`select ${consultationColumns} from consultations c
    where c.outcome is null and c.model_id = any(${`{${modelIds.map(Number).join(',')}}`}::int[])`,
  );
  return new Map(rows.map((r) => [r.model_id, endOf(toConsultation(r))]));
}

type OpinionTally = ConsultationTally;

/** Opinions as the public page may count them: hidden ones apart. */
async function tallyOf(db: Executor, consultationId: number): Promise<OpinionTally> {
  const [t] = await queryRows<OpinionTally>(
    db,
    sql`select count(*) filter (where stance = 'agree' and hidden_at is null)::int as agree,
      count(*) filter (where stance = 'disagree' and hidden_at is null)::int as disagree,
      count(*) filter (where hidden_at is not null)::int as hidden
    from opinions where consultation_id = ${consultationId}`,
  );
  return t;
}

interface OpinionView {
  id: number;
  name: string;
  /** Phone or e-mail: for the province's reviewers only. */
  contact: string;
  stance: 'agree' | 'disagree';
  body: string;
  when: string;
  hidden: boolean;
}

/** The consultation section of the staff entry page (views/consultations/entry-section.ejs). */
export interface EntryConsultationView {
  id: number;
  opened: string;
  closes: string;
  open: boolean;
  closedEarly: boolean;
  decided: boolean;
  tally: OpinionTally;
  summary: string;
  /** Null for who may not moderate (the commune): counts and summary only, never a contact. */
  opinions: OpinionView[] | null;
}

/**
 * The entry's latest consultation as its staff page shows it, or null when it had none or the user may
 * see nothing of it. The opinions themselves, contacts included, only to who moderates them.
 */
export async function entryConsultation(
  db: Executor,
  user: Actor | null | undefined,
  resource: ModelResource,
  modelId: number,
  now = new Date(),
): Promise<EntryConsultationView | null> {
  if (!can(user, 'viewInternal', resource)) return null;
  const c = await latestConsultation(db, modelId);
  if (!c) return null;
  const moderates = can(user, 'moderateOpinions', resource);
  const [tally, rows] = await Promise.all([
    tallyOf(db, c.id),
    moderates
      ? queryRows<{
          id: number;
          author_name: string;
          contact: string;
          stance: 'agree' | 'disagree';
          body: string;
          created_at: string | Date;
          hidden_at: string | Date | null;
        }>(
          db,
          sql`select id, author_name, contact, stance, body, created_at, hidden_at from opinions
          where consultation_id = ${c.id} order by id`,
        )
      : Promise.resolve(null),
  ]);
  return {
    id: c.id,
    opened: formatDateTime(c.openedAt),
    closes: formatDateTime(endOf(c)),
    open: takesOpinions(c, now),
    closedEarly: !!c.closedAt && c.closedAt < c.closesAt && !c.outcome,
    decided: !!c.outcome,
    tally,
    summary: c.summary,
    opinions:
      rows?.map((o) => ({
        id: o.id,
        name: o.author_name,
        contact: o.contact,
        stance: o.stance,
        body: o.body,
        when: formatDateTime(o.created_at),
        hidden: o.hidden_at !== null,
      })) ?? null,
  };
}

export interface PublicConsultationPage {
  model: PublicModel;
  consultation: Consultation;
  open: boolean;
  closes: string;
  daysLeft: number;
  /** The reviewer's published summary, masked like the rest of the public record. */
  summary: string;
}

/**
 * The public page of an entry under consultation; after the decision, the approved model's address instead
 * (`moved`), or null: a returned or rejected entry leaves the public pages.
 */
export async function publicConsultation(
  db: Executor,
  modelId: number,
  now = new Date(),
): Promise<PublicConsultationPage | { moved: string } | null> {
  const [c] = await queryRows<
    ConsultationDbRow & { status: string; slug: string; type: string; holder_name: string; publish_consent: boolean }
  >(
    db,
    sql`select ${consultationColumns}, m.status, m.slug, m.type, m.holder_name, m.publish_consent
    from consultations c join models m on m.id = c.model_id where c.model_id = ${modelId} order by c.id desc limit 1`,
  );
  if (!c) return null;
  if (c.outcome === 'approved' && c.status === 'approved') return { moved: c.slug };
  if (c.outcome || !can(null, 'viewConsultation', { status: c.status })) return null;
  const model = await getPublicModel(db, modelId, 'consultation');
  if (!model) return null;
  const consultation = toConsultation(c);
  return {
    model,
    consultation,
    open: takesOpinions(consultation, now),
    closes: formatDateTime(endOf(consultation)),
    daysLeft: daysLeft(consultation, now),
    summary: rowText(c, c.summary),
  };
}
