import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import {
  summaryColumns,
  summaryJoins,
  toSummary,
  publicSummariesByIds,
  rowText,
  type PublicModelSummary,
} from '../listing/query.js';
import { can } from '../policy/policy.js';
import { fileUrl } from '../evidence/downloads.js';

export interface PublicModel extends PublicModelSummary {
  story: {
    situation: string;
    goals: string;
    beneficiaries: string;
    activities: string;
    leadBodies: string;
    partnerBodies: string;
    results: string;
    sustainability: string;
  };
  resources: { moneyMillion: number | null; workDays: number | null; nonState: string };
  holderRole: string;
  indicators: { kind: string | null; name: string; value: number; unit: string }[];
  recognitions: {
    year: number;
    level: string;
    grade: string;
    decisionNumber: string | null;
    decisionDate: string | null;
  }[];
  movements: { code: string; name: string; level: string }[];
  commendations: {
    form: string;
    formName: string;
    issuingBody: string;
    level: string;
    decisionNumber: string | null;
    decisionDate: string | null;
    movementCode: string | null;
    movementName: string | null;
    /** The scanned decision, only when the policy lets the public see that file. */
    decisionFilePath: string | null;
    note: string;
  }[];
  replicates: PublicReplicationLink[];
  replicatedBy: PublicReplicationLink[];
  /** Distinct provinces of the approved replicas (their number is `replicationCount`). */
  replicationProvinces: number;
}

/** The other end of a public replication link, with what the replica adapted. */
interface PublicReplicationLink {
  id: number;
  slug: string;
  title: string;
  placeLabel: string;
  provinceCode: string;
  provinceName: string;
  communeName: string | null;
  year: number;
  note: string;
}

function linkOf(m: PublicModelSummary, note: string): PublicReplicationLink {
  return {
    id: m.id,
    slug: m.slug,
    title: m.title,
    placeLabel: m.placeLabel,
    provinceCode: m.provinceCode,
    provinceName: m.provinceName,
    communeName: m.communeName,
    year: m.year,
    note,
  };
}

/** The decision file's public address, when the policy lets anyone see it (an approved model's public file). */
function publicFilePath(model: Record<string, unknown>, c: Record<string, unknown>): string | null {
  if (c.file_id === null || c.file_id === undefined) return null;
  const visible = can(null, 'viewFile', {
    model: {
      status: 'approved',
      type: String(model.type),
      publishConsent: Boolean(model.publish_consent),
      provinceCode: String(model.province_code),
      communeCode: null,
    },
    file: { isPublic: Boolean(c.file_public), kind: String(c.file_kind) },
  });
  return visible ? fileUrl({ id: Number(c.file_id) }, 'view') : null;
}

const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toDate = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/**
 * One approved model with its whole public story; null for anything not approved. The public page of an
 * entry under consultation (src/consultations) asks for that status instead: the same story, the same masking.
 */
export async function getPublicModel(
  db: Executor,
  idOrSlug: number | string,
  status: 'approved' | 'consultation' = 'approved',
): Promise<PublicModel | null> {
  const key = typeof idOrSlug === 'number' ? sql`m.id = ${idOrSlug}` : sql`m.slug = ${idOrSlug}`;
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${summaryColumns},
      m.situation, m.goals, m.beneficiaries, m.activities, m.lead_bodies, m.partner_bodies, m.results,
      m.sustainability, m.resources_money_million, m.resources_work_days, m.resources_non_state
    from models m ${summaryJoins} where m.status = ${status} and ${key}`,
  );
  if (!row) return null;
  const id = Number(row.id);
  const [indicators, recognitions, movements, commendations, links] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select kind_code, name, value, unit from model_indicators
      where model_id = ${id} order by position, id`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select year, level, grade, decision_number, decision_date from recognitions
      where model_id = ${id} order by year, id`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select mv.code, mv.name, mv.level from model_movements mm
      join movements mv on mv.id = mm.movement_id where mm.model_id = ${id} and mv.status <> 'draft'
      order by mv.start_year, mv.id`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      // A revoked decision leaves the public record; the staff entry page keeps it.
      sql`select c.form, f.name as form_name, c.issuing_body, c.level, c.decision_number, c.decision_date, c.note,
        mv.code as movement_code, mv.name as movement_name,
        e.id as file_id, e.is_public as file_public, e.kind as file_kind
      from commendations c join commendation_forms f on f.code = c.form
      left join movements mv on mv.id = c.movement_id
      left join evidence_files e on e.id = c.evidence_file_id and e.model_id = c.model_id
      where c.model_id = ${id} and c.revoked_at is null order by c.decision_date nulls last, c.id`,
    ),
    // The note is the replica's text: its holder's name is masked as the replica's own pages mask it.
    queryRows<{
      source_model_id: number;
      replica_model_id: number;
      note: string;
      type: string;
      holder_name: string;
      publish_consent: boolean;
    }>(
      db,
      sql`select r.source_model_id, r.replica_model_id, r.note, rm.type, rm.holder_name, rm.publish_consent
      from replications r join models rm on rm.id = r.replica_model_id
      where r.source_model_id = ${id} or r.replica_model_id = ${id}
      order by r.created_at, r.source_model_id, r.replica_model_id`,
    ),
  ]);
  // The other end must be approved too: publicSummariesByIds leaves out every other model.
  const ends = async (mine: 'source_model_id' | 'replica_model_id', other: 'source_model_id' | 'replica_model_id') => {
    const own = links.filter((l) => Number(l[mine]) === id);
    const found = await publicSummariesByIds(
      db,
      own.map((l) => Number(l[other])),
    );
    const notes = new Map(own.map((l) => [Number(l[other]), rowText(l, String(l.note))]));
    return found.map((m) => linkOf(m, notes.get(m.id) ?? ''));
  };
  const [replicates, replicatedBy] = await Promise.all([
    ends('replica_model_id', 'source_model_id'),
    ends('source_model_id', 'replica_model_id'),
  ]);
  const summary = toSummary(row as never);
  const text = (v: unknown) => rowText(row as never, String(v));
  return {
    ...summary,
    story: {
      situation: text(row.situation),
      goals: text(row.goals),
      beneficiaries: text(row.beneficiaries),
      activities: text(row.activities),
      leadBodies: text(row.lead_bodies),
      partnerBodies: text(row.partner_bodies),
      results: text(row.results),
      sustainability: text(row.sustainability),
    },
    resources: {
      moneyMillion: toNumber(row.resources_money_million),
      workDays: toNumber(row.resources_work_days),
      nonState: text(row.resources_non_state),
    },
    holderRole: text(row.holder_role),
    indicators: indicators.map((i) => ({
      kind: (i.kind_code as string) ?? null,
      name: text(i.name),
      value: Number(i.value),
      unit: text(i.unit),
    })),
    recognitions: recognitions.map((r) => ({
      year: Number(r.year),
      level: String(r.level),
      grade: String(r.grade),
      decisionNumber: (r.decision_number as string) ?? null,
      decisionDate: toDate(r.decision_date),
    })),
    movements: movements.map((m) => ({ code: String(m.code), name: String(m.name), level: String(m.level) })),
    commendations: commendations.map((c) => ({
      form: String(c.form),
      formName: String(c.form_name),
      issuingBody: text(c.issuing_body),
      level: String(c.level),
      decisionNumber: (c.decision_number as string) ?? null,
      decisionDate: toDate(c.decision_date),
      movementCode: (c.movement_code as string) ?? null,
      movementName: (c.movement_name as string) ?? null,
      decisionFilePath: publicFilePath(row, c),
      note: text(c.note),
    })),
    replicates,
    replicatedBy,
    replicationProvinces: new Set(replicatedBy.map((r) => r.provinceCode)).size,
  };
}

/**
 * What the public page says of the consultation held before the model was approved: the opinions counted
 * then, and the reviewer's summary (masked like the rest of the model's public text).
 */
export async function consultationNote(
  db: Executor,
  modelId: number,
): Promise<{ opinions: number; summary: string } | null> {
  const [row] = await queryRows<{
    opinions: number;
    summary: string;
    type: string;
    holder_name: string;
    publish_consent: boolean;
  }>(
    db,
    sql`select (coalesce(c.agree_count, 0) + coalesce(c.disagree_count, 0))::int as opinions, c.summary,
      m.type, m.holder_name, m.publish_consent
    from consultations c join models m on m.id = c.model_id
    where c.model_id = ${modelId} and c.outcome = 'approved' order by c.id desc limit 1`,
  );
  return row ? { opinions: row.opinions, summary: rowText(row, row.summary) } : null;
}
