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
  const [u] = await queryRows<SessionUser & { passwordHash: string | null }>(
    db,
    sql`select ${columns}, password_hash as "passwordHash" from users where username = ${username}`,
  );
  return u ?? null;
}

// The writes (failed and successful logins among them) are in store.ts.
