// Every write to an account, one function each. Those of several statements take the transaction
// the route opened; none opens its own. Who may do it is the routes' question (the policy).
import { sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../db/client.js';
import type { Role } from '../policy/roles.js';
import { deleteUserSessions, issuePasswordToken, revokePasswordTokens } from './password-tokens.js';
import { clearLoginCounters } from './login-limits.js';

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
  await db.execute(sql`update users set disabled = false where id = ${id}`);
  await clearLoginCounters(db, id);
}

export async function assignCommune(db: Executor, id: number, communeCode: string): Promise<void> {
  await db.execute(sql`update users set commune_code = ${communeCode} where id = ${id}`);
}

/** The user's own new password; other devices signed in with the old one are signed out, `keepSessionId` stays. */
export async function changePassword(tx: Tx, id: number, passwordHash: string, keepSessionId: string): Promise<void> {
  await tx.execute(sql`update users set password_hash = ${passwordHash}, password_changed_at = now() where id = ${id}`);
  await clearLoginCounters(tx, id);
  await deleteUserSessions(tx, id, keepSessionId);
}

/** Expired sessions are pruned at each login rather than by a timer on every instance. */
export async function pruneExpiredSessions(db: Executor): Promise<void> {
  await db.execute(sql`delete from session where expire < now()`);
}
