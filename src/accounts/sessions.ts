import { randomBytes } from 'node:crypto';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import { sql } from 'drizzle-orm';
import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';

/** The session cookie's name; the public page cache treats anything resembling it as a signed-in user. */
export const SESSION_COOKIE = 'dvk.sid';

const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;

declare module 'express-session' {
  interface SessionData {
    userId?: number;
  }
}

/** The signing secret: SESSION_SECRET, else one generated once and kept in the database for every instance. */
async function sessionSecret(ctx: AppContext): Promise<string> {
  if (ctx.config.sessionSecret) return ctx.config.sessionSecret;
  await ctx.db
    .execute(sql`insert into app_settings (key, value) values ('session_secret', ${randomBytes(32).toString('hex')})
    on conflict (key) do nothing`);
  const [row] = await queryRows<{ value: string }>(
    ctx.db,
    sql`select value from app_settings where key = 'session_secret'`,
  );
  return row.value;
}

/** Sessions stored in the database, so they survive restarts and are shared by instances; expired ones are pruned at login. */
export async function sessionMiddleware(ctx: AppContext): Promise<RequestHandler> {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool: ctx.database.client as never,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: false,
    // Its default prints the whole driver error to the console; the request's own log line says enough.
    errorLog: (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error) as { code?: unknown } | undefined;
      ctx.logger.warn({ code: typeof err?.code === 'string' ? err.code : undefined }, 'session store query failed');
    },
  });
  return session({
    store,
    name: SESSION_COOKIE,
    secret: await sessionSecret(ctx),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Left to Express's 'trust proxy', so X-Forwarded-Proto counts only from the configured proxies.
    proxy: undefined,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.trustProxy === false ? false : 'auto',
      maxAge: IDLE_TIMEOUT_MS,
    },
  });
}

export const csrf = csrfSync({
  getTokenFromRequest: (req) =>
    (req.body as { _csrf?: string } | undefined)?._csrf ??
    (req.headers['x-csrf-token'] as string | undefined) ??
    // A file upload's body is read after this check (and streamed to disk), so its form carries the token in the URL.
    (req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined),
});
