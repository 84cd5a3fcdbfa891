// A signed-in user changes their own password at /tai-khoan/mat-khau.
import { Router, type Response } from 'express';
import { sql } from 'drizzle-orm';
import Joi from 'joi';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { fieldErrors, newPasswordSchema, noStore } from './password-tokens.js';
import { requireLogin } from '../http/guards.js';
import { changePassword } from './store.js';
import { addressKey, lockMessage, startAttempt, succeededAttempt } from './login-limits.js';
import { flash } from '../http/flash.js';

const changeSchema = Joi.object({
  current: Joi.string().max(200).required().messages({ '*': 'Nhập mật khẩu hiện tại.' }),
  ...newPasswordSchema,
  _csrf: Joi.string().allow(''),
});

export function selfServiceRoutes(ctx: AppContext): Router {
  const router = Router();
  const form = (res: Response, status: number, errors: Record<string, string> = {}) =>
    res
      .status(status)
      .render('accounts/change-password', { title: 'Đổi mật khẩu', errors, minLength: MIN_PASSWORD_LENGTH });

  router.get('/tai-khoan/mat-khau', requireLogin, (req, res) => {
    noStore(res);
    form(res, 200);
  });

  router.post('/tai-khoan/mat-khau', requireLogin, async (req, res) => {
    noStore(res);
    const user = req.user!;
    const { value, error } = changeSchema.validate(req.body ?? {}, { abortEarly: false, stripUnknown: true });
    if (error) return form(res, 400, fieldErrors(error));
    // Wrong current passwords count like failed logins, so a left-open session cannot be used to guess.
    const address = addressKey(req.ip);
    const attempt = await startAttempt(ctx.db, user.username, address);
    if (!attempt.allowed) {
      res.set('Retry-After', String(attempt.retryAfterSeconds));
      return form(res, 429, { current: lockMessage(attempt.scope, Math.ceil(attempt.retryAfterSeconds / 60)) });
    }
    const [row] = await queryRows<{ password_hash: string | null }>(
      ctx.db,
      sql`select password_hash from users where id = ${user.id}`,
    );
    if (!row || !(await verifyPassword(value.current, row.password_hash)))
      return form(res, 400, { current: 'Mật khẩu hiện tại không đúng.' });
    await succeededAttempt(ctx.db, user.username, address);
    if (value.current === value.password)
      return form(res, 400, { password: 'Mật khẩu mới cần khác mật khẩu hiện tại.' });
    const passwordHash = await hashPassword(value.password);
    // Other devices signed in with the old password are signed out; this one stays.
    await inTransaction(ctx.db, (tx) => changePassword(tx, user.id, passwordHash, req.sessionID));
    flash(req, 'Đã đổi mật khẩu. Các thiết bị khác đang đăng nhập bằng tài khoản này đã bị đăng xuất.');
    res.redirect(303, '/tai-khoan/mat-khau');
  });

  return router;
}
