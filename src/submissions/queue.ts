// The dashboard's queue: the entries of the user's scope through the one list query, with the
// whole state in the URL. A parameter that cannot be used is dropped with a message beside its
// field, so the page still renders with the rest of the filters.
import type { Executor } from '../db/client.js';
import { MODEL_TYPES, type ModelStatus, type ModelType } from '../db/schema.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { internalAudience, listModels, type InternalModelSummary, type ListSort } from '../listing/query.js';
import { pageNumbers } from '../catalogue/pages.js';
import { can, modelReach } from '../policy/policy.js';
import type { Actor } from '../policy/roles.js';
import { FIELDS, MODEL_STATUS_LABELS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { formatDate, formatNumber } from '../text/numbers.js';
import { consultationEnds } from '../consultations/queries.js';

const QUEUE_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_YEAR = 2000;

/** The sorts a person may pick, by their URL value. */
const SORTS = {
  'cho-lau-nhat': { sort: 'review-queue', label: 'Chờ lâu nhất' },
  'moi-thay-doi': { sort: 'changed', label: 'Thay đổi gần nhất' },
  ten: { sort: 'title', label: 'Tên mô hình (A–Z)' },
  'viec-can-lam': { sort: 'commune-work', label: 'Việc cần làm (trả lại, nháp trước)' },
} as const satisfies Record<string, { sort: ListSort; label: string }>;
type SortKey = keyof typeof SORTS;

/** The state of the queue, as the URL carries it (only the values that are in use). */
export interface QueueState {
  q?: string;
  status?: ModelStatus;
  field?: string;
  type?: ModelType;
  province?: string;
  commune?: string;
  nam?: number;
  sort?: SortKey;
  page?: number;
}
const STATE_KEYS = ['q', 'status', 'field', 'type', 'province', 'commune', 'nam', 'sort', 'page'] as const;

/** The link to the queue in this state, with some values changed (undefined removes one). */
export function queueLink(
  state: QueueState,
  change: Partial<Record<keyof QueueState, string | number | undefined>> = {},
) {
  const merged: Record<string, unknown> = { ...state, ...change };
  const query = new URLSearchParams();
  for (const k of STATE_KEYS) {
    const v = merged[k];
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) query.set(k, String(v));
  }
  return `/dashboard${query.size ? `?${query}` : ''}`;
}

/** The dashboard's export of the queue in this state: every page of it. */
export function queueExportLink(state: QueueState, format: 'csv' | 'xlsx') {
  const query = queueLink(state, { page: undefined }).replace(/^\/dashboard/, '');
  return `/quan-ly/mo-hinh.${format}${query}`;
}

const one = (raw: unknown): string | undefined =>
  typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;

/**
 * The queue's state from its query parameters: the list request they make, and a message for each
 * parameter dropped. The dashboard's page and its export read the parameters the same way.
 */
export async function queueRequest(db: Executor, user: Actor, query: Record<string, unknown>, now = new Date()) {
  const reach = modelReach(user);
  const errors: Record<string, string> = {};
  const state: QueueState = {};
  const thisYear = now.getFullYear();

  const q = one(query.q);
  if (q !== undefined) {
    if (q.length > 200) errors.q = 'Từ khóa tìm kiếm dài tối đa 200 ký tự.';
    else state.q = q;
  }
  const status = one(query.status);
  if (status !== undefined) {
    if (Object.hasOwn(MODEL_STATUS_LABELS, status)) state.status = status as ModelStatus;
    else errors.status = 'Trạng thái không có trong danh sách; đang hiển thị mọi trạng thái.';
  }
  const field = one(query.field);
  if (field !== undefined) {
    if (FIELDS.some((f) => f.code === field)) state.field = field;
    else errors.field = 'Lĩnh vực không có trong danh sách; đang hiển thị mọi lĩnh vực.';
  }
  const type = one(query.type);
  if (type !== undefined) {
    if ((MODEL_TYPES as readonly string[]).includes(type)) state.type = type as ModelType;
    else errors.type = 'Loại mô hình không có trong danh sách; đang hiển thị mọi loại.';
  }
  const provinces = reach.level === 'country' ? await cachedProvinces(db) : [];
  const province = one(query.province);
  if (province !== undefined) {
    if (reach.level !== 'country') errors.province = 'Chỉ quản trị viên trung ương lọc theo tỉnh.';
    else if (provinces.some((p) => p.code === province)) state.province = province;
    else errors.province = 'Không có tỉnh, thành phố này; đang hiển thị mọi tỉnh.';
  }
  // Communes to pick from: those of the province in scope (or chosen); a commune's cadre has one.
  const communeProvince = reach.level === 'province' ? reach.provinceCode : state.province;
  const communes = communeProvince ? await cachedCommunes(db, communeProvince) : [];
  const commune = one(query.commune);
  if (commune !== undefined) {
    if (communes.some((c) => c.code === commune)) state.commune = commune;
    else
      errors.commune =
        reach.level === 'country' && !state.province
          ? 'Hãy chọn tỉnh trước khi chọn xã.'
          : 'Xã này không thuộc phạm vi của tài khoản; đang hiển thị mọi xã.';
  }
  const year = one(query.nam);
  if (year !== undefined) {
    const n = Number(year);
    if (/^\d{4}$/.test(year) && n >= FIRST_YEAR && n <= thisYear) state.nam = n;
    else errors.nam = `Năm gửi là số từ ${FIRST_YEAR} đến ${thisYear}, ví dụ ${thisYear}.`;
  }
  const reviewer = can(user, 'review');
  const defaultSort: SortKey = reviewer ? 'cho-lau-nhat' : 'viec-can-lam';
  const sortKey = one(query.sort);
  if (sortKey !== undefined) {
    if (Object.hasOwn(SORTS, sortKey)) state.sort = sortKey as SortKey;
    else errors.sort = 'Cách sắp xếp không có trong danh sách; đang dùng cách mặc định.';
  }
  const request = {
    audience: internalAudience(user),
    filters: {
      q: state.q,
      status: state.status,
      field: state.field,
      type: state.type,
      province: state.province,
      commune: state.commune,
      submittedYear: state.nam,
    },
    sort: SORTS[state.sort ?? defaultSort].sort,
  };
  return { reach, state, errors, request, provinces, communes, defaultSort, thisYear };
}

/** The queue's page for this user and these query parameters. */
export async function queuePage(db: Executor, user: Actor, query: Record<string, unknown>, now = new Date()) {
  const { reach, state, errors, provinces, communes, defaultSort, thisYear, ...parsed } = await queueRequest(
    db,
    user,
    query,
    now,
  );
  const request = { ...parsed.request, limit: QUEUE_PAGE_SIZE };
  let page = 1;
  const pageRaw = one(query.page);
  if (pageRaw !== undefined) {
    if (/^[1-9]\d{0,4}$/.test(pageRaw)) page = Number(pageRaw);
    else errors.page = 'Số trang là số nguyên dương, ví dụ 2.';
  }
  let list = await listModels(db, { ...request, page });
  const lastPage = Math.max(1, Math.ceil(list.total / QUEUE_PAGE_SIZE));
  if (page > lastPage) {
    errors.page = `Danh sách chỉ có ${formatNumber(lastPage)} trang; đang hiển thị trang cuối.`;
    page = lastPage;
    list = await listModels(db, { ...request, page });
  }
  if (page > 1) state.page = page;

  const ends = await consultationEnds(
    db,
    list.items.filter((m) => m.status === 'consultation').map((m) => m.id),
  );
  const first = list.total === 0 ? 0 : (page - 1) * QUEUE_PAGE_SIZE + 1;
  const last = (page - 1) * QUEUE_PAGE_SIZE + list.items.length;
  return {
    state,
    errors,
    rows: list.items.map((m) => queueRow(m, now, ends.get(m.id))),
    total: list.total,
    range:
      list.total === 0
        ? 'Không có mô hình nào'
        : `${formatNumber(first)}–${formatNumber(last)} trong ${formatNumber(list.total)} mô hình`,
    page,
    lastPage,
    pages: pageNumbers(page, lastPage),
    filtered: STATE_KEYS.some((k) => k !== 'page' && k !== 'sort' && state[k] !== undefined),
    options: {
      statuses: Object.entries(MODEL_STATUS_LABELS),
      fields: FIELDS,
      types: Object.entries(MODEL_TYPE_LABELS),
      provinces: provinces.map((p) => ({ code: p.code, name: p.name })),
      communes: reach.level === 'commune' ? [] : communes.map((c) => ({ code: c.code, name: c.fullName })),
      sorts: (Object.entries(SORTS) as [SortKey, { label: string }][]).map(([key, s]) => ({ key, label: s.label })),
      sort: state.sort ?? defaultSort,
      thisYear,
      firstYear: FIRST_YEAR,
    },
  };
}

/** One row of the queue: what a reviewer reads at a glance. */
function queueRow(m: InternalModelSummary, now: Date, consultationEnd: Date | undefined) {
  const submitted = m.submittedAt ? new Date(m.submittedAt) : null;
  return {
    id: m.id,
    title: m.title,
    commune: m.place || m.placeLabel,
    status: m.status,
    statusLabel: MODEL_STATUS_LABELS[m.status],
    lastComment: m.status === 'returned' ? m.lastComment : null,
    // Under consultation the wait is the people's, not the reviewer's: the closing date instead.
    consultationEnds: consultationEnd ? formatDate(consultationEnd) : null,
    submitted: submitted ? formatDate(submitted) : null,
    // Only an entry still waiting for a decision is counted as waiting.
    daysWaiting:
      submitted && m.status === 'submitted'
        ? Math.max(0, Math.floor((now.getTime() - submitted.getTime()) / DAY_MS))
        : null,
  };
}
