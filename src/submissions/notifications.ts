import { Router, type RequestHandler } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { requireLogin } from '../http/guards.js';
import type { Actor } from '../policy/roles.js';
import { modelScope } from '../policy/scope.js';
import { can } from '../policy/policy.js';
import { throttledSweep } from '../consultations/sweep.js';

/**
 * The user's notices (alias n) it may still read: one about an entry shows while the entry is in the
 * user's scope, so an account moved to another commune no longer reads the titles of the old one's.
 */
const readable = (user: Actor) => sql`n.user_id = ${user.id}
  and (n.model_id is null or exists (select 1 from models m where m.id = n.model_id and ${modelScope(user)}))`;

/** The unread count shown in the header of every page a signed-in user sees. */
export function unreadCount(ctx: AppContext): RequestHandler {
  // Consultations whose period ended are told to the reviewers when one of them next opens a page.
  const sweep = throttledSweep(ctx.db);
  return async (req, res, next) => {
    res.locals.unread = 0;
    if (req.user) {
      if (can(req.user, 'moderateOpinions')) await sweep();
      const [row] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from notifications n where ${readable(req.user)} and n.read_at is null`,
      );
      res.locals.unread = row.n;
    }
    next();
  };
}

export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/thong-bao', requireLogin, async (req, res) => {
    const items = await queryRows<{
      id: number;
      model_id: number | null;
      message: string;
      read_at: string | null;
      created_at: string;
    }>(
      ctx.db,
      sql`select n.id, n.model_id, n.message, n.read_at, n.created_at from notifications n where ${readable(req.user!)} order by n.id desc limit 100`,
    );
    // Opening the page reads them: this page still marks which were new, and the header's count is 0.
    if (items.some((i) => !i.read_at)) {
      await ctx.db.execute(
        sql`update notifications n set read_at = now() where ${readable(req.user!)} and n.read_at is null`,
      );
    }
    res.locals.unread = 0;
    res.render('submissions/notifications', { title: 'Thông báo', items });
  });
  // Kept for a page opened before its notices were read on opening: the same, then back to the list.
  router.post('/thong-bao/da-doc', requireLogin, async (req, res) => {
    await ctx.db.execute(
      sql`update notifications set read_at = now() where user_id = ${req.user!.id} and read_at is null`,
    );
    res.redirect(303, '/thong-bao');
  });
  return router;
}
