import { Router, type Request, type Response } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { can, checkTransition, type ModelResource } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import type { SessionUser } from '../accounts/users.js';
import { listMovements } from '../movements/queries.js';
import { FIELDS, MODEL_STATUS_LABELS, RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { formToInput } from './form.js';
import { validateModelInput, type ModelInput } from './validation.js';
import { createModel, updateModel } from './store.js';
import { applyTransition } from './transitions.js';
import { modelResource } from '../policy/resources.js';
import { findInternalModel, modelHistory, workCounts, workList, type InternalModel } from './queries.js';
import { similarTitles } from './similar.js';
import { listFiles } from '../evidence/queries.js';
import { fileUrl } from '../evidence/downloads.js';
import { typeLabel } from '../evidence/rules.js';
import { WORKFLOW_ACTIONS, WORKFLOW_ACTION_LABELS, availableActions, type WorkflowAction } from '../policy/workflow.js';
import { AppError, Conflict, NotFound, Forbidden, Invalid } from '../http/errors.js';

const idOf = (req: Request) => {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFound('Không tìm thấy mô hình.');
  return Number(id);
};

/** Form values back from a stored row, so the edit form starts from what is saved. */
function valuesOf(m: Record<string, unknown>): Partial<ModelInput> {
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    type: m.type as ModelInput['type'], title: String(m.title), fieldCode: String(m.field_code), startedYear: Number(m.started_year),
    movementCodes: parse<string[]>(m.movement_codes), summary: String(m.summary), situation: String(m.situation), goals: String(m.goals),
    beneficiaries: String(m.beneficiaries), activities: String(m.activities), leadBodies: String(m.lead_bodies),
    partnerBodies: String(m.partner_bodies), resourcesMoneyMillion: m.resources_money_million === null ? null : Number(m.resources_money_million),
    resourcesWorkDays: m.resources_work_days === null ? null : Number(m.resources_work_days), resourcesNonState: String(m.resources_non_state),
    results: String(m.results), sustainability: String(m.sustainability), holderName: String(m.holder_name), holderRole: String(m.holder_role),
    publishConsent: Boolean(m.publish_consent), contactName: String(m.contact_name), contactPhone: String(m.contact_phone),
    contactEmail: String(m.contact_email), indicators: parse<ModelInput['indicators']>(m.indicator_list).map((i) => ({ ...i, value: Number(i.value) })),
  };
}

export function submissionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/quan-ly', requireLogin);

  const renderForm = async (res: Response, status: number, o: { title: string; action: string; values: Record<string, unknown>; errors?: Record<string, string>; version?: number; similar?: unknown[] }) =>
    res.status(status).render('submissions/form', { fields: FIELDS, movements: await listMovements(ctx.db), errors: {}, similar: [], ...o });

  router.get('/quan-ly/mo-hinh/moi', async (req, res) => {
    if (!can(req.user, 'create')) throw new Forbidden('Chỉ cán bộ xã được đăng ký mô hình mới.');
    await renderForm(res, 200, { title: 'Đăng ký mô hình mới', action: '/quan-ly/mo-hinh', values: { type: 'collective', movementCodes: ['dan-van-kheo'] } });
  });

  router.post('/quan-ly/mo-hinh', async (req, res) => {
    const user = req.user as SessionUser;
    if (!can(user, 'create')) throw new Forbidden('Chỉ cán bộ xã được đăng ký mô hình mới.');
    const raw = formToInput(req.body ?? {});
    const checked = validateModelInput(raw);
    const form = { title: 'Đăng ký mô hình mới', action: '/quan-ly/mo-hinh', values: raw };
    if ('errors' in checked) return renderForm(res, 400, { ...form, errors: checked.errors });
    // Likely duplicates are shown once before the entry is saved.
    if (req.body?.checkedSimilar !== '1') {
      const province = (await findCommuneProvince(ctx, user.communeCode!)) ?? '';
      const similar = await similarTitles(ctx.db, province, checked.value.title);
      if (similar.length) return renderForm(res, 200, { ...form, similar, values: { ...raw, checkedSimilar: '1' } });
    }
    // Saving and sending for review are one step: a failed submission leaves no half-made entry.
    const created = await inTransaction(ctx.db, async (tx) => {
      const made = await createModel(tx, user, checked.value);
      if (req.body?.intent === 'submit') await applyTransition(tx, user, made.id, made.version, 'submit', {});
      return made;
    });
    res.redirect(303, `/quan-ly/mo-hinh/${created.id}`);
  });

  /** The entry's internal page: content beside history, with the actions this user may take now. */
  const renderEntry = async (req: Request, res: Response, status: number, m: InternalModel, resource: ModelResource, extra: { error?: string; typed?: unknown } = {}) => {
    const actions = availableActions(m.status as never, req.user!.role).filter((a) => a !== 'edit' && checkTransition(req.user, a, resource).ok);
    res.status(status).render('submissions/show', {
      title: m.title, m, history: await modelHistory(ctx.db, m.id), files: await listFiles(ctx.db, m.id), fileUrl, typeLabel,
      canManageFiles: can(req.user, 'manageFiles', resource), actions, actionLabels: WORKFLOW_ACTION_LABELS,
      statusLabels: MODEL_STATUS_LABELS, levels: RECOGNITION_LEVELS, grades: RECOGNITION_GRADES,
      canEdit: checkTransition(req.user, 'edit', resource).ok, error: extra.error ?? null, typed: extra.typed ?? null,
      thisYear: new Date().getFullYear(),
    });
  };

  router.get('/quan-ly/mo-hinh/:id', async (req, res) => {
    const m = await findInternalModel(ctx.db, idOf(req));
    const resource = m ? await modelResource(ctx.db, m) : null;
    if (!m || !resource || !can(req.user, 'viewInternal', resource)) throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    await renderEntry(req, res, 200, m, resource);
  });

  router.get('/quan-ly/mo-hinh/:id/sua', async (req, res) => {
    const m = await findInternalModel(ctx.db, idOf(req));
    if (!m || !checkTransition(req.user, 'edit', await modelResource(ctx.db, m)).ok) throw new Forbidden('Không thể sửa mô hình này ở trạng thái hiện tại.');
    await renderForm(res, 200, { title: `Sửa: ${m.title}`, action: `/quan-ly/mo-hinh/${m.id}/sua`, values: valuesOf(m), version: m.version });
  });

  router.post('/quan-ly/mo-hinh/:id/sua', async (req, res) => {
    const id = idOf(req);
    const m = await findInternalModel(ctx.db, id);
    if (!m || !checkTransition(req.user, 'edit', await modelResource(ctx.db, m)).ok) throw new Forbidden('Không thể sửa mô hình này ở trạng thái hiện tại.');
    const raw = formToInput(req.body ?? {});
    const checked = validateModelInput(raw);
    const version = Number(req.body?.version);
    const form = { title: `Sửa: ${m.title}`, action: `/quan-ly/mo-hinh/${id}/sua`, values: raw, version };
    if ('errors' in checked) return renderForm(res, 400, { ...form, errors: checked.errors });
    try {
      await inTransaction(ctx.db, async (tx) => {
        const saved = await updateModel(tx, req.user!, id, version, checked.value);
        if (req.body?.intent === 'submit' && m.status !== 'submitted') await applyTransition(tx, req.user!, id, saved.version, 'submit', {});
      });
    } catch (err) {
      if (err instanceof Conflict) return renderForm(res, 409, { ...form, version: err.current.version, errors: { title: err.message } });
      throw err;
    }
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  router.post('/quan-ly/mo-hinh/:id/thao-tac', async (req, res) => {
    const id = idOf(req);
    const action = String(req.body?.action) as WorkflowAction;
    if (!WORKFLOW_ACTIONS.includes(action) || action === 'edit') throw new Invalid('Thao tác không hợp lệ.');
    const b = req.body ?? {};
    const recognition = action === 'approve' || action === 'recognise'
      ? { year: Number(b.year), level: b.level, grade: b.grade, decisionNumber: b.decisionNumber || null, decisionDate: b.decisionDate || null } : null;
    try {
      await inTransaction(ctx.db, (tx) => applyTransition(tx, req.user!, id, Number(b.version), action, { comment: b.comment ?? '', recognition }));
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err;
      const m = (await findInternalModel(ctx.db, id))!;
      return renderEntry(req, res, err.status, m, await modelResource(ctx.db, m), { error: err.message, typed: b });
    }
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  router.get('/dashboard', requireLogin, async (req, res) => {
    const status = typeof req.query.status === 'string' && Object.hasOwn(MODEL_STATUS_LABELS, req.query.status) ? req.query.status : undefined;
    const field = typeof req.query.field === 'string' && FIELDS.some((f) => f.code === req.query.field) ? req.query.field : undefined;
    const [items, counts] = await Promise.all([workList(ctx.db, req.user!, { status, field }), workCounts(ctx.db, req.user!)]);
    res.render('accounts/dashboard', { title: 'Trang làm việc', items, counts, filters: { status, field }, fields: FIELDS, statusLabels: MODEL_STATUS_LABELS, canCreate: can(req.user, 'create'), canManageReference: can(req.user, 'manageReferenceData') });
  });
  return router;
}

async function findCommuneProvince(ctx: AppContext, communeCode: string): Promise<string | null> {
  const [c] = await queryRows<{ province_code: string }>(ctx.db, sql`select province_code from communes where code = ${communeCode}`);
  return c?.province_code ?? null;
}
