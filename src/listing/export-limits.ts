// Anonymous exports per address, counted in the database so that every instance shares the count. The
// counters live in login_counters (a fixed-window counter keyed by two texts), under a name no account can
// have: usernames never start with '*'. Expired rows are cleared there by every successful login.
import { isIP } from 'node:net';
import { sql } from 'drizzle-orm';
import { ipKeyGenerator } from 'express-rate-limit';
import { queryRows, type Executor } from '../db/client.js';

const EXPORT_KEY = '*export';
const WINDOW_MINUTES = 60;

export type ExportTurn = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

/** Counts one export for the address, or refuses it once `perHour` were made in the current window. */
export async function takeExportTurn(db: Executor, ip: string | undefined, perHour: number): Promise<ExportTurn> {
  const address = ip && isIP(ip) ? ipKeyGenerator(ip, 56) : 'not-an-address';
  // One statement: parallel requests cannot both pass a read-then-write check.
  const [row] = await queryRows<{ hits: number; retry: number }>(
    db,
    sql`insert into login_counters (username, address, hits, window_ends)
    values (${EXPORT_KEY}, ${address}, 1, now() + make_interval(mins => ${WINDOW_MINUTES}::int))
    on conflict (username, address) do update set
      hits = case when login_counters.window_ends <= now() then 1 else login_counters.hits + 1 end,
      window_ends = case when login_counters.window_ends <= now() then excluded.window_ends
        else login_counters.window_ends end
    returning hits, ceil(extract(epoch from window_ends - now()))::int as retry`,
  );
  if (Number(row.hits) <= perHour) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Number(row.retry));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return {
    allowed: false,
    retryAfterSeconds,
    message: `Địa chỉ của bạn đã tải quá ${perHour} tệp xuất dữ liệu trong một giờ. Vui lòng thử lại sau ${minutes} phút, hoặc tải tệp dữ liệu mở toàn bộ danh mục tại /du-lieu-mo.`,
  };
}
