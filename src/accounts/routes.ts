import { Router, type RequestHandler, type Response } from 'express';
import Joi from 'joi';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.js';
import { verifyPassword } from './passwords.js';
import { csrf, sessionMiddleware } from './sessions.js';
import { findUserById, findUserForLogin, type SessionUser } from './users.js';
import { recordFailedLogin, recordSuccessfulLogin } from './store.js';
import { ROLE_LABELS } from '../policy/roles.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser | null;
  }
}

/** Where to go after login: a local path only, never another site. */
function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) && raw.length < 500 ? raw : '/dashboard';
}

/** The session (built once, asynchronously), the CSRF check and the signed-in user, for every page. */
export function accountMiddleware(ctx: AppContext): RequestHandler[] {
  let built: Promise<RequestHandler> | null = null;
  const lazySession: RequestHandler = (req, res, next) => {
    built ??= sessionMiddleware(ctx);
    built.then((mw) => mw(req, res, next), next);
  };
  const loadUser: RequestHandler = async (req, res, next) => {
    req.user = null;
    if (req.session.userId) {
      const user = await findUserById(ctx.db, req.session.userId);
      if (user && !user.disabled) req.user = user;
      else delete req.session.userId;
    }
    res.locals.user = req.user;
    res.locals.roleLabels = ROLE_LABELS;
    res.locals.csrfToken = () => csrf.generateToken(req);
    next();
  };
  // Form bodies are parsed (and checked) by the app's input gate, before this middleware.
  return [lazySession, csrf.csrfSynchronisedProtection, loadUser];
}

const loginSchema = Joi.object({
  username: Joi.string().trim().max(64).required().messages({ '*': 'Nhập tên đăng nhập.' }),
  password: Joi.string().max(200).required().messages({ '*': 'Nhập mật khẩu.' }),
  next: Joi.string().allow('').max(500),
  _csrf: Joi.string().allow(''),
});

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  const render = (res: Response, status: number, values: { username?: string; next?: string; error?: string }) =>
    res.status(status).render('accounts/login', {
      title: 'Đăng nhập',
      username: values.username ?? '',
      next: safeNext(values.next),
      error: values.error ?? null,
    });

  // Per address; the per-account limit lives in the database so that it holds across instances.
  const perAddress = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      render(res, 429, {
        username: String(req.body?.username ?? ''),
        next: req.body?.next,
        error: 'Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau 15 phút.',
      }),
  });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    render(res, 200, { next: typeof req.query.next === 'string' ? req.query.next : undefined });
  });

  router.post('/login', perAddress, async (req, res, next) => {
    const { value, error } = loginSchema.validate(req.body ?? {}, { abortEarly: true, stripUnknown: true });
    if (error)
      return render(res, 400, {
        username: String(req.body?.username ?? ''),
        next: req.body?.next,
        error: error.details[0].message,
      });
    const user = await findUserForLogin(ctx.db, value.username);
    const lockedUntil = user?.lockedUntil ? new Date(user.lockedUntil) : null;
    if (user && lockedUntil && lockedUntil > new Date()) {
      const minutes = Math.ceil((lockedUntil.getTime() - Date.now()) / 60000);
      return render(res, 429, {
        username: value.username,
        next: value.next,
        error: `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      });
    }
    const valid = user !== null && !user.disabled && (await verifyPassword(value.password, user.passwordHash));
    if (!valid) {
      if (user) await recordFailedLogin(ctx.db, user.id);
      const message = user?.disabled
        ? 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.'
        : 'Tên đăng nhập hoặc mật khẩu không đúng.';
      return render(res, 401, { username: value.username, next: value.next, error: message });
    }
    await recordSuccessfulLogin(ctx.db, user.id);
    // A new session id at login, so that an id planted before login is worthless.
    req.session.regenerate((err) => {
      // The error pages answer (and log) it, like any other failure.
      if (err) return next(err);
      req.session.userId = user.id;
      req.session.save(() => res.redirect(303, safeNext(value.next)));
    });
  });

  router.post('/logout', (req, res) => {
    req.session.destroy(() => {
      res.clearCookie('dvk.sid');
      res.redirect(303, '/');
    });
  });

  return router;
}
