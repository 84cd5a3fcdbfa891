// Management of movements at /quan-ly/phong-trao: the centre keeps the central ones, a province
// admin its province's. Every route asks the policy on the movement's owner.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { can, type MovementResource } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { flash } from '../http/flash.js';
import type { SessionUser } from '../accounts/users.js';
import {
  findMovement,
  listAllMovements,
  movementHistory,
  movementModelCount,
  type ManagedMovement,
} from './queries.js';
import { CODE_TAKEN, createMovement, deleteMovement, endMovement, updateMovement } from './store.js';
import { BLANK_PHASE_ROWS, formOf, validateEnd, validateMovement, type MovementForm } from './validation.js';
import { historyView, KIND_LABELS, levelLabel, period, STATUS_LABELS } from './labels.js';
import type { FileStore } from '../evidence/storage.js';

/** Whether the error (or what drizzle wraps) is PostgreSQL's unique violation. */
function uniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | null, i = 0; e && i < 5; i++, e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
}

export const MANAGE_PATH = '/quan-ly/phong-trao';
export const managePath = (code: string) => `${MANAGE_PATH}/${encodeURIComponent(code)}`;
const REFUSED = 'Tài khoản không có quyền quản lý phong trào này.';
const CODE = /^[a-z0-9-]{1,64}$/;

/** The owner a user's new movement gets: the centre's, or the admin's province. */
function ownerOf(user: SessionUser): MovementResource {
  return user.role === 'central_admin'
    ? { level: 'central', provinceCode: null }
    : { level: 'province', provinceCode: user.provinceCode ?? null };
}

const resourceOf = (m: Pick<ManagedMovement, 'level' | 'provinceCode'>): MovementResource => ({
  level: m.level,
  provinceCode: m.provinceCode,
});

function formFromMovement(m: ManagedMovement): MovementForm {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    code: m.code,
    name: m.name,
    kind: m.kind,
    status: m.status,
    issuingBody: m.issuingBody,
    documentNumber: s(m.documentNumber),
    documentDate: m.documentDate ? m.documentDate.split('-').reverse().join('/') : '',
    startYear: s(m.startYear),
    endYear: s(m.endYear),
    goals: m.goals,
    criteria: m.criteria,
    participants: m.participants,
    description: m.description,
    phases: m.phases.map((p) => ({ name: p.name, startYear: s(p.startYear), endYear: s(p.endYear) })),
  };
}

/** A movement's management page; `error` is a refusal shown on top (an action or an upload). */
export async function renderManagePage(
  ctx: AppContext,
  req: Request,
  res: Response,
  status: number,
  m: ManagedMovement,
  error: string | null = null,
): Promise<void> {
  const provinces = await cachedProvinces(ctx.db);
  const name = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  const [history, models] = await Promise.all([movementHistory(ctx.db, m.id), movementModelCount(ctx.db, m.id)]);
  res.status(status).render('movements/manage', {
    title: `Quản lý: ${m.name}`,
    m,
    history: historyView(history),
    models,
    level: levelLabel(m, name),
    period: period(m),
    kinds: KIND_LABELS,
    statuses: STATUS_LABELS,
    error,
    typedEndYear: typeof req.body?.endYear === 'string' ? req.body.endYear : '',
    thisYear: new Date().getFullYear(),
  });
}

export function movementManagement(ctx: AppContext, store: FileStore): Router {
  const router = Router();
  router.use(MANAGE_PATH, requireLogin);
  const provinceName = async () => {
    const provinces = await cachedProvinces(ctx.db);
    return (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  };

  /** The movement by its code, when this user manages it; an outsider learns only that it is not theirs. */
  async function managed(req: Request): Promise<ManagedMovement> {
    const code = String(req.params.code);
    const m = CODE.test(code) ? await findMovement(ctx.db, code) : null;
    if (!m || !can(req.user, 'manageMovement', resourceOf(m)))
      throw new NotFound('Không tìm thấy phong trào trong phạm vi quản lý của tài khoản.');
    return m;
  }
  const authorise = (req: Request) => (r: MovementResource) => {
    if (!can(req.user, 'manageMovement', r)) throw new Forbidden(REFUSED);
  };
  const mayManage = (req: Request) => {
    if (!can(req.user, 'manageMovement'))
      throw new Forbidden('Chỉ quản trị Trung ương và quản trị tỉnh được quản lý phong trào thi đua.');
  };

  const renderForm = (
    res: Response,
    status: number,
    o: {
      title: string;
      action: string;
      form: MovementForm;
      errors?: Record<string, string>;
      version?: number;
      editing?: boolean;
    },
  ) => {
    const rows = [...(o.form.phases ?? [])].filter((p) => p.name || p.startYear || p.endYear);
    for (let i = 0; i < BLANK_PHASE_ROWS; i++) rows.push({ name: '', startYear: '', endYear: '' });
    res.status(status).render('movements/form', {
      errors: {},
      version: null,
      editing: false,
      kinds: KIND_LABELS,
      statuses: STATUS_LABELS,
      ...o,
      phaseRows: rows,
    });
  };

  const renderShow = (req: Request, res: Response, status: number, m: ManagedMovement, error: string | null = null) =>
    renderManagePage(ctx, req, res, status, m, error);

  router.get(MANAGE_PATH, async (req, res) => {
    mayManage(req);
    const name = await provinceName();
    const all = (await listAllMovements(ctx.db)).filter((m) => can(req.user, 'manageMovement', resourceOf(m)));
    res.render('movements/admin-list', {
      title: 'Quản lý phong trào thi đua',
      movements: all.map((m) => ({ ...m, levelText: levelLabel(m, name), periodText: period(m) })),
      kinds: KIND_LABELS,
      statuses: STATUS_LABELS,
      managePath,
    });
  });

  const NEW = { title: 'Phong trào thi đua mới', action: MANAGE_PATH };
  router.get(`${MANAGE_PATH}/moi`, (req, res) => {
    mayManage(req);
    renderForm(res, 200, {
      ...NEW,
      form: { kind: 'regular', status: 'draft', startYear: String(new Date().getFullYear()), phases: [] },
    });
  });

  router.post(MANAGE_PATH, async (req, res) => {
    mayManage(req);
    const user = req.user as SessionUser;
    const owner = ownerOf(user);
    if (!can(user, 'manageMovement', owner)) throw new Forbidden(REFUSED);
    const form = formOf(req.body ?? {});
    const checked = validateMovement(form);
    if ('errors' in checked) return renderForm(res, 400, { ...NEW, form, errors: checked.errors });
    try {
      await inTransaction(ctx.db, (tx) => createMovement(tx, user.id, owner, checked.value));
    } catch (err) {
      // Two admins choosing the same code at once: the unique index decides.
      if ((err instanceof Invalid && err.message === CODE_TAKEN) || uniqueViolation(err))
        return renderForm(res, 400, { ...NEW, form, errors: { code: CODE_TAKEN } });
      throw err;
    }
    flash(req, 'Đã tạo phong trào thi đua.');
    res.redirect(303, managePath(checked.value.code));
  });

  router.get(`${MANAGE_PATH}/:code`, async (req, res) => {
    await renderShow(req, res, 200, await managed(req));
  });

  router.get(`${MANAGE_PATH}/:code/sua`, async (req, res) => {
    const m = await managed(req);
    renderForm(res, 200, {
      title: `Sửa: ${m.name}`,
      action: `${managePath(m.code)}/sua`,
      form: formFromMovement(m),
      version: m.version,
      editing: true,
    });
  });

  router.post(`${MANAGE_PATH}/:code/sua`, async (req, res) => {
    const m = await managed(req);
    // The code is what links and filters use: it does not change.
    const form = { ...formOf(req.body ?? {}), code: m.code };
    const version = Number(req.body?.version);
    const base = { title: `Sửa: ${m.name}`, action: `${managePath(m.code)}/sua`, form, version, editing: true };
    const checked = validateMovement(form);
    if ('errors' in checked) return renderForm(res, 400, { ...base, errors: checked.errors });
    try {
      await inTransaction(ctx.db, (tx) =>
        updateMovement(tx, req.user!.id, m.code, version, checked.value, authorise(req)),
      );
    } catch (err) {
      if (err instanceof Conflict)
        return renderForm(res, 409, { ...base, version: err.current.version, errors: { name: err.message } });
      throw err;
    }
    flash(req, 'Đã lưu các thay đổi của phong trào.');
    res.redirect(303, managePath(m.code));
  });

  router.post(`${MANAGE_PATH}/:code/ket-thuc`, async (req, res) => {
    const m = await managed(req);
    const checked = validateEnd(req.body ?? {}, m.startYear);
    if ('error' in checked) return renderShow(req, res, 400, m, checked.error);
    try {
      await inTransaction(ctx.db, (tx) =>
        endMovement(tx, req.user!.id, m.code, checked.value.version, checked.value.endYear, authorise(req)),
      );
    } catch (err) {
      if (err instanceof AppError && (err.kind === 'conflict' || err.kind === 'invalid'))
        return renderShow(req, res, err.status, (await findMovement(ctx.db, m.code)) ?? m, err.message);
      throw err;
    }
    flash(req, 'Đã kết thúc phong trào.');
    res.redirect(303, managePath(m.code));
  });

  router.post(`${MANAGE_PATH}/:code/xoa`, async (req, res) => {
    const m = await managed(req);
    const version = Number(req.body?.version);
    let key: string | null;
    try {
      key = await inTransaction(ctx.db, (tx) => deleteMovement(tx, req.user!.id, m.code, version, authorise(req)));
    } catch (err) {
      if (err instanceof AppError && (err.kind === 'conflict' || err.kind === 'invalid'))
        return renderShow(req, res, err.status, m, err.message);
      throw err;
    }
    if (key) await store.delete(key).catch((err: unknown) => req.log?.warn({ err }, 'movement document not removed'));
    flash(req, `Đã xóa phong trào “${m.name}”.`);
    res.redirect(303, MANAGE_PATH);
  });

  return router;
}
