// The summing-up report's counts, each as report-definitions.ts says, within the report's area only:
// the models of the area (a commune's own and its former communes', as the policy's scope reads them),
// and evaluations by where the model stood when decided.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { inCommune } from '../policy/scope.js';
import { CYCLE_KEYS, type CycleKey } from './report-definitions.js';
import type { Period, ReportScope } from './report-params.js';

export type CycleCounts = Record<CycleKey, number>;
export interface GroupRow extends CycleCounts {
  code: string | null;
  name: string;
}

/** Models (alias m) of the area. */
function modelsIn(s: ReportScope): SQL {
  if (s.level === 'country') return sql`true`;
  if (s.level === 'province') return sql`m.province_code = ${s.provinceCode}`;
  return inCommune(s.communeCode);
}

/** Evaluations (alias e) of the area, by the place they recorded. */
function evaluationsIn(s: ReportScope): SQL {
  if (s.level === 'country') return sql`true`;
  if (s.level === 'province') return sql`e.province_code = ${s.provinceCode}`;
  return sql`(e.commune_code = ${s.communeCode} or (e.commune_code is null and e.model_id in
    (select m.id from models m where ${inCommune(s.communeCode)})))`;
}

// The period's first and last instant as Vietnam counts years, so the indexes on the instants serve.
const startOf = (year: number) => sql`(make_date(${year}::int, 1, 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
const within = (column: SQL, p: Period) => sql`${column} >= ${startOf(p.from)} and ${column} < ${startOf(p.to + 1)}`;
const years = (column: SQL, p: Period) => sql`${column} between ${p.from}::int and ${p.to}::int`;

type Grouping = 'none' | 'commune' | 'province' | 'field';
const GROUP_COLUMN: Record<Grouping, string | null> = {
  none: null,
  commune: 'commune_code',
  province: 'province_code',
  field: 'field_code',
};
const groupOf = (g: Grouping, alias: 'm' | 'e') =>
  GROUP_COLUMN[g] ? sql`${sql.identifier(alias)}.${sql.identifier(GROUP_COLUMN[g])}` : sql`null::text`;

const empty = (): CycleCounts => Object.fromEntries(CYCLE_KEYS.map((k) => [k, 0])) as CycleCounts;

/** The cycle's figures per group (none: one row, the total). */
async function cycleCounts(
  db: Executor,
  s: ReportScope,
  p: Period,
  g: Grouping,
): Promise<Map<string | null, CycleCounts>> {
  const gm = groupOf(g, 'm');
  const hasGrade = (grade: string) =>
    sql`exists (select 1 from recognitions r where r.model_id = m.id and r.year = m.recognised_year and r.grade = ${grade})`;
  const parts: SQL[] = [
    sql`select ${gm} as code, 'registered' as k, count(*)::int as n from models m
      where ${modelsIn(s)} and ${within(sql`m.first_submitted_at`, p)} group by 1`,
    sql`select code, k, n from (select ${gm} as code,
        count(*)::int as recognised,
        count(*) filter (where ${hasGrade('tot')})::int as "recognisedGood",
        count(*) filter (where not ${hasGrade('tot')} and ${hasGrade('kha')})::int as "recognisedFair",
        count(*) filter (where m.type = 'collective')::int as "recognisedCollective",
        count(*) filter (where m.type = 'individual')::int as "recognisedIndividual"
      from models m where ${modelsIn(s)} and ${years(sql`m.recognised_year`, p)} group by 1) t
      cross join lateral (values ('recognised', t.recognised), ('recognisedGood', t."recognisedGood"),
        ('recognisedFair', t."recognisedFair"), ('recognisedCollective', t."recognisedCollective"),
        ('recognisedIndividual', t."recognisedIndividual")) v(k, n)`,
    sql`select ${gm} as code, 'recognisedAgain' as k, count(*)::int as n from models m
      where ${modelsIn(s)} and exists (select 1 from recognitions r where r.model_id = m.id
        and ${years(sql`r.year`, p)} and r.year > m.recognised_year) group by 1`,
    sql`select ${groupOf(g, 'e')} as code, 'dropped' as k, count(distinct e.model_id)::int as n from evaluations e
      where ${evaluationsIn(s)} and ${years(sql`e.year`, p)} and e.decision = 'ineffective' group by 1`,
  ];
  const out = new Map<string | null, CycleCounts>();
  for (const part of parts) {
    for (const r of await queryRows<{ code: string | null; k: CycleKey; n: number }>(db, part)) {
      const code = r.code ?? null;
      if (!out.has(code)) out.set(code, empty());
      out.get(code)![r.k] = Number(r.n);
    }
  }
  return out;
}

/** The area's totals of the cycle in a period. */
export async function cycleTotals(db: Executor, s: ReportScope, p: Period): Promise<CycleCounts> {
  return (await cycleCounts(db, s, p, 'none')).get(null) ?? empty();
}

const NAMES: Record<Exclude<Grouping, 'none'>, SQL> = {
  commune: sql`select code, full_name as name from communes`,
  province: sql`select code, name from provinces`,
  field: sql`select code, name from fields`,
};
const NO_GROUP: Record<Exclude<Grouping, 'none'>, string> = {
  commune: 'Chưa rõ xã, phường (xã cũ)',
  province: 'Chưa rõ tỉnh',
  field: 'Chưa rõ lĩnh vực',
};

/**
 * The cycle per commune (per province for the country) or per field: groups with something to count,
 * by code, the unplaced last.
 */
export async function cycleByGroup(
  db: Executor,
  s: ReportScope,
  p: Period,
  by: 'place' | 'field',
): Promise<GroupRow[]> {
  const g: Exclude<Grouping, 'none'> = by === 'field' ? 'field' : s.level === 'country' ? 'province' : 'commune';
  const counts = await cycleCounts(db, s, p, g);
  const codes = [...counts.keys()].filter((c): c is string => c !== null);
  const names = new Map<string, string>();
  if (codes.length)
    for (const n of await queryRows<{ code: string; name: string }>(
      db,
      sql`select * from (${NAMES[g]}) x where x.code in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    ))
      names.set(n.code, n.name);
  return [...counts.entries()]
    .map(([code, c]) => ({ code, name: code === null ? NO_GROUP[g] : (names.get(code) ?? code), ...c }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code)));
}

export interface LevelRow {
  level: string;
  good: number;
  fair: number;
  total: number;
}

/** Models recognised at each level in the period (first time or again), by grade. */
export function recognitionsByLevel(db: Executor, s: ReportScope, p: Period): Promise<LevelRow[]> {
  return queryRows<LevelRow>(
    db,
    sql`select r.level, count(distinct r.model_id) filter (where r.grade = 'tot')::int as good,
      count(distinct r.model_id) filter (where r.grade = 'kha')::int as fair, count(distinct r.model_id)::int as total
    from recognitions r join models m on m.id = r.model_id
    where ${modelsIn(s)} and ${years(sql`r.year`, p)} group by r.level`,
  );
}

/** What decides whether a title may name its holder (src/policy/privacy.ts). */
export interface Holder {
  title: string;
  type: string;
  publishConsent: boolean;
  holderName: string;
}
const HOLDER = sql`m.title, m.type, m.publish_consent as "publishConsent", m.holder_name as "holderName"`;

export interface ReplicatedRow extends Holder {
  id: number;
  place: string;
  replicas: number;
  /** The replicas, as JSON text or already parsed, by driver. */
  replicaList: Holder[] | string;
}

/** The area's models with replicas first recognised in the period, most replicas first. */
export function replicatedInPeriod(db: Executor, s: ReportScope, p: Period): Promise<ReplicatedRow[]> {
  return queryRows<ReplicatedRow>(
    db,
    sql`select m.id, ${HOLDER}, coalesce(c.full_name, '') as place, count(*)::int as replicas,
      json_agg(json_build_object('title', rm.title, 'type', rm.type, 'publishConsent', rm.publish_consent,
        'holderName', rm.holder_name) order by rm.title) as "replicaList"
    from replications l join models m on m.id = l.source_model_id
    join models rm on rm.id = l.replica_model_id left join communes c on c.code = m.commune_code
    where ${modelsIn(s)} and ${years(sql`rm.recognised_year`, p)}
    group by m.id, c.full_name order by count(*) desc, m.title`,
  );
}

/** The area's models with the most replicas now recognised, to this day. */
export function mostReplicated(
  db: Executor,
  s: ReportScope,
  limit = 10,
): Promise<Omit<ReplicatedRow, 'replicaTitles'>[]> {
  return queryRows(
    db,
    sql`select m.id, ${HOLDER}, coalesce(c.full_name, '') as place, count(*)::int as replicas
    from replications l join models m on m.id = l.source_model_id
    join models rm on rm.id = l.replica_model_id and rm.status = 'approved'
    left join communes c on c.code = m.commune_code
    where ${modelsIn(s)} group by m.id, c.full_name order by count(*) desc, m.title limit ${limit}`,
  );
}

export interface CommendationRow {
  form: string;
  name: string;
  commune: number;
  province: number;
  central: number;
  total: number;
}

/** Standing commendations of the area's models decided in the period, by form and level. */
export function commendationsByForm(db: Executor, s: ReportScope, p: Period): Promise<CommendationRow[]> {
  const day = sql`coalesce(cm.decision_date, (cm.created_at at time zone 'Asia/Ho_Chi_Minh')::date)`;
  return queryRows<CommendationRow>(
    db,
    sql`select f.code as form, f.name, count(*) filter (where cm.level = 'commune')::int as commune,
      count(*) filter (where cm.level = 'province')::int as province,
      count(*) filter (where cm.level = 'central')::int as central, count(*)::int as total
    from commendations cm join models m on m.id = cm.model_id join commendation_forms f on f.code = cm.form
    where cm.revoked_at is null and ${modelsIn(s)} and extract(year from ${day})::int between ${p.from}::int and ${p.to}::int
    group by f.code, f.name, f.position order by f.position, f.code`,
  );
}

/** Every model of the area by its status now, drafts and unpublished entries included. */
export async function queueCounts(db: Executor, s: ReportScope): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    db,
    sql`select m.status, count(*)::int as n from models m where ${modelsIn(s)} group by m.status`,
  );
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export interface WaitingRow extends Holder {
  id: number;
  place: string;
  status: string;
  submittedAt: Date | null;
  days: number | null;
}

/** The entries waiting longest for a decision (sent for review, or under consultation). */
export function oldestWaiting(db: Executor, s: ReportScope, now: Date, limit = 10): Promise<WaitingRow[]> {
  return queryRows<WaitingRow>(
    db,
    sql`select m.id, ${HOLDER}, coalesce(c.full_name, '') as place, m.status, m.submitted_at as "submittedAt",
      floor(extract(epoch from (${now.toISOString()}::timestamptz - m.submitted_at)) / 86400)::int as days
    from models m left join communes c on c.code = m.commune_code
    where ${modelsIn(s)} and m.status in ('submitted', 'consultation')
    order by m.submitted_at asc nulls last, m.id limit ${limit}`,
  );
}

export interface ApprovalRow extends Holder {
  id: number;
  place: string;
  publishedAt: Date;
}

/** The newest recognised models of the area published in the period. */
export function newestApprovals(db: Executor, s: ReportScope, p: Period, limit = 10): Promise<ApprovalRow[]> {
  return queryRows<ApprovalRow>(
    db,
    sql`select m.id, ${HOLDER}, coalesce(c.full_name, '') as place, m.published_at as "publishedAt"
    from models m left join communes c on c.code = m.commune_code
    where ${modelsIn(s)} and m.status = 'approved' and ${within(sql`m.published_at`, p)}
    order by m.published_at desc, m.id desc limit ${limit}`,
  );
}
