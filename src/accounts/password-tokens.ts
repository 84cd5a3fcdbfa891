// One-time set-password links: there is no mail server and no self-registration, so an administrator
// hands the link over. Only the sha256 of a token is stored; the token itself exists only in the
// administrator's session until the account page shows the link, once (src/accounts/admin.ts).
import { createHash, randomBytes } from 'node:crypto';
import { flash } from '../http/flash.js';
import { sql } from 'drizzle-orm';
import Joi from 'joi';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { queryRows, type Executor, type Tx } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { clearLoginCounters } from './login-limits.js';

export const TOKEN_TTL_HOURS = 72;
const MAX_PASSWORD_LENGTH = 200;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A new link for `userId`: 32 random bytes (base64url), valid 72 hours. Older unused links of the user
 * stop working at once.
 */
export async function issuePasswordToken(tx: Tx, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await revokePasswordTokens(tx, userId);
  await tx.execute(sql`insert into password_tokens (token_hash, user_id, expires_at)
    values (${hashToken(token)}, ${userId}, now() + make_interval(hours => ${TOKEN_TTL_HOURS}))`);
  return token;
}

/** Every unused link of the user stops working (the account is disabled). */
export async function revokePasswordTokens(db: Executor, userId: number): Promise<void> {
  await db.execute(
    sql`update password_tokens set expires_at = now() where user_id = ${userId} and used_at is null and expires_at > now()`,
  );
}

/** Signs the user out everywhere: connect-pg-simple keeps `userId` inside the `sess` jsonb. */
export async function deleteUserSessions(db: Executor, userId: number, exceptSid?: string): Promise<void> {
  await db.execute(
    exceptSid
      ? sql`delete from session where (sess->>'userId')::int = ${userId} and sid <> ${exceptSid}`
      : sql`delete from session where (sess->>'userId')::int = ${userId}`,
  );
}

type TokenState =
  { state: 'valid'; userId: number; username: string; displayName: string } | { state: 'used' | 'expired' | 'unknown' };

interface TokenRow {
  user_id: number;
  username: string;
  display_name: string;
  used: boolean;
  expired: boolean;
}

async function readToken(db: Executor, token: string, lock: boolean): Promise<TokenState> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
  const [row] = await queryRows<TokenRow>(
    db,
    sql`select t.user_id, u.username, u.display_name,
      t.used_at is not null as used, t.expires_at <= now() as expired
    from password_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${hashToken(token)}${lock ? sql` for update of t` : sql``}`,
  );
  if (!row) return { state: 'unknown' };
  if (row.used) return { state: 'used' };
  if (row.expired) return { state: 'expired' };
  return { state: 'valid', userId: row.user_id, username: row.username, displayName: row.display_name };
}

const findToken = (db: Executor, token: string) => readToken(db, token, false);

/**
 * Sets the password (already hashed) through a link: the hash, password_changed_at, the lock counters
 * cleared, the link used and the user's other sessions ended, in the caller's transaction, with the
 * link locked. Returns the state when refused.
 */
async function setPasswordWithToken(tx: Tx, token: string, passwordHash: string): Promise<TokenState> {
  const found = await readToken(tx, token, true);
  if (found.state !== 'valid') return found;
  await tx.execute(
    sql`update users set password_hash = ${passwordHash}, password_changed_at = now() where id = ${found.userId}`,
  );
  await clearLoginCounters(tx, found.userId);
  await tx.execute(sql`update password_tokens set used_at = now() where token_hash = ${hashToken(token)}`);
  await deleteUserSessions(tx, found.userId);
  return found;
}

/** New password typed twice; the messages are shown beside each field. */
export const newPasswordSchema = {
  password: Joi.string()
    .min(MIN_PASSWORD_LENGTH)
    .max(MAX_PASSWORD_LENGTH)
    .required()
    .messages({
      'string.min': `Mật khẩu mới cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      'string.max': `Mật khẩu mới dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`,
      'any.required': 'Nhập mật khẩu mới.',
      'string.empty': 'Nhập mật khẩu mới.',
      'string.base': 'Nhập mật khẩu mới.',
    }),
  confirm: Joi.string().required().valid(Joi.ref('password')).messages({
    'any.only': 'Hai lần nhập mật khẩu mới không khớp nhau.',
    'any.required': 'Nhập lại mật khẩu mới.',
    'string.empty': 'Nhập lại mật khẩu mới.',
    'string.base': 'Nhập lại mật khẩu mới.',
  }),
};

/** Joi's details as one message per field (the first for each). */
export function fieldErrors(error: Joi.ValidationError | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of error?.details ?? []) errors[d.path.join('.')] ??= d.message;
  return errors;
}

/** Pages with a live token must not be cached anywhere. */
export const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

const setSchema = Joi.object({ ...newPasswordSchema, _csrf: Joi.string().allow('') });

/** /dat-mat-khau/<token>: the form, then the new password. Open without login; it never signs in. */
export function passwordTokenRoutes(ctx: AppContext): Router {
  const router = Router();

  const refuse = (res: Response, state: 'used' | 'expired' | 'unknown') => {
    const [status, message] =
      state === 'unknown'
        ? [404, 'Không tìm thấy liên kết đặt mật khẩu này. Hãy kiểm tra lại đường dẫn hoặc liên hệ quản trị viên.']
        : state === 'used'
          ? [
              410,
              'Liên kết đặt mật khẩu này đã được sử dụng. Mỗi liên kết chỉ dùng được một lần; hãy liên hệ quản trị viên để nhận liên kết mới.',
            ]
          : [
              410,
              `Liên kết đặt mật khẩu này đã hết hạn (liên kết có hiệu lực ${TOKEN_TTL_HOURS} giờ) hoặc đã được thay bằng liên kết mới. Hãy liên hệ quản trị viên để nhận liên kết mới.`,
            ];
    res.status(status).render('errors/error', {
      title: status === 404 ? 'Không tìm thấy liên kết' : 'Liên kết không còn hiệu lực',
      status,
      message,
    });
  };
  const form = (
    req: Request,
    res: Response,
    status: number,
    account: { username: string; displayName: string },
    errors: Record<string, string> = {},
  ) =>
    res.status(status).render('accounts/set-password', {
      title: 'Đặt mật khẩu',
      action: req.originalUrl.split('?')[0],
      account,
      errors,
      minLength: MIN_PASSWORD_LENGTH,
    });

  router.get('/dat-mat-khau/:token', async (req, res) => {
    const token = String(req.params.token);
    noStore(res);
    const found = await findToken(ctx.db, token);
    if (found.state !== 'valid') return refuse(res, found.state);
    form(req, res, 200, found);
  });

  router.post('/dat-mat-khau/:token', async (req, res) => {
    const token = String(req.params.token);
    noStore(res);
    const found = await findToken(ctx.db, token);
    if (found.state !== 'valid') return refuse(res, found.state);
    const { value, error } = setSchema.validate(req.body ?? {}, { abortEarly: false, stripUnknown: true });
    if (error) return form(req, res, 400, found, fieldErrors(error));
    // Hashed before the transaction: scrypt is slow, and a transaction holds its connection.
    const passwordHash = await hashPassword(value.password);
    const result = await inTransaction(ctx.db, (tx) => setPasswordWithToken(tx, token, passwordHash));
    if (result.state !== 'valid') return refuse(res, result.state);
    flash(
      req,
      `Đã đặt mật khẩu cho tài khoản ${result.username}. Liên kết vừa dùng không còn hiệu lực; hãy đăng nhập bằng mật khẩu mới.`,
    );
    res.redirect(303, '/login');
  });

  return router;
}
