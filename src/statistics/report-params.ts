// The report's parameters as its address carries them: one year (nam), a range (tu, den) or a movement's
// phase (giai-doan), and the province (tinh) for those who may pick one. A bad value is refused with a
// message; an area outside the user's reach is forbidden, never silently replaced.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { Forbidden, Invalid } from '../http/errors.js';
import { can, modelReach, type Actor, type ReportResource } from '../policy/policy.js';
import { cachedProvinces } from '../admin-units/queries.js';

/** The first year the registry keeps figures for, and the longest period a report covers. */
const FIRST_YEAR = 2000;
const LONGEST = 30;

export interface Period {
  from: number;
  to: number;
  /** How the page names it: "năm 2025", "2021–2025", or the phase's name. */
  label: string;
  phaseId?: number;
}

export type ReportScope =
  | { level: 'country'; label: string }
  | { level: 'province'; provinceCode: string; label: string }
  | { level: 'commune'; provinceCode: string; communeCode: string; label: string };

export interface ReportRequest {
  period: Period;
  previous: Period;
  scope: ReportScope;
  /** The values of the form, as given (for the form and the download links). */
  state: Record<'nam' | 'tu' | 'den' | 'giai-doan' | 'tinh', string>;
}

const KEYS = ['nam', 'tu', 'den', 'giai-doan', 'tinh'] as const;

const one = (raw: unknown, parameter: string): string => {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw Invalid.parameter({ parameter, message: 'chỉ nhận một giá trị' });
  return raw.trim();
};

function year(text: string, parameter: string, thisYear: number): number {
  const n = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= FIRST_YEAR && n <= thisYear + 1))
    throw Invalid.parameter({ parameter, message: `là một năm từ ${FIRST_YEAR} đến ${thisYear + 1}` });
  return n;
}

/** The query string of a request's state, `?` included, for the downloads and the form. */
export function reportQuery(state: ReportRequest['state']): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (state[k]) q.set(k, state[k]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function period(db: Executor, s: ReportRequest['state'], thisYear: number): Promise<Period> {
  const kinds = [s.nam !== '', s.tu !== '' || s.den !== '', s['giai-doan'] !== ''].filter(Boolean).length;
  if (kinds > 1)
    throw new Invalid(
      'Chọn một kỳ báo cáo: một năm, một khoảng năm hoặc một giai đoạn của phong trào, không chọn cùng lúc.',
    );
  if (s['giai-doan']) {
    const id = /^\d{1,9}$/.test(s['giai-doan']) ? Number(s['giai-doan']) : NaN;
    if (Number.isNaN(id)) throw Invalid.parameter({ parameter: 'giai-doan', message: 'là mã số của một giai đoạn' });
    const [p] = await queryRows<{ name: string; start_year: number; end_year: number | null; movement: string }>(
      db,
      sql`select p.name, p.start_year, p.end_year, mv.name as movement from movement_phases p
        join movements mv on mv.id = p.movement_id where p.id = ${id}`,
    );
    if (!p) throw Invalid.parameter({ parameter: 'giai-doan', message: `không có giai đoạn mã ${id}` });
    const from = Number(p.start_year);
    // A phase still running ends, for the report, this year.
    const to = p.end_year === null ? Math.max(from, thisYear) : Number(p.end_year);
    return { from, to, label: `${p.name} (${from}–${to}) của ${p.movement}`, phaseId: id };
  }
  if (s.tu || s.den) {
    if (!s.tu || !s.den) throw new Invalid('Khoảng năm cần cả năm bắt đầu (tu) và năm kết thúc (den).');
    const from = year(s.tu, 'tu', thisYear);
    const to = year(s.den, 'den', thisYear);
    if (to < from) throw Invalid.parameter({ parameter: 'den', message: 'không được trước năm bắt đầu' });
    if (to - from + 1 > LONGEST)
      throw Invalid.parameter({ parameter: 'den', message: `kỳ báo cáo dài nhất ${LONGEST} năm` });
    return { from, to, label: from === to ? `năm ${from}` : `${from}–${to}` };
  }
  const y = s.nam ? year(s.nam, 'nam', thisYear) : thisYear;
  return { from: y, to: y, label: `năm ${y}` };
}

/** The period of the same length just before. */
function previousOf(p: Period): Period {
  const length = p.to - p.from + 1;
  const from = p.from - length;
  const to = p.from - 1;
  return { from, to, label: from === to ? `năm ${from}` : `${from}–${to}` };
}

/**
 * The request's period and area. Province staff get their province, a cadre their commune, the centre
 * the country unless it names a province; naming one outside the user's reach is forbidden.
 */
export async function parseReportRequest(
  db: Executor,
  user: Actor | null | undefined,
  raw: Record<string, unknown>,
  now = new Date(),
): Promise<ReportRequest> {
  if (!can(user, 'viewReport')) throw new Forbidden('Tài khoản không xem được báo cáo tổng hợp.');
  const state = Object.fromEntries(KEYS.map((k) => [k, one(raw[k], k)])) as ReportRequest['state'];
  const reach = modelReach(user);
  const provinces = await cachedProvinces(db);
  let resource: ReportResource;
  if (state.tinh) {
    if (!provinces.some((p) => p.code === state.tinh))
      throw Invalid.parameter({ parameter: 'tinh', message: `không có tỉnh, thành phố mã ${state.tinh}` });
    resource = { provinceCode: state.tinh, communeCode: null };
  } else if (reach.level === 'province') resource = { provinceCode: reach.provinceCode, communeCode: null };
  else if (reach.level === 'commune') resource = { provinceCode: user!.provinceCode, communeCode: reach.communeCode };
  else resource = { provinceCode: null, communeCode: null };
  if (!can(user, 'viewReport', resource)) throw new Forbidden('Tài khoản chỉ xem báo cáo của địa bàn mình phụ trách.');
  const thisYear = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(now));
  const p = await period(db, state, thisYear);
  let scope: ReportScope;
  if (resource.communeCode) {
    const [c] = await queryRows<{ full_name: string; province_code: string }>(
      db,
      sql`select full_name, province_code from communes where code = ${resource.communeCode}`,
    );
    scope = {
      level: 'commune',
      provinceCode: c?.province_code ?? resource.provinceCode ?? '',
      communeCode: resource.communeCode,
      label: c?.full_name ?? resource.communeCode,
    };
  } else if (resource.provinceCode) {
    const name = provinces.find((x) => x.code === resource.provinceCode)?.fullName ?? resource.provinceCode;
    scope = { level: 'province', provinceCode: resource.provinceCode, label: name };
  } else scope = { level: 'country', label: 'Toàn quốc' };
  return { period: p, previous: previousOf(p), scope, state };
}

export interface PhaseOption {
  id: number;
  label: string;
}

/** The phases a report can cover: those of every movement in force or ended, the centre's first. */
export async function phaseOptions(db: Executor): Promise<PhaseOption[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    start_year: number;
    end_year: number | null;
    movement: string;
  }>(
    db,
    sql`select p.id, p.name, p.start_year, p.end_year, mv.name as movement from movement_phases p
      join movements mv on mv.id = p.movement_id where mv.status <> 'draft'
      order by mv.level = 'central' desc, mv.start_year, mv.id, p.position, p.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    label: `${r.movement}: ${r.name} (${r.start_year}–${r.end_year ?? 'nay'})`,
  }));
}
