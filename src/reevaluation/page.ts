// The re-evaluation page's state, as its address carries it: the year, the province (the centre picks
// one; province staff have theirs), the filters and the page. The year and the province decide what may
// be written, so a bad one is refused; a bad filter is dropped with a message beside its field.
import type { Executor } from '../db/client.js';
import { Forbidden, Invalid } from '../http/errors.js';
import { can, modelReach } from '../policy/policy.js';
import type { SessionUser } from '../accounts/users.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { FIELDS } from '../reference/vocabulary.js';
import type { ReevaluationFilters } from './queries.js';

/** The first year the yearly re-evaluation is kept for. */
export const FIRST_YEAR = 2009;

export interface ListState {
  nam: number;
  tinh?: string;
  'linh-vuc'?: string;
  xa?: string;
  'nam-cong-nhan-cuoi'?: number;
  xem?: 'chua-danh-gia' | 'da-danh-gia';
  trang?: number;
}
const KEYS = ['nam', 'tinh', 'linh-vuc', 'xa', 'nam-cong-nhan-cuoi', 'xem', 'trang'] as const;

/** The address of the list in this state, with some values changed (undefined removes one). */
export function listLink(state: ListState, change: Partial<Record<keyof ListState, string | number | undefined>> = {}) {
  const merged: Record<string, unknown> = { ...state, ...change };
  const query = new URLSearchParams();
  for (const k of KEYS) {
    const v = merged[k];
    if (v !== undefined && v !== '' && !(k === 'trang' && v === 1)) query.set(k, String(v));
  }
  return `/quan-ly/danh-gia-lai?${query}`;
}

const one = (raw: unknown): string | undefined =>
  typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;

/** The year and province of a request; null province when the centre has not picked one yet. */
export async function yearAndProvince(
  db: Executor,
  user: SessionUser | null | undefined,
  query: Record<string, unknown>,
  now = new Date(),
): Promise<{ year: number; provinceCode: string | null }> {
  if (!can(user, 'reevaluate'))
    throw new Forbidden('Chỉ cán bộ thẩm định cấp tỉnh và quản trị viên đánh giá lại mô hình hằng năm.');
  const thisYear = now.getFullYear();
  const rawYear = one(query.nam);
  let year = thisYear;
  if (rawYear !== undefined) {
    const n = Number(rawYear);
    if (!/^\d{4}$/.test(rawYear) || n < FIRST_YEAR || n > thisYear)
      throw new Invalid(`Năm đánh giá là số nguyên từ ${FIRST_YEAR} đến ${thisYear}, ví dụ ${thisYear}.`, {
        parameter: 'nam',
      });
    year = n;
  }
  const reach = modelReach(user);
  const province = one(query.tinh);
  if (reach.level === 'province') {
    if (province !== undefined && province !== reach.provinceCode)
      throw new Forbidden('Tài khoản chỉ đánh giá lại mô hình của tỉnh, thành phố mình.');
    return { year, provinceCode: reach.provinceCode };
  }
  if (province === undefined) return { year, provinceCode: null };
  if (!(await cachedProvinces(db)).some((p) => p.code === province))
    throw new Invalid('Không có tỉnh, thành phố này. Hãy chọn trong danh sách.', { parameter: 'tinh' });
  if (!can(user, 'reevaluate', { provinceCode: province }))
    throw new Forbidden('Tài khoản không đánh giá lại mô hình của tỉnh, thành phố này.');
  return { year, provinceCode: province };
}

/** The filters of the list, each checked; what cannot be used is dropped with its message. */
export async function listFilters(
  db: Executor,
  year: number,
  provinceCode: string,
  query: Record<string, unknown>,
  central: boolean,
) {
  const errors: Record<string, string> = {};
  const state: ListState = { nam: year, ...(central ? { tinh: provinceCode } : {}) };
  const filters: ReevaluationFilters = { provinceCode, year };
  const field = one(query['linh-vuc']);
  if (field !== undefined) {
    if (FIELDS.some((f) => f.code === field)) state['linh-vuc'] = filters.field = field;
    else errors['linh-vuc'] = 'Lĩnh vực không có trong danh sách; đang hiển thị mọi lĩnh vực.';
  }
  const communes = await cachedCommunes(db, provinceCode);
  const commune = one(query.xa);
  if (commune !== undefined) {
    if (communes.some((c) => c.code === commune)) state.xa = filters.commune = commune;
    else errors.xa = 'Xã, phường này không thuộc tỉnh; đang hiển thị mọi xã, phường.';
  }
  const last = one(query['nam-cong-nhan-cuoi']);
  if (last !== undefined) {
    const n = Number(last);
    if (/^\d{4}$/.test(last) && n >= 1945 && n < year) state['nam-cong-nhan-cuoi'] = filters.lastYear = n;
    else errors['nam-cong-nhan-cuoi'] = `Năm công nhận gần nhất là số từ 1945 đến ${year - 1}.`;
  }
  const shown = one(query.xem);
  if (shown !== undefined) {
    if (shown === 'chua-danh-gia' || shown === 'da-danh-gia') {
      state.xem = shown;
      filters.state = shown === 'chua-danh-gia' ? 'pending' : 'decided';
    } else errors.xem = 'Cách xem không có trong danh sách; đang hiển thị mọi mô hình.';
  }
  let page = 1;
  const rawPage = one(query.trang);
  if (rawPage !== undefined) {
    if (/^[1-9]\d{0,4}$/.test(rawPage)) page = Number(rawPage);
    else errors.trang = 'Số trang là số nguyên dương, ví dụ 2.';
  }
  return {
    state,
    filters,
    errors,
    page,
    communes: communes.map((c) => ({ code: c.code, name: c.fullName })),
    fields: FIELDS.map((f) => ({ code: f.code, name: f.name })),
  };
}
