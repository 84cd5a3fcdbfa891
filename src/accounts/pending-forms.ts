// A form posted after its session ended (idle timeout, signed out in another tab) would be refused by
// the CSRF check and everything typed lost. Instead its fields are kept here for an hour under a random
// token, the person signs in again, and the form's page shows them back to check and save again with a
// fresh CSRF token: nothing is ever applied from a kept form. Only forms that name their page (a hidden
// `_page` under /quan-ly/) are kept, only URL-encoded ones, within a size limit, and only when the
// browser says the post came from this site. A file upload's bytes never are: the person signs in
// again, comes back to the page the form was on, and is told to choose the file again.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { queryRows, type Executor } from '../db/client.js';
import { addressKey } from './login-limits.js';
import { csrf } from './sessions.js';
import { flash } from '../http/flash.js';

/** Said after signing in again (or at once, to a person still signed in) when an upload met an ended session. */
export const LOST_UPLOAD_MESSAGE =
  'Tệp vừa gửi chưa được lưu vì phiên đăng nhập đã hết hạn: hãy chọn lại tệp và gửi lại.';

const KEEP_MINUTES = 60;
const MAX_FIELDS_BYTES = 200_000;
// A client forging the Origin header could otherwise fill the table.
const MAX_PER_ADDRESS = 20;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const KEPT_PAGE = /^\/quan-ly\/[a-z0-9/-]{1,200}$/;

/** The query parameter that tells the login form a file upload was lost with the session. */
export const LOST_UPLOAD_PARAMETER = 'tep-chua-luu';

/** The page a same-site form was sent from, when it is one of the working pages. */
function formPage(req: Request): string | null {
  try {
    const from = new URL(req.get('referer') ?? '');
    return from.host === req.get('host') && KEPT_PAGE.test(from.pathname) ? from.pathname : null;
  } catch {
    return null;
  }
}

/** The query parameter that carries the token to the login form and back to the form's page. */
export const KEPT_FORM_PARAMETER = 'giu-lai';

export const isKeptFormToken = (v: unknown): v is string => typeof v === 'string' && TOKEN.test(v);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether the browser sent this post from one of our own pages (a cross-site post must not plant a form). */
function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = req.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * Before the CSRF check: a kept form goes to the login page instead of a 403 that loses it. A person
 * still signed in whose form carries another session's token (signed out and in again in another tab)
 * gets the form back at once.
 */
export function keepExpiredForm(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    const page = body?._page;
    const userId = req.session.userId ?? null;
    if (
      req.method === 'POST' &&
      !(userId !== null && csrf.isRequestValid(req)) &&
      req.is('multipart/form-data') &&
      sameOrigin(req)
    ) {
      // A file's bytes are never kept: nothing is read or written, and the person is told to choose it again.
      const back = formPage(req);
      req.resume();
      res.set('Connection', 'close');
      if (userId !== null && back) {
        flash(req, LOST_UPLOAD_MESSAGE);
        return res.redirect(303, back);
      }
      const query = new URLSearchParams({ next: back ?? '/dashboard', [LOST_UPLOAD_PARAMETER]: '1' });
      return res.redirect(303, `/login?${query}`);
    }
    if (
      req.method !== 'POST' ||
      (userId !== null && csrf.isRequestValid(req)) ||
      !req.is('application/x-www-form-urlencoded') ||
      typeof page !== 'string' ||
      !KEPT_PAGE.test(page) ||
      !sameOrigin(req)
    )
      return next();
    const { _csrf, _page, ...fields } = body!;
    const json = JSON.stringify(fields);
    if (Buffer.byteLength(json) > MAX_FIELDS_BYTES) return next();
    const address = addressKey(req.ip);
    await ctx.db.execute(sql`delete from pending_forms where expires_at <= now()`);
    const [{ n }] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from pending_forms where address = ${address}`,
    );
    if (n >= MAX_PER_ADDRESS) return next();
    const token = randomBytes(32).toString('base64url');
    await ctx.db.execute(sql`insert into pending_forms (token_hash, user_id, page, fields, address, expires_at)
      values (${hashOf(token)}, ${userId}, ${page}, ${json}::jsonb, ${address}, now() + make_interval(mins => ${KEEP_MINUTES}))`);
    if (userId !== null) return res.redirect(303, `${page}?${new URLSearchParams({ [KEPT_FORM_PARAMETER]: token })}`);
    const query = new URLSearchParams({ next: page, [KEPT_FORM_PARAMETER]: token });
    res.redirect(303, `/login?${query}`);
  };
}

/**
 * At sign-in: binds the kept form to the first user who signs in holding its token, and gives the
 * address of its page with the token, or null when there is no such form (used, expired, someone's).
 */
export async function claimPendingForm(db: Executor, token: string, userId: number): Promise<string | null> {
  const [row] = await queryRows<{ page: string }>(
    db,
    sql`update pending_forms set user_id = ${userId}
      where token_hash = ${hashOf(token)} and (user_id is null or user_id = ${userId}) and expires_at > now()
      returning page`,
  );
  return row ? `${row.page}?${new URLSearchParams({ [KEPT_FORM_PARAMETER]: token })}` : null;
}

/** The kept fields for this user on this page, removed as they are read: shown once, never again. */
export async function takePendingForm(
  db: Executor,
  token: unknown,
  userId: number,
  page: string,
): Promise<Record<string, unknown> | null> {
  if (!isKeptFormToken(token)) return null;
  const [row] = await queryRows<{ fields: unknown }>(
    db,
    sql`delete from pending_forms
      where token_hash = ${hashOf(token)} and user_id = ${userId} and page = ${page} and expires_at > now()
      returning fields`,
  );
  if (!row) return null;
  const fields = typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : null;
}
