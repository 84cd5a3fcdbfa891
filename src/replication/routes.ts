import { Router, type Request, type Response } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { can } from '../policy/policy.js';
import { lockModel, modelResource, type LockedModel } from '../policy/resources.js';
import { requireLogin } from '../http/guards.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { flash } from '../http/flash.js';
import { entryLinks, searchSources, sourceChoices } from './queries.js';
import { linkRefusal, validateLinks } from './validation.js';
import { addLink, removeLink } from './store.js';

const idOf = (raw: unknown) => {
  const id = String(raw);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFound('Không tìm thấy mô hình.');
  return Number(id);
};
const idOrZero = (raw: unknown) => (/^[1-9]\d{0,8}$/.test(String(raw)) ? Number(raw) : 0);
const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');

const OUT_OF_SCOPE = 'Không tìm thấy mô hình trong phạm vi của tài khoản.';
const NOT_ALLOWED = 'Tài khoản không có quyền sửa liên kết nhân rộng của mô hình này.';

/** Refuses (404 out of scope, 403 without the right) before anything about the entry is shown or changed. */
function authorise(user: Request['user']) {
  return (_m: LockedModel, resource: Parameters<typeof can<'manageReplication'>>[2]) => {
    if (!can(user, 'viewInternal', resource)) throw new NotFound(OUT_OF_SCOPE);
    if (!can(user, 'manageReplication', resource)) throw new Forbidden(NOT_ALLOWED);
  };
}

async function findEntry(ctx: AppContext, id: number, user: Request['user']) {
  const [m] = await queryRows<LockedModel>(
    ctx.db,
    sql`select id, status, version, province_code, commune_code, former_commune_code, created_by, title
      from models where id = ${id}`,
  );
  if (!m) throw new NotFound(OUT_OF_SCOPE);
  authorise(user)(m, await modelResource(ctx.db, m));
  return m;
}

/** A reviewer's links of an entry: a search step for originals, adding and removing (confirmed) links. */
export function replicationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/quan-ly', requireLogin);

  const renderManage = async (
    res: Response,
    status: number,
    m: LockedModel,
    o: { q?: string; error?: string | null; note?: string; sourceId?: number },
  ) => {
    const q = o.q ?? '';
    res.status(status).render('replication/manage', {
      title: `Nhân rộng: ${m.title}`,
      entry: m,
      q,
      matches: q ? await searchSources(ctx.db, q, m.id) : [],
      links: await entryLinks(ctx.db, m.id),
      error: o.error ?? null,
      note: o.note ?? '',
      sourceId: o.sourceId ?? null,
    });
  };

  router.get('/quan-ly/mo-hinh/:id/nhan-rong', async (req, res) => {
    const m = await findEntry(ctx, idOf(req.params.id), req.user);
    await renderManage(res, 200, m, { q: text(req.query.q) });
  });

  router.post('/quan-ly/mo-hinh/:id/nhan-rong', async (req, res) => {
    const id = idOf(req.params.id);
    const m = await findEntry(ctx, id, req.user);
    const b = req.body ?? {};
    const typed = { q: text(b.q), note: text(b.note, 2000), sourceId: idOrZero(b.sourceId) };
    const checked = validateLinks([{ sourceId: b.sourceId, note: b.note ?? '' }]);
    const link = checked.value?.[0];
    const refusal =
      checked.error ??
      (await linkRefusal(ctx.db, id, checked.value!)) ??
      ((await entryLinks(ctx.db, id)).sources.some((l) => l.sourceId === link!.sourceId)
        ? 'Liên kết nhân rộng này đã có.'
        : null);
    if (refusal || !link) return renderManage(res, 400, m, { ...typed, error: refusal });
    const source = (await sourceChoices(ctx.db, [link.sourceId])).get(link.sourceId)!;
    try {
      await inTransaction(ctx.db, async (tx) => {
        const { m: locked } = await lockModel(tx, id, null, authorise(req.user));
        await addLink(
          tx,
          locked,
          { sourceId: link.sourceId, replicaId: id, note: link.note, sourceTitle: source.title },
          req.user!.id,
        );
      });
    } catch (err) {
      if (err instanceof Invalid) return renderManage(res, 400, m, { ...typed, error: err.message });
      throw err;
    }
    flash(req, 'Đã thêm liên kết nhân rộng.');
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  router.post('/quan-ly/mo-hinh/:id/nhan-rong/go', async (req, res) => {
    const id = idOf(req.params.id);
    const m = await findEntry(ctx, id, req.user);
    const b = req.body ?? {};
    const links = await entryLinks(ctx.db, id);
    const link = [...links.sources, ...links.replicas].find(
      (l) => l.sourceId === idOrZero(b.sourceId) && l.replicaId === idOrZero(b.replicaId),
    );
    if (!link) return renderManage(res, 404, m, { error: 'Liên kết nhân rộng này không còn.' });
    // Without JavaScript the removal is asked once more on its own page.
    if (b.confirm !== 'yes')
      return res.render('replication/confirm', { title: 'Gỡ liên kết nhân rộng', entry: m, link });
    await inTransaction(ctx.db, async (tx) => {
      const { m: locked } = await lockModel(tx, id, null, authorise(req.user));
      await removeLink(tx, locked, link, req.user!.id);
    });
    flash(req, 'Đã gỡ liên kết nhân rộng.');
    res.redirect(303, `/quan-ly/mo-hinh/${id}`);
  });

  // Search-as-you-type on the forms (public/js/replication.js): approved models only, what the public sees.
  router.get('/quan-ly/mo-hinh-goc', async (req, res) => {
    if (!can(req.user, 'viewInternal')) throw new Forbidden(NOT_ALLOWED);
    const q = text(req.query.q);
    res.json({ items: q ? await searchSources(ctx.db, q, idOrZero(req.query.except) || null) : [] });
  });

  return router;
}
