import { Router, type RequestHandler } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { requireLogin } from '../http/guards.js';

/** The unread count shown in the header of every page a signed-in user sees. */
export function unreadCount(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    res.locals.unread = 0;
    if (req.user) {
      const [row] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from notifications where user_id = ${req.user.id} and read_at is null`);
      res.locals.unread = row.n;
    }
    next();
  };
}

export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/thong-bao', requireLogin, async (req, res) => {
    const items = await queryRows<{ id: number; model_id: number | null; message: string; read_at: string | null; created_at: string }>(ctx.db,
      sql`select id, model_id, message, read_at, created_at from notifications where user_id = ${req.user!.id} order by id desc limit 100`);
    res.render('submissions/notifications', { title: 'Thông báo', items });
  });
  router.post('/thong-bao/da-doc', requireLogin, async (req, res) => {
    await ctx.db.execute(sql`update notifications set read_at = now() where user_id = ${req.user!.id} and read_at is null`);
    res.redirect(303, '/thong-bao');
  });
  return router;
}
