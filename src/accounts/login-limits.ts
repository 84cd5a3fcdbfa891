// Login limits, counted in the database (table login_counters) so that every instance shares them.
// Each attempt is counted before the password is checked, in one statement that also refuses it when a limit
// is already reached: parallel requests cannot slip past a read-then-write check.
import { isIP } from 'node:net';
import { sql, type SQL } from 'drizzle-orm';
import { ipKeyGenerator } from 'express-rate-limit';
import { queryRows, type Executor } from '../db/client.js';

/**
 * Failed attempts allowed per fixed window; once reached, attempts are refused (the right password too) until
 * the window ends. A refused attempt is not counted, so hammering does not extend a lock.
 * - pair: one address against one username. Who guesses only locks themself out of that account.
 * - account: one username from any addresses: slows a distributed guess. One address alone cannot reach it
 *   (at most 5 per 15 minutes, 20 an hour).
 * - address: one address against any usernames (password spraying); a successful login gives its attempt back,
 *   so an office behind one NAT address is not locked out by its own sign-ins.
 */
export const LOGIN_LIMITS = {
  pair: { failures: 5, minutes: 15 },
  account: { failures: 50, minutes: 60 },
  address: { failures: 30, minutes: 15 },
} as const;

type Scope = keyof typeof LOGIN_LIMITS;

/**
 * The key of a client address: IPv4 as is, IPv6 by its /56 network (one subscriber's whole range). Behind a proxy
 * the address comes from X-Forwarded-For, which can hold anything: what is not an address shares one key.
 */
export function addressKey(ip: string | undefined): string {
  return ip && isIP(ip) ? ipKeyGenerator(ip, 56) : 'not-an-address';
}

/** The key of a username: as typed, lowercased, so that case variants share a counter. */
const nameKey = (username: string) => username.trim().toLowerCase();

function keys(username: string, address: string): SQL {
  const row = (scope: Scope, u: string, a: string) =>
    sql`(${scope}, ${u}, ${a}, ${LOGIN_LIMITS[scope].failures}::int, ${LOGIN_LIMITS[scope].minutes}::int)`;
  const u = nameKey(username);
  return sql.join([row('pair', u, address), row('account', u, ''), row('address', '', address)], sql`, `);
}

/** The 429 text; it depends on the name typed only through counters kept for any name, existing or not. */
export function lockMessage(scope: Scope, minutes: number): string {
  const later = `Vui lòng thử lại sau ${minutes} phút.`;
  if (scope === 'address') return `Có quá nhiều lần đăng nhập sai từ địa chỉ này. ${later}`;
  if (scope === 'pair')
    return `Tài khoản này tạm khóa đối với địa chỉ của bạn do nhập sai mật khẩu nhiều lần. ${later}`;
  return `Tài khoản tạm khóa do có quá nhiều lần nhập sai mật khẩu. ${later}`;
}

export type Attempt = { allowed: true } | { allowed: false; scope: Scope; retryAfterSeconds: number };

/** Counts an attempt for (username, address) before its password is checked, or refuses it. */
export async function startAttempt(db: Executor, username: string, address: string): Promise<Attempt> {
  const rows = await queryRows<{ scope: Scope; over: boolean; retry: number }>(
    db,
    sql`with k (scope, username, address, lim, mins) as (values ${keys(username, address)}),
    blocked as (
      select k.scope, c.window_ends from login_counters c join k using (username, address)
      where c.window_ends > now() and c.hits >= k.lim
    ),
    counted as (
      insert into login_counters (username, address, hits, window_ends)
      select username, address, 1, now() + make_interval(mins => mins) from k where not exists (select 1 from blocked)
      on conflict (username, address) do update set
        hits = case when login_counters.window_ends <= now() then 1 else login_counters.hits + 1 end,
        window_ends = case when login_counters.window_ends <= now() then excluded.window_ends
          else login_counters.window_ends end
      returning username, address, hits, window_ends
    )
    select scope, true as over, ceil(extract(epoch from window_ends - now()))::int as retry from blocked
    union all
    -- Past the limit only when parallel attempts raced through the check above.
    select k.scope, counted.hits > k.lim, ceil(extract(epoch from counted.window_ends - now()))::int
    from counted join k using (username, address)`,
  );
  const over = rows.filter((r) => r.over).sort((a, b) => b.retry - a.retry);
  if (over.length === 0) return { allowed: true };
  return { allowed: false, scope: over[0].scope, retryAfterSeconds: Math.max(1, over[0].retry) };
}

/**
 * A successful login: its (username, address) counter goes, the address and the account get their attempt back,
 * and counters whose window has ended are cleared (this is where the table is kept small).
 */
export async function succeededAttempt(db: Executor, username: string, address: string): Promise<void> {
  const u = nameKey(username);
  await db.execute(sql`with gone as (
      delete from login_counters where (username = ${u} and address = ${address}) or window_ends <= now()
    )
    update login_counters set hits = greatest(hits - 1, 0)
    where ((username = ${u} and address = '') or (username = '' and address = ${address})) and window_ends > now()`);
}

/** Lifts every lock on a username: an admin enabling the account, or a new password. */
export async function clearLoginCounters(db: Executor, userId: number): Promise<void> {
  await db.execute(
    sql`delete from login_counters where username = (select lower(username) from users where id = ${userId})`,
  );
}

/** When the account lock (any address) on the user `u` ends, or null: for the admin's account page. */
export const accountLockedUntil = (usernameColumn: SQL) =>
  sql`(select c.window_ends from login_counters c where c.username = lower(${usernameColumn}) and c.address = ''
    and c.hits >= ${LOGIN_LIMITS.account.failures} and c.window_ends > now())`;
