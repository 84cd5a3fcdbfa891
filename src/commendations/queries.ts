import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import type { ScopedRow } from '../policy/resources.js';

export interface CommendationForm {
  code: string;
  name: string;
  position: number;
  isActive: boolean;
  /** How many commendations have this form: one in use can be deactivated, never deleted. */
  uses: number;
}

export async function listForms(db: Executor): Promise<CommendationForm[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select f.code, f.name, f.position, f.is_active,
      (select count(*) from commendations c where c.form = f.code)::int as uses
    from commendation_forms f order by f.position, f.code`,
  );
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    position: Number(r.position),
    isActive: Boolean(r.is_active),
    uses: Number(r.uses),
  }));
}

/** A model as the commendation pages need it: its scope, its start year, where it is. */
export interface CommendedModel extends ScopedRow {
  id: number;
  title: string;
  version: number;
  started_year: number | null;
  type: string;
  publish_consent: boolean;
  province_name: string;
  province_full_name: string;
}

export async function findCommendedModel(db: Executor, id: number): Promise<CommendedModel | null> {
  const [m] = await queryRows<CommendedModel>(
    db,
    sql`select m.id, m.title, m.version, m.status, m.started_year, m.type, m.publish_consent, m.province_code,
      m.commune_code, m.former_commune_code, m.created_by, p.name as province_name, p.full_name as province_full_name
    from models m join provinces p on p.code = m.province_code where m.id = ${id}`,
  );
  return m ?? null;
}

export interface CommendationRecord {
  id: number;
  form: string;
  formName: string;
  issuingBody: string;
  level: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  movementCode: string | null;
  movementName: string | null;
  evidenceFileId: number | null;
  fileName: string | null;
  fileIsPublic: boolean | null;
  note: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const day = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** Every commendation of a model, revoked ones included: the internal record. */
export async function modelCommendations(db: Executor, modelId: number): Promise<CommendationRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.form, f.name as form_name, c.issuing_body, c.level, c.decision_number, c.decision_date,
      mv.code as movement_code, mv.name as movement_name, c.evidence_file_id,
      coalesce(nullif(e.caption, ''), e.original_name) as file_name, e.is_public as file_public,
      c.note, c.revoked_at, c.revoked_reason
    from commendations c join commendation_forms f on f.code = c.form
    left join movements mv on mv.id = c.movement_id
    left join evidence_files e on e.id = c.evidence_file_id
    where c.model_id = ${modelId} order by c.decision_date nulls last, c.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    form: String(r.form),
    formName: String(r.form_name),
    issuingBody: String(r.issuing_body),
    level: String(r.level),
    decisionNumber: (r.decision_number as string) ?? null,
    decisionDate: day(r.decision_date),
    movementCode: (r.movement_code as string) ?? null,
    movementName: (r.movement_name as string) ?? null,
    evidenceFileId: r.evidence_file_id === null ? null : Number(r.evidence_file_id),
    fileName: (r.file_name as string) ?? null,
    fileIsPublic: r.file_public === null || r.file_public === undefined ? null : Boolean(r.file_public),
    note: String(r.note),
    revokedAt: day(r.revoked_at),
    revokedReason: (r.revoked_reason as string) ?? null,
  }));
}

export interface MovementChoice {
  code: string;
  name: string;
  /** The model takes part in it: offered first. */
  own: boolean;
}

/** The movements a commendation may name: every one launched (in force or ended), the model's own first. */
export async function movementChoices(db: Executor, modelId: number): Promise<MovementChoice[]> {
  const rows = await queryRows<{ code: string; name: string; own: boolean }>(
    db,
    sql`select mv.code, mv.name,
      exists (select 1 from model_movements mm where mm.model_id = ${modelId} and mm.movement_id = mv.id) as own
    from movements mv where mv.status <> 'draft' order by 3 desc, mv.start_year desc, mv.id`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, own: Boolean(r.own) }));
}

/**
 * Issuing bodies to suggest: those already named on commendations in the model's province, and the
 * usual ones of the province and the centre (a suggestion only: the body is free text).
 */
export async function issuingBodySuggestions(db: Executor, model: CommendedModel): Promise<string[]> {
  const used = await queryRows<{ issuing_body: string }>(
    db,
    sql`select distinct c.issuing_body from commendations c join models m on m.id = c.model_id
    where m.province_code = ${model.province_code} order by 1 limit 50`,
  );
  const city = /^thành phố/i.test(model.province_full_name);
  const committee = city ? 'Thành ủy' : 'Tỉnh ủy';
  const standard = [
    `UBND ${model.province_full_name.replace(/^Tỉnh/, 'tỉnh').replace(/^Thành phố/, 'thành phố')}`,
    `Ban Dân vận ${committee} ${model.province_name}`,
    `Ban Tuyên giáo và Dân vận ${committee} ${model.province_name}`,
    `Ủy ban MTTQ Việt Nam ${model.province_full_name.replace(/^Tỉnh/, 'tỉnh').replace(/^Thành phố/, 'thành phố')}`,
    'Ban Dân vận Trung ương',
    'Thủ tướng Chính phủ',
    'Chủ tịch nước',
  ];
  return [...new Set([...used.map((u) => u.issuing_body), ...standard])];
}
