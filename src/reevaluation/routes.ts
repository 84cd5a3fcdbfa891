import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { requireLogin } from '../http/guards.js';
import { positiveId } from '../http/params.js';
import { flash } from '../http/flash.js';
import { AppError, Forbidden, NotFound } from '../http/errors.js';
import { can, modelReach } from '../policy/policy.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { formatNumber } from '../text/numbers.js';
import { yearlyCycleCounts } from '../statistics/yearly-cycle.js';
import { listFilters, listLink, yearAndProvince, FIRST_YEAR, type ListState } from './page.js';
import { modelProvince, reevaluationPage, reevaluationRow } from './queries.js';
import { applyReevaluation, type ReevaluationOutcome } from './store.js';
import { DecisionErrors, parseDecision, parseItems, type ReevaluationDecision } from './validation.js';

const PAGE_SIZE = 50;

/** What the person typed and ticked, shown back when the form is refused. */
interface Typed {
  values: Record<string, string>;
  ticked: Set<number>;
  versions: Record<string, string>;
  errors: Record<string, string>;
}
const NOTHING_TYPED: Typed = { values: {}, ticked: new Set(), versions: {}, errors: {} };

function typedOf(body: Record<string, unknown>, errors: Record<string, string>): Typed {
  const values: Record<string, string> = {};
  const versions: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string' || k === '_csrf') continue;
    if (k.startsWith('v-')) versions[k.slice(2)] = v;
    else values[k] = v;
  }
  const raw = body.chon;
  const ticked = new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(Number));
  return { values, ticked, versions, errors };
}

const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The one message of the result: what was applied, and each model left alone, by name. */
function outcomeMessage(o: ReevaluationOutcome, d: ReevaluationDecision, year: number): string {
  const names = (list: { title: string }[]) => list.map((m) => `“${m.title}”`).join(', ');
  const parts: string[] = [];
  if (o.applied.length)
    parts.push(
      d.kind === 'effective'
        ? `Đã ghi nhận ${formatNumber(o.applied.length)} mô hình còn hiệu quả (công nhận lại năm ${year}).`
        : `Đã ghi nhận ${formatNumber(o.applied.length)} mô hình không còn hiệu quả; các mô hình này đã được thu hồi khỏi danh mục công khai.`,
    );
  if (o.changed.length)
    parts.push(
      `Không áp dụng cho ${formatNumber(o.changed.length)} mô hình vì đã có người sửa trong lúc bạn đánh giá: ${names(o.changed)}. Hãy tải lại trang và đánh giá lại.`,
    );
  if (o.notApplicable.length)
    parts.push(
      `Bỏ qua ${formatNumber(o.notApplicable.length)} mô hình đã được đánh giá năm ${year} hoặc không cần đánh giá lại năm này: ${names(o.notApplicable)}.`,
    );
  return parts.join(' ');
}

/** The yearly re-evaluation of a province's recognised models, for its reviewers and admins and the centre. */
export function reevaluationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/quan-ly/danh-gia-lai', requireLogin);

  async function renderList(req: Request, res: Response, status: number, typed: Typed = NOTHING_TYPED) {
    const { year, provinceCode } = await yearAndProvince(ctx.db, req.user, req.query as Record<string, unknown>);
    const central = modelReach(req.user).level === 'country';
    const provinces = central ? (await cachedProvinces(ctx.db)).map((p) => ({ code: p.code, name: p.name })) : [];
    const common = {
      title: `Đánh giá lại hằng năm — năm ${year}`,
      year,
      firstYear: FIRST_YEAR,
      thisYear: new Date().getFullYear(),
      provinces,
      provinceCode,
      provinceName: (await cachedProvinces(ctx.db)).find((p) => p.code === provinceCode)?.name ?? '',
    };
    if (!provinceCode) return res.status(status).render('reevaluation/list', { ...common, chosen: false });
    const f = await listFilters(ctx.db, year, provinceCode, req.query as Record<string, unknown>, central);
    let page = f.page;
    let list = await reevaluationPage(ctx.db, f.filters, page, PAGE_SIZE);
    const lastPage = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    if (page > lastPage) {
      f.errors.trang = `Danh sách chỉ có ${formatNumber(lastPage)} trang; đang hiển thị trang cuối.`;
      page = lastPage;
      list = await reevaluationPage(ctx.db, f.filters, page, PAGE_SIZE);
    }
    const state: ListState = { ...f.state, ...(page > 1 ? { trang: page } : {}) };
    const counts = await yearlyCycleCounts(ctx.db, { year, provinceCode, by: 'commune' });
    const first = list.total ? (page - 1) * PAGE_SIZE + 1 : 0;
    res.status(status).render('reevaluation/list', {
      ...common,
      chosen: true,
      state,
      errors: f.errors,
      communes: f.communes,
      fields: f.fields,
      rows: list.rows,
      total: list.total,
      range: list.total
        ? `${formatNumber(first)}–${formatNumber(first + list.rows.length - 1)} trong ${formatNumber(list.total)} mô hình`
        : 'Không có mô hình nào',
      page,
      lastPage,
      listLink,
      action: listLink(state),
      counts,
      typed,
      levels: RECOGNITION_LEVELS,
      grades: RECOGNITION_GRADES,
    });
  }

  router.get('/quan-ly/danh-gia-lai', (req, res) => renderList(req, res, 200));

  router.post('/quan-ly/danh-gia-lai', async (req, res) => {
    const { year, provinceCode } = await yearAndProvince(ctx.db, req.user, req.query as Record<string, unknown>);
    if (!provinceCode) throw new Forbidden('Hãy chọn tỉnh, thành phố trước khi đánh giá.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    let outcome: ReevaluationOutcome;
    let decision: ReevaluationDecision;
    try {
      const errors: Record<string, string> = {};
      let items: ReturnType<typeof parseItems> = [];
      try {
        items = parseItems(body);
      } catch (err) {
        if (!(err instanceof DecisionErrors)) throw err;
        Object.assign(errors, err.fields);
      }
      try {
        decision = parseDecision(body, todayInVietnam());
      } catch (err) {
        if (!(err instanceof DecisionErrors)) throw err;
        Object.assign(errors, err.fields);
      }
      if (Object.keys(errors).length) throw new DecisionErrors(errors);
      outcome = await inTransaction(ctx.db, (tx) =>
        applyReevaluation(tx, req.user!, year, decision, items, { provinceCode }),
      );
    } catch (err) {
      if (err instanceof DecisionErrors) return renderList(req, res, 400, typedOf(body, err.fields));
      if (err instanceof AppError && err.status === 400)
        return renderList(req, res, 400, typedOf(body, { decision: err.message }));
      throw err;
    }
    flash(req, outcomeMessage(outcome, decision!, year));
    res.redirect(303, req.originalUrl);
  });

  /** The model of the one-model page, on the year's list of its province. */
  async function oneModel(req: Request) {
    const { year } = await yearAndProvince(ctx.db, req.user, { nam: req.query.nam });
    const id = positiveId(req.params.id, 'Không tìm thấy mô hình.');
    const provinceCode = await modelProvince(ctx.db, id);
    // Another province's model is not found, as on every other staff page: an outsider learns nothing.
    if (!provinceCode || !can(req.user, 'reevaluate', { provinceCode }))
      throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    const row = await reevaluationRow(ctx.db, provinceCode, year, id);
    if (!row) throw new NotFound(`Mô hình này không có trong danh sách đánh giá lại năm ${year}.`);
    return { year, provinceCode, row };
  }

  async function renderOne(req: Request, res: Response, status: number, typed: Typed = NOTHING_TYPED) {
    const { year, provinceCode, row } = await oneModel(req);
    const central = modelReach(req.user).level === 'country';
    res.status(status).render('reevaluation/one', {
      title: `Đánh giá lại năm ${year}: ${row.title}`,
      year,
      row,
      back: listLink({ nam: year, ...(central ? { tinh: provinceCode } : {}) }),
      typed,
      levels: RECOGNITION_LEVELS,
      grades: RECOGNITION_GRADES,
    });
  }

  router.get('/quan-ly/danh-gia-lai/:id', (req, res) => renderOne(req, res, 200));

  router.post('/quan-ly/danh-gia-lai/:id', async (req, res) => {
    const { year, provinceCode, row } = await oneModel(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    let outcome: ReevaluationOutcome;
    let decision: ReevaluationDecision;
    try {
      decision = parseDecision(body, todayInVietnam());
      const items = parseItems({ chon: String(row.id), [`v-${row.id}`]: body.version });
      outcome = await inTransaction(ctx.db, (tx) =>
        applyReevaluation(tx, req.user!, year, decision, items, { provinceCode }),
      );
    } catch (err) {
      if (err instanceof DecisionErrors) return renderOne(req, res, 400, typedOf(body, err.fields));
      if (err instanceof AppError && err.status === 400)
        return renderOne(req, res, 400, typedOf(body, { decision: err.message }));
      throw err;
    }
    flash(req, outcomeMessage(outcome, decision!, year));
    const central = modelReach(req.user).level === 'country';
    res.redirect(303, listLink({ nam: year, ...(central ? { tinh: provinceCode } : {}) }));
  });

  return router;
}
