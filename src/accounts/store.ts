// Every write to an account, one function each. Those of several statements take the transaction
// the route opened; none opens its own. Who may do it is the routes' question (the policy).
import { sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../db/client.js';
import type { Role } from '../policy/roles.js';
import { deleteUserSessions, issuePasswordToken, revokePasswordTokens } from './password-tokens.js';

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
}

/** The account and its first set-password link, which only this answer carries. */
export async function createAccount(tx: Tx, createdBy: number, a: NewAccount): Promise<{ id: number; token: string }> {
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`insert into users (username, display_name, role, province_code, commune_code, created_by)
    values (${a.username}, ${a.displayName}, ${a.role}, ${a.provinceCode}, ${a.communeCode}, ${createdBy}) returning id`,
  );
  return { id: row.id, token: await issuePasswordToken(tx, row.id) };
}

/** A disabled account cannot sign in, its open links stop working and its sessions end at once. */
export async function disableAccount(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`update users set disabled = true where id = ${id}`);
  await revokePasswordTokens(tx, id);
  await deleteUserSessions(tx, id);
}

/** Enabling also lifts a lock left by wrong passwords. */
export async function enableAccount(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update users set disabled = false, failed_logins = 0, locked_until = null where id = ${id}`);
}

export async function assignCommune(db: Executor, id: number, communeCode: string): Promise<void> {
  await db.execute(sql`update users set commune_code = ${communeCode} where id = ${id}`);
}

/** The user's own new password; other devices signed in with the old one are signed out, `keepSessionId` stays. */
export async function changePassword(tx: Tx, id: number, passwordHash: string, keepSessionId: string): Promise<void> {
  await tx.execute(sql`update users set password_hash = ${passwordHash}, password_changed_at = now(), failed_logins = 0,
    locked_until = null where id = ${id}`);
  await deleteUserSessions(tx, id, keepSessionId);
}

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
