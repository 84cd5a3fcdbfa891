import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

import type { Actor } from '../policy/roles.js';

/** The signed-in user as every request carries it. */
export interface SessionUser extends Actor {
  username: string;
  displayName: string;
  disabled: boolean;
}

const columns = sql`id, username, display_name as "displayName", role, province_code as "provinceCode",
  commune_code as "communeCode", disabled`;

export async function findUserById(db: Executor, id: number): Promise<SessionUser | null> {
  const [u] = await queryRows<SessionUser>(db, sql`select ${columns} from users where id = ${id}`);
  return u ?? null;
}

export async function findUserForLogin(db: Executor, username: string) {
  const [u] = await queryRows<SessionUser & { passwordHash: string | null; lockedUntil: Date | string | null }>(db,
    sql`select ${columns}, password_hash as "passwordHash", locked_until as "lockedUntil" from users where username = ${username}`);
  return u ?? null;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Counts a failed login; the fifth in a row locks the account for a while, on every instance. */
export async function recordFailedLogin(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update users set failed_logins = failed_logins + 1,
    locked_until = case when failed_logins + 1 >= ${MAX_FAILED_LOGINS} then now() + make_interval(mins => ${LOCK_MINUTES}) else locked_until end
    where id = ${id}`);
}

export async function recordSuccessfulLogin(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${id}`);
  await db.execute(sql`delete from session where expire < now()`);
}
