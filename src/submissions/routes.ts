import { Router, type Request, type Response } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { can, checkTransition } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import type { SessionUser } from '../accounts/users.js';
import { KEPT_FORM_PARAMETER, takePendingForm } from '../accounts/pending-forms.js';
import { entryOffer, movementChoices, movementErrors, newEntryOffer, type MovementOffer } from './movement-offer.js';
import { FIELDS } from '../reference/vocabulary.js';
import { formToInput } from './form.js';
import { validateModelInput, type ModelInput } from './validation.js';
import { missingForSubmission, REQUIRED_FOR_SUBMISSION } from './completeness.js';
import { mentionErrors, nameMentions } from './name-check.js';
import { createModel, updateModel } from './store.js';
import { applyTransition } from './transitions.js';
import { entryPage } from './entry-page.js';
import { periodDaysFrom } from '../consultations/steps.js';
import { modelResource } from '../policy/resources.js';
import { findInternalModel, modelHistory, type InternalModel } from './queries.js';
import { similarTitles } from './similar.js';
import { internalModelView, reviewNotes } from './presenters.js';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../policy/workflow.js';
import { AppError, Conflict, NotFound, Forbidden, Invalid } from '../http/errors.js';
import { parseDate } from '../text/numbers.js';
import { flash } from '../http/flash.js';
import { checkFormLinks, formLinksView, readFormLinks, storedFormLinks, type FormLinks } from '../replication/form.js';
import { replicaLinksOf } from '../replication/queries.js';

/** What the next page says after each step of the workflow. */
const ACTION_DONE: Record<Exclude<WorkflowAction, 'edit'>, string> = {
  submit: 'Đã gửi thẩm định mô hình.',
  consult: 'Đã mở lấy ý kiến nhân dân về mô hình.',
  close: 'Đã kết thúc lấy ý kiến nhân dân.',
  approve: 'Đã duyệt và công nhận mô hình.',
  return: 'Đã trả lại mô hình để cán bộ xã bổ sung.',
  reject: 'Đã từ chối công nhận mô hình.',
  withdraw: 'Đã thu hồi công nhận mô hình.',
  recognise: 'Đã công nhận lại mô hình.',
};

const idOf = (req: Request) => {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFound('Không tìm thấy mô hình.');
  return Number(id);
};

const NEW_FORM = { title: 'Đăng ký mô hình mới', action: '/quan-ly/mo-hinh', formPage: '/quan-ly/mo-hinh/moi' };
const KEPT_NOTICE = 'Phiên đăng nhập đã hết hạn; nội dung bạn nhập đã được giữ lại — hãy kiểm tra và bấm Lưu lần nữa.';
const KEPT_ACTION_NOTICE =
  'Phiên đăng nhập đã hết hạn; nội dung bạn nhập đã được giữ lại — hãy kiểm tra và bấm nút thao tác lần nữa.';

export function submissionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/quan-ly', requireLogin);
  // What this user typed on this page before their session ended (src/accounts/pending-forms.ts).
  const keptForm = (req: Request) => takePendingForm(ctx.db, req.query[KEPT_FORM_PARAMETER], req.user!.id, req.path);

  const renderForm = async (
    res: Response,
    status: number,
    o: {
      title: string;
      action: string;
      values: Record<string, unknown>;
      errors?: Record<string, string>;
      version?: number;
      similar?: unknown[];
      returnComment?: string | null;
      formPage?: string;
      keptNotice?: string;
      offer: MovementOffer;
      /** The originals it names, and the search step's matches. */
      links?: FormLinks;
      entryId?: number;
    },
  ) =>
    res.status(status).render('submissions/form', {
      fields: FIELDS,
      movements: await movementChoices(ctx.db, o.offer),
      ...(await formLinksView(ctx.db, o.links ?? storedFormLinks([]), o.entryId ?? null)),
      requiredForSubmission: REQUIRED_FOR_SUBMISSION.map(([key]) => key),
      errors: {},
      similar: [],
      returnComment: null,
      ...o,
    });

  router.get('/quan-ly/mo-hinh/moi', async (req, res) => {
    if (!can(req.user, 'create')) throw new Forbidden('Chỉ cán bộ xã được đăng ký mô hình mới.');
    const kept = await keptForm(req);
    await renderForm(res, 200, {
      ...NEW_FORM,
      offer: newEntryOffer(await findCommuneProvince(ctx, req.user!.communeCode!)),
      values: kept ? formToInput(kept) : { type: 'collective', movementCodes: ['dan-van-kheo'] },
      keptNotice: kept ? KEPT_NOTICE : undefined,
      links: kept ? { ...readFormLinks(kept), step: null } : undefined,
    });
  });

  router.post('/quan-ly/mo-hinh', async (req, res) => {
    const user = req.user as SessionUser;
    if (!can(user, 'create')) throw new Forbidden('Chỉ cán bộ xã được đăng ký mô hình mới.');
    const raw = formToInput(req.body ?? {});
    const links = readFormLinks(req.body ?? {});
    const form = {
      ...NEW_FORM,
      values: raw,
      links,
      offer: newEntryOffer(await findCommuneProvince(ctx, user.communeCode!)),
    };
    // The search step for originals saves nothing: the form comes back as typed, with the matches.
    if (links.step) return renderForm(res, 200, form);
    const checked = validateModelInput(raw);
    const linked = await checkFormLinks(ctx.db, links, null, new Set());
    const submitting = req.body?.intent === 'submit';
    // Everything to fix at once: what is malformed, and (when sending) what is missing.
    if ('errors' in checked || 'error' in linked)
      return renderForm(res, 400, {
        ...form,
        errors: {
          ...(submitting ? missingForSubmission(raw) : {}),
          ...('errors' in checked ? checked.errors : {}),
          ...('error' in linked ? { replicates: linked.error } : {}),
        },
      });
    const refused = {
      ...(submitting ? submissionErrors(checked.value) : {}),
      ...(await movementErrors(ctx.db, form.offer, checked.value.movementCodes)),
    };
    if (Object.keys(refused).length) return renderForm(res, 400, { ...form, errors: refused });
    // Likely duplicates are shown once before the entry goes to review; a draft is saved whatever
    // they are, and its page shows them.
    if (submitting && req.body?.checkedSimilar !== '1') {
      const province = (await findCommuneProvince(ctx, user.communeCode!)) ?? '';
      const similar = await similarTitles(ctx.db, user, province, checked.value.title);
      if (similar.length) return renderForm(res, 200, { ...form, similar, values: { ...raw, checkedSimilar: '1' } });
    }
    // Saving and sending for review are one step: a failed submission leaves no half-made entry.
    const created = await inTransaction(ctx.db, async (tx) => {
      const made = await createModel(tx, user, checked.value, linked.value);
      if (req.body?.intent === 'submit') await applyTransition(tx, user, made.id, made.version, 'submit', {});
      return made;
    });
    flash(req, req.body?.intent === 'submit' ? 'Đã lưu và gửi thẩm định mô hình.' : 'Đã lưu bản nháp mô hình.');
    res.redirect(303, `/quan-ly/mo-hinh/${created.id}`);
  });

  const renderEntry = entryPage(ctx);

  router.get('/quan-ly/mo-hinh/:id', async (req, res) => {
    const m = await findInternalModel(ctx.db, idOf(req));
    const resource = m ? await modelResource(ctx.db, m) : null;
    if (!m || !resource || !can(req.user, 'viewInternal', resource))
      throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    const kept = await keptForm(req);
    await renderEntry(req, res, 200, m, resource, kept ? { typed: kept, keptNotice: KEPT_ACTION_NOTICE } : {});
  });

  router.get('/quan-ly/mo-hinh/:id/sua', async (req, res) => {
    const m = await findInternalModel(ctx.db, idOf(req));
    if (!m || !checkTransition(req.user, 'edit', await modelResource(ctx.db, m)).ok)
      throw new Forbidden('Không thể sửa mô hình này ở trạng thái hiện tại.');
    const entry = internalModelView(m);
    // A kept form keeps the version it was typed on: a change made since then is a conflict, not lost.
    const kept = await keptForm(req);
    const keptVersion = Number(kept?.version);
    await renderForm(res, 200, {
      title: `Sửa: ${entry.title}`,
      action: `/quan-ly/mo-hinh/${entry.id}/sua`,
      formPage: `/quan-ly/mo-hinh/${entry.id}/sua`,
      values: kept ? formToInput(kept) : entry.content,
      offer: entryOffer({ ...m, movementCodes: entry.content.movementCodes ?? [] }),
      version: kept && Number.isSafeInteger(keptVersion) ? keptVersion : entry.version,
      keptNotice: kept ? KEPT_NOTICE : undefined,
      returnComment: await openReturnComment(ctx, m),
      links: kept ? { ...readFormLinks(kept), step: null } : storedFormLinks(await replicaLinksOf(ctx.db, entry.id)),
      entryId: entry.id,
    });
  });

  router.post('/quan-ly/mo-hinh/:id/sua', async (req, res) => {
    const id = idOf(req);
    const m = await findInternalModel(ctx.db, id);
    if (!m || !checkTransition(req.user, 'edit', await modelResource(ctx.db, m)).ok)
      throw new Forbidden('Không thể sửa mô hình này ở trạng thái hiện tại.');
    const raw = formToInput(req.body ?? {});
    const links = readFormLinks(req.body ?? {});
    const version = Number(req.body?.version);
    const form = {
      title: `Sửa: ${m.title}`,
      action: `/quan-ly/mo-hinh/${id}/sua`,
      formPage: `/quan-ly/mo-hinh/${id}/sua`,
      values: raw,
      version,
      returnComment: await openReturnComment(ctx, m),
      offer: entryOffer({ ...m, movementCodes: internalModelView(m).content.movementCodes ?? [] }),
      links,
      entryId: id,
    };
    if (links.step) return renderForm(res, 200, form);
    const checked = validateModelInput(raw);
    const stored = new Set((await replicaLinksOf(ctx.db, id)).map((l) => l.sourceId));
    const linked = await checkFormLinks(ctx.db, links, id, stored);
    // An entry under review stays there when saved: it is checked as a submission is.
    const submitting = req.body?.intent === 'submit' || m.status === 'submitted';
    if ('errors' in checked || 'error' in linked)
      return renderForm(res, 400, {
        ...form,
        errors: {
          ...(submitting ? missingForSubmission(raw) : {}),
          ...('errors' in checked ? checked.errors : {}),
          ...('error' in linked ? { replicates: linked.error } : {}),
        },
      });
    const refused = {
      ...(submitting ? submissionErrors(checked.value) : {}),
      ...(await movementErrors(ctx.db, form.offer, checked.value.movementCodes)),
    };
    if (Object.keys(refused).length) return renderForm(res, 400, { ...form, errors: refused });
    try {
      await inTransaction(ctx.db, async (tx) => {
        const saved = await updateModel(tx, req.user!, id, version, checked.value, linked.value);
        if (req.body?.intent === 'submit' && m.status !== 'submitted')
          await applyTransition(tx, req.user!, id, saved.version, 'submit', {});
      });
    } catch (err) {
      if (err instanceof Conflict)
        return renderForm(res, 409, { ...form, version: err.current.version, errors: { title: err.message } });
      throw err;
    }
    flash(
      req,
      req.body?.intent === 'submit' && m.status !== 'submitted'
        ? 'Đã lưu và gửi thẩm định mô hình.'
        : 'Đã lưu các thay đổi.',
    );
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  router.post('/quan-ly/mo-hinh/:id/thao-tac', async (req, res) => {
    const id = idOf(req);
    const action = String(req.body?.action) as WorkflowAction;
    if (!WORKFLOW_ACTIONS.includes(action) || action === 'edit') throw new Invalid('Thao tác không hợp lệ.');
    const b = req.body ?? {};
    const recognition =
      action === 'approve' || action === 'recognise'
        ? {
            year: Number(b.year),
            level: b.level,
            grade: b.grade,
            decisionNumber: b.decisionNumber || null,
            // The form reads day/month/year; what cannot be read goes on as typed, for the policy to refuse.
            decisionDate: b.decisionDate ? dayOrTyped(String(b.decisionDate)) : null,
          }
        : null;
    try {
      await inTransaction(ctx.db, (tx) =>
        applyTransition(
          tx,
          req.user!,
          id,
          Number(b.version),
          action,
          {
            comment: b.comment ?? '',
            recognition,
            // Whole days as a person types them; anything else reaches the state machine as NaN and is refused.
            periodDays: action === 'consult' ? periodDaysFrom(b.periodDays) : null,
          },
          { confirmed: b.confirm === 'yes' },
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err;
      const m = (await findInternalModel(ctx.db, id))!;
      return renderEntry(req, res, err.status, m, await modelResource(ctx.db, m), { error: err.message, typed: b });
    }
    flash(req, ACTION_DONE[action]);
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  return router;
}

/** The reviewer's comment the commune is answering, while the entry is still returned. */
async function openReturnComment(ctx: AppContext, m: InternalModel): Promise<string | null> {
  if (m.status !== 'returned') return null;
  return reviewNotes(await modelHistory(ctx.db, m.id), internalModelView(m), { movementNames: new Map() })
    .returnComment;
}

function dayOrTyped(typed: string): string {
  const parsed = parseDate(typed);
  return parsed.ok ? parsed.value : typed;
}

/** Why this content cannot be sent for review: each missing field, then each name without consent. */
function submissionErrors(input: ModelInput): Record<string, string> {
  return { ...mentionErrors(nameMentions(input)), ...missingForSubmission(input) };
}

async function findCommuneProvince(ctx: AppContext, communeCode: string): Promise<string | null> {
  const [c] = await queryRows<{ province_code: string }>(
    ctx.db,
    sql`select province_code from communes where code = ${communeCode}`,
  );
  return c?.province_code ?? null;
}
