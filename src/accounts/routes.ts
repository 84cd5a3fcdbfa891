import { flash } from '../http/flash.js';
import { Router, type RequestHandler, type Response } from 'express';
import Joi from 'joi';
import type { AppContext } from '../context.js';
import { verifyPasswordOrDummy } from './passwords.js';
import { csrf, sessionMiddleware } from './sessions.js';
import { findUserById, findUserForLogin, type SessionUser } from './users.js';
import { pruneExpiredSessions } from './store.js';
import { addressKey, lockMessage, startAttempt, succeededAttempt } from './login-limits.js';
import { ROLE_LABELS } from '../policy/roles.js';
import {
  claimPendingForm,
  isKeptFormToken,
  keepExpiredForm,
  KEPT_FORM_PARAMETER,
  LOST_UPLOAD_MESSAGE,
  LOST_UPLOAD_PARAMETER,
} from './pending-forms.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser | null;
  }
}

const errorCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Where to go after login: a local path only, never another site. */
function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) && raw.length < 500 ? raw : '/dashboard';
}

/** The session (built once, asynchronously), the CSRF check and the signed-in user, for every page. */
export function accountMiddleware(ctx: AppContext): RequestHandler[] {
  let built: Promise<RequestHandler> | null = null;
  const lazySession: RequestHandler = (req, res, next) => {
    // Building reads the signing secret from the database: a failure (the database is away) is not
    // kept, or every later request would fail with it long after the database is back.
    built ??= sessionMiddleware(ctx).catch((err: unknown) => {
      built = null;
      throw err;
    });
    // express-session saves the session while ending the response, after the headers went out, and
    // hands a failed save (the database went away) to `next` a second time: past the error pages,
    // where Express can only destroy the connection. The answer is complete by then; the change of
    // session is lost, as the person will see on their next request.
    const afterSession = (err?: unknown) => {
      if (err && res.headersSent) return void req.log?.warn({ code: errorCode(err) }, 'session not saved');
      next(err);
    };
    built.then((mw) => mw(req, res, afterSession), next);
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
  // A form posted after its session ended is kept before the CSRF check refuses it.
  return [lazySession, keepExpiredForm(ctx), csrf.csrfSynchronisedProtection, loadUser];
}

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

const loginSchema = Joi.object({
  username: Joi.string().trim().max(64).required().messages({ '*': 'Nhập tên đăng nhập.' }),
  password: Joi.string().max(200).required().messages({ '*': 'Nhập mật khẩu.' }),
  next: Joi.string().allow('').max(500),
  keptForm: Joi.string().allow(''),
  lostUpload: Joi.string().valid('1', ''),
  _csrf: Joi.string().allow(''),
});

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  const render = (
    res: Response,
    status: number,
    values: { username?: string; next?: string; error?: string; keptForm?: unknown; lostUpload?: unknown },
  ) =>
    res.status(status).render('accounts/login', {
      title: 'Đăng nhập',
      username: values.username ?? '',
      next: safeNext(values.next),
      error: values.error ?? null,
      keptForm: isKeptFormToken(values.keptForm) ? values.keptForm : null,
      lostUpload: values.lostUpload === '1',
    });
  // Where to go once signed in: back to a kept form's page when the token is its, else `next`.
  const destination = async (userId: number, keptForm: unknown, next: unknown) =>
    (isKeptFormToken(keptForm) && (await claimPendingForm(ctx.db, keptForm, userId))) || safeNext(next);

  router.get('/login', async (req, res) => {
    const keptForm = req.query[KEPT_FORM_PARAMETER];
    if (req.user) return res.redirect(303, await destination(req.user.id, keptForm, req.query.next));
    render(res, 200, {
      next: typeof req.query.next === 'string' ? req.query.next : undefined,
      keptForm,
      lostUpload: req.query[LOST_UPLOAD_PARAMETER],
    });
  });

  router.post('/login', async (req, res, next) => {
    const { value, error } = loginSchema.validate(req.body ?? {}, { abortEarly: true, stripUnknown: true });
    if (error)
      return render(res, 400, {
        username: String(req.body?.username ?? ''),
        next: req.body?.next,
        keptForm: req.body?.keptForm,
        lostUpload: req.body?.lostUpload,
        error: error.details[0].message,
      });
    const address = addressKey(req.ip);
    // Counted under the name typed, whether or not it exists, so that a lock tells nothing about the name.
    const attempt = await startAttempt(ctx.db, value.username, address);
    if (!attempt.allowed) {
      res.set('Retry-After', String(attempt.retryAfterSeconds));
      const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
      return render(res, 429, {
        username: value.username,
        next: value.next,
        keptForm: value.keptForm,
        lostUpload: value.lostUpload,
        error: lockMessage(attempt.scope, minutes),
      });
    }
    const user = await findUserForLogin(ctx.db, value.username);
    // scrypt runs whether or not the user exists, and the answer is the same: nothing tells a wrong name from a wrong password.
    const valid = await verifyPasswordOrDummy(value.password, user?.passwordHash);
    if (!valid || !user)
      return render(res, 401, {
        username: value.username,
        next: value.next,
        keptForm: value.keptForm,
        lostUpload: value.lostUpload,
        error: WRONG_CREDENTIALS,
      });
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled)
      return render(res, 401, {
        username: value.username,
        next: value.next,
        keptForm: value.keptForm,
        lostUpload: value.lostUpload,
        error: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.',
      });
    await succeededAttempt(ctx.db, value.username, address);
    await pruneExpiredSessions(ctx.db);
    // A new session id at login, so that an id planted before login is worthless.
    req.session.regenerate((err) => {
      // The error pages answer (and log) it, like any other failure.
      if (err) return next(err);
      req.session.userId = user.id;
      if (value.lostUpload === '1') flash(req, LOST_UPLOAD_MESSAGE);
      destination(user.id, value.keptForm, value.next).then(
        (to) => req.session.save(() => res.redirect(303, to)),
        next,
      );
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
