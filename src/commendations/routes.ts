import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { can, type ModelResource } from '../policy/policy.js';
import { modelResource } from '../policy/resources.js';
import { requireLogin } from '../http/guards.js';
import { positiveId } from '../http/params.js';
import { flash } from '../http/flash.js';
import { AppError, Forbidden, NotFound, Unavailable } from '../http/errors.js';
import { csrf } from '../accounts/sessions.js';
import { LocalDiskStore } from '../evidence/storage.js';
import { prepareUploads, receiveFiles, removeTemporary, uploadedFiles } from '../evidence/upload.js';
import { attachFiles, checkEntryLimits, storeUploads } from '../evidence/store.js';
import { ACCEPT_ATTRIBUTE } from '../evidence/rules.js';
import { formatDate } from '../text/numbers.js';
import { RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { listFiles } from '../evidence/queries.js';
import { fileUrl } from '../evidence/downloads.js';
import {
  findCommendedModel,
  issuingBodySuggestions,
  listForms,
  modelCommendations,
  movementChoices,
  type CommendationRecord,
  type CommendedModel,
} from './queries.js';
import { addCommendation, revokeCommendation, updateCommendation } from './store.js';
import { FieldErrors, parseCommendation, parseRevocation } from './validation.js';

const NOT_FOUND = 'Không tìm thấy mô hình trong phạm vi của tài khoản.';

/** The form's fields as the page shows them back: what was typed, or what is stored. */
function storedValues(c: CommendationRecord): Record<string, string> {
  return {
    form: c.form,
    issuingBody: c.issuingBody,
    level: c.level,
    decisionNumber: c.decisionNumber ?? '',
    decisionDate: formatDate(c.decisionDate),
    movement: c.movementCode ?? '',
    evidenceFileId: c.evidenceFileId === null ? '' : String(c.evidenceFileId),
    note: c.note,
  };
}

const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => k !== '_csrf' && typeof v === 'string')
      .map(([k, v]) => [k, String(v)]),
  );

/** A model's commendations, kept by province staff and the centre (the policy's recordCommendation). */
export function commendationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(['/quan-ly/mo-hinh/:id/khen-thuong'], requireLogin);
  const limits = ctx.config.uploads;
  const store = ctx.files ?? new LocalDiskStore(ctx.config.uploadDir);
  const receive = receiveFiles(store, limits);

  async function scoped(req: Request): Promise<{ m: CommendedModel; resource: ModelResource }> {
    const m = await findCommendedModel(ctx.db, positiveId(req.params.id, 'Không tìm thấy mô hình.'));
    const resource = m ? await modelResource(ctx.db, m) : null;
    if (!m || !resource || !can(req.user, 'viewInternal', resource)) throw new NotFound(NOT_FOUND);
    return { m, resource };
  }

  function mayRecord(req: Request, resource: ModelResource): void {
    if (can(req.user, 'recordCommendation', resource)) return;
    throw new Forbidden(
      can(req.user, 'recordCommendation')
        ? 'Chỉ ghi nhận khen thưởng cho mô hình đã được công nhận.'
        : 'Tài khoản không có quyền ghi nhận khen thưởng.',
    );
  }

  /** What both pages need for the form: the lists to choose from. */
  async function formLists(m: CommendedModel) {
    const [forms, movements, files, suggestions] = await Promise.all([
      listForms(ctx.db),
      movementChoices(ctx.db, m.id),
      listFiles(ctx.db, m.id),
      issuingBodySuggestions(ctx.db, m),
    ]);
    return { forms, movements, files, suggestions, levels: RECOGNITION_LEVELS, fileUrl };
  }

  async function renderList(
    req: Request,
    res: Response,
    status: number,
    m: CommendedModel,
    resource: ModelResource,
    extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
  ) {
    res.status(status).render('commendations/model', {
      title: `Khen thưởng: ${m.title}`,
      m,
      records: await modelCommendations(ctx.db, m.id),
      canRecord: can(req.user, 'recordCommendation', resource),
      // The token rides in the URL: a multipart body is read only after the CSRF check.
      action: `/quan-ly/mo-hinh/${m.id}/khen-thuong?_csrf=${encodeURIComponent(csrf.generateToken(req))}`,
      accept: ACCEPT_ATTRIBUTE,
      ...(await formLists(m)),
      errors: extra.errors ?? {},
      values: extra.values ?? { level: 'province' },
      formatDate,
    });
  }

  async function renderEdit(
    res: Response,
    status: number,
    m: CommendedModel,
    record: CommendationRecord,
    extra: {
      errors?: Record<string, string>;
      values?: Record<string, string>;
      revocation?: Record<string, string>;
    } = {},
  ) {
    res.status(status).render('commendations/edit', {
      title: `Sửa khen thưởng: ${m.title}`,
      m,
      record,
      ...(await formLists(m)),
      errors: extra.errors ?? {},
      values: extra.values ?? storedValues(record),
      revocation: extra.revocation ?? {},
      formatDate,
    });
  }

  async function findRecord(m: CommendedModel, req: Request): Promise<CommendationRecord> {
    const id = positiveId(req.params.cid, 'Không tìm thấy khen thưởng.');
    const record = (await modelCommendations(ctx.db, m.id)).find((c) => c.id === id);
    if (!record) throw new NotFound('Không tìm thấy khen thưởng này của mô hình.');
    return record;
  }

  router.get('/quan-ly/mo-hinh/:id/khen-thuong', async (req, res) => {
    const { m, resource } = await scoped(req);
    await renderList(req, res, 200, m, resource);
  });

  // The scanned decision may come with the form (multipart): checked by the evidence pipeline, stored
  // as one of the model's files and named by the commendation, in one transaction.
  router.post('/quan-ly/mo-hinh/:id/khen-thuong', async (req, res) => {
    const { m, resource } = await scoped(req);
    if (!can(req.user, 'recordCommendation', resource)) req.resume();
    mayRecord(req, resource);
    const temporary: string[] = [];
    try {
      await new Promise<void>((resolve, reject) =>
        receive(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
      const files = uploadedFiles(req);
      temporary.push(...files.map((f) => f.path));
      const input = parseCommendation(req.body ?? {}, { startedYear: m.started_year });
      if (files.length > 1) throw new FieldErrors({ decisionFile: 'Chỉ tải lên một tệp quyết định.' });
      if (files.length && input.evidenceFileId !== null)
        throw new FieldErrors({ decisionFile: 'Chọn một tệp đã có hoặc tải lên tệp mới, không chọn cả hai.' });
      const options = {
        caption: `Quyết định khen thưởng số ${input.decisionNumber}`,
        isPublic: req.body?.decisionVisibility !== 'internal',
      };
      const prepared = files.length ? await prepareUploads(files, store, limits, options, temporary) : [];
      if (prepared.length) await checkEntryLimits(ctx.db, m.id, prepared, limits);
      await storeUploads(ctx.db, store, prepared, async (tx, stored) => {
        const [uploaded] = stored.length
          ? await attachFiles(tx, req.user!, m.id, stored, limits, 'recordCommendation')
          : [];
        await addCommendation(tx, req.user!, m.id, { ...input, evidenceFileId: uploaded ?? input.evidenceFileId });
      });
    } catch (err) {
      await removeTemporary(temporary.splice(0));
      if (err instanceof FieldErrors)
        return renderList(req, res, 400, m, resource, { errors: err.fields, values: typed(req.body) });
      // A refused or unstorable file is told beside the file field, with the rest of the form kept.
      const storage = err instanceof Unavailable;
      if (!(err instanceof AppError) || (err.status >= 500 && !storage) || err.status === 404 || err.status === 403)
        throw err;
      res.set('Connection', 'close');
      req.resume();
      return renderList(req, res, err.status, m, resource, {
        errors: { decisionFile: err.message },
        values: typed(req.body),
      });
    } finally {
      await removeTemporary(temporary);
    }
    flash(req, 'Đã ghi nhận khen thưởng.');
    res.redirect(303, `/quan-ly/mo-hinh/${m.id}/khen-thuong`);
  });

  router.get('/quan-ly/mo-hinh/:id/khen-thuong/:cid/sua', async (req, res) => {
    const { m, resource } = await scoped(req);
    mayRecord(req, resource);
    await renderEdit(res, 200, m, await findRecord(m, req));
  });

  router.post('/quan-ly/mo-hinh/:id/khen-thuong/:cid/sua', async (req, res) => {
    const { m, resource } = await scoped(req);
    mayRecord(req, resource);
    const record = await findRecord(m, req);
    try {
      const input = parseCommendation(req.body ?? {}, { startedYear: m.started_year });
      await inTransaction(ctx.db, (tx) => updateCommendation(tx, req.user!, m.id, record.id, input));
    } catch (err) {
      if (!(err instanceof FieldErrors)) throw err;
      return renderEdit(res, 400, m, record, { errors: err.fields, values: typed(req.body) });
    }
    flash(req, 'Đã lưu khen thưởng.');
    res.redirect(303, `/quan-ly/mo-hinh/${m.id}/khen-thuong`);
  });

  router.post('/quan-ly/mo-hinh/:id/khen-thuong/:cid/thu-hoi', async (req, res) => {
    const { m, resource } = await scoped(req);
    mayRecord(req, resource);
    const record = await findRecord(m, req);
    try {
      await inTransaction(ctx.db, (tx) =>
        revokeCommendation(tx, req.user!, m.id, record.id, (decisionDate) =>
          parseRevocation(req.body ?? {}, decisionDate),
        ),
      );
    } catch (err) {
      if (!(err instanceof FieldErrors)) throw err;
      return renderEdit(res, 400, m, record, { errors: err.fields, revocation: typed(req.body) });
    }
    flash(req, 'Đã thu hồi khen thưởng; khen thưởng không còn hiện trên trang công khai.');
    res.redirect(303, `/quan-ly/mo-hinh/${m.id}/khen-thuong`);
  });

  return router;
}
