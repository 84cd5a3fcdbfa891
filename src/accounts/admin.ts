// Account administration under /quan-ly/tai-khoan: a province admin manages its province's working
// accounts, the central admin every account. Each route asks the policy (`can … 'manageAccounts'`)
// about the account it touches; a refusal is a 403 page and nothing is written.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { sql } from 'drizzle-orm';
import Joi from 'joi';
import type { AppContext } from '../context.js';
import { queryRows, type Executor } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { accountReach, can, type AccountResource, type Role } from '../policy/policy.js';
import { accountScope } from '../policy/scope.js';
import { requireLogin } from '../http/guards.js';
import type { SessionUser } from './users.js';
import { ROLES } from '../policy/roles.js';
import { fieldErrors, issuePasswordToken, noStore, passwordTokenRoutes, TOKEN_TTL_HOURS } from './password-tokens.js';
import { assignCommune, createAccount, disableAccount, enableAccount } from './store.js';
import { selfServiceRoutes } from './self.js';
import { accountLockedUntil } from './login-limits.js';
import { NotFound, Forbidden } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';
import { flash } from '../http/flash.js';

declare module 'express-session' {
  interface SessionData {
    /** A set-password link waiting to be shown once on its account's page. */
    oneTimeLink?: { accountId: number; link: string; created: boolean };
  }
}

const BASE = '/quan-ly/tai-khoan';
const PAGE_SIZE = 50;
const USERNAME_PATTERN = /^[a-z0-9.-]{3,64}$/;

interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
  disabled: boolean;
  locked: boolean;
  lockedUntil: Date | string | null;
  provinceName: string | null;
  communeName: string | null;
  createdAt: Date | string;
  createdByName: string | null;
  passwordChangedAt: Date | string | null;
  hasPassword: boolean;
  openLinkExpiresAt: Date | string | null;
}

const accountColumns = sql`u.id, u.username, u.display_name as "displayName", u.role, u.province_code as "provinceCode",
  u.commune_code as "communeCode", u.disabled, ${accountLockedUntil(sql`u.username`)} is not null as locked,
  ${accountLockedUntil(sql`u.username`)} as "lockedUntil",
  p.name as "provinceName", c.full_name as "communeName"`;
const accountJoins = sql`from users u left join provinces p on p.code = u.province_code left join communes c on c.code = u.commune_code`;

async function findAccount(db: Executor, id: number): Promise<AccountRow | null> {
  const [a] = await queryRows<AccountRow>(
    db,
    sql`select ${accountColumns}, u.created_at as "createdAt", cb.display_name as "createdByName",
      u.password_changed_at as "passwordChangedAt", u.password_hash is not null as "hasPassword",
      (select max(t.expires_at) from password_tokens t where t.user_id = u.id and t.used_at is null and t.expires_at > now()) as "openLinkExpiresAt"
    ${accountJoins} left join users cb on cb.id = u.created_by where u.id = ${id}`,
  );
  return a ?? null;
}

const resourceOf = (a: { role: Role; provinceCode: string | null }): AccountResource => ({
  role: a.role,
  provinceCode: a.provinceCode,
});

/** The roles this admin may hand out; a province admin's accounts always belong to its own province. */
function creatableRoles(user: SessionUser): Role[] {
  return ROLES.filter((role) =>
    can(user, 'manageAccounts', { role, provinceCode: role === 'central_admin' ? null : user.provinceCode }),
  );
}

const createSchema = Joi.object({
  username: Joi.string().trim().lowercase().pattern(USERNAME_PATTERN).required().messages({
    'any.required': 'Nhập tên đăng nhập.',
    'string.empty': 'Nhập tên đăng nhập.',
    '*': 'Tên đăng nhập dài 3–64 ký tự, chỉ gồm chữ thường không dấu (a–z), chữ số, dấu chấm (.) và gạch ngang (-).',
  }),
  displayName: Joi.string().trim().max(200).required().messages({
    'string.max': 'Họ và tên dài tối đa 200 ký tự.',
    '*': 'Nhập họ và tên người dùng tài khoản.',
  }),
  role: Joi.string()
    .valid(...ROLES)
    .required()
    .messages({ '*': 'Chọn vai trò của tài khoản.' }),
  provinceCode: Joi.string()
    .allow('')
    .pattern(/^\d{2}$/)
    .messages({ '*': 'Chọn tỉnh, thành phố.' }),
  communeCode: Joi.string()
    .allow('')
    .pattern(/^\d{5}$/)
    .messages({ '*': 'Chọn xã, phường trong danh sách.' }),
  intent: Joi.string().allow(''),
  _csrf: Joi.string().allow(''),
});

const communeSchema = Joi.object({
  communeCode: Joi.string()
    .pattern(/^\d{5}$/)
    .required()
    .messages({ '*': 'Chọn xã, phường trong danh sách.' }),
  _csrf: Joi.string().allow(''),
});

const idOf = (req: Request) => {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFound('Không tìm thấy tài khoản.');
  return Number(id);
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
};
const duplicateMessage = (username: string) => `Tên đăng nhập “${username}” đã có người dùng. Hãy chọn tên khác.`;

/** What the account's page says after each change (once: src/http/flash.ts). */
const NOTICES = {
  'da-khoa': 'Đã khóa tài khoản. Các phiên đăng nhập của tài khoản này đã kết thúc.',
  'da-mo-khoa': 'Đã mở khóa tài khoản.',
  'da-gan-xa': 'Đã cập nhật xã, phường của tài khoản.',
} as const;

/** Account administration, the set-password links and the user's own password page. */
export function accountAdminRoutes(ctx: AppContext): Router {
  const router = Router();

  // Menus and links ask the policy too.
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.canManageAccounts = can(req.user, 'manageAccounts');
    next();
  });
  router.use(passwordTokenRoutes(ctx));
  router.use(selfServiceRoutes(ctx));

  router.use(BASE, requireLogin, (req: Request, _res: Response, next: NextFunction) => {
    if (!can(req.user, 'manageAccounts'))
      throw new Forbidden('Tài khoản của bạn không có quyền quản lý tài khoản người dùng.');
    next();
  });

  /** The account at :id, or a 404; a 403 when it lies outside the admin's scope. */
  const target = async (req: Request): Promise<AccountRow> => {
    const account = await findAccount(ctx.db, idOf(req));
    if (!account) throw new NotFound('Không tìm thấy tài khoản.');
    if (!can(req.user, 'manageAccounts', resourceOf(account)))
      throw new Forbidden('Tài khoản này không thuộc phạm vi quản lý của bạn.');
    return account;
  };

  const link = (req: Request, token: string) => `${baseUrl(req, ctx.config)}/dat-mat-khau/${token}`;
  /**
   * A set-password link is handed over once, on the account's page after the redirect: the success is
   * said by the flash, the link waits in the session only until that page shows it (never logged, never
   * stored in the clear anywhere else), so a reload neither repeats the action nor shows it again.
   */
  const handOverLink = (
    req: Request,
    res: Response,
    account: { id: number; username: string },
    token: string,
    created: boolean,
  ) => {
    req.session.oneTimeLink = { accountId: account.id, link: link(req, token), created };
    flash(
      req,
      created
        ? `Đã tạo tài khoản ${account.username}.`
        : `Đã tạo liên kết đặt lại mật khẩu cho tài khoản ${account.username}.`,
    );
    res.redirect(303, `${BASE}/${account.id}`);
  };

  // ---- List ----
  router.get(BASE, async (req, res) => {
    const user = req.user!;
    const page = /^[1-9]\d{0,4}$/.test(text(req.query.trang)) ? Number(req.query.trang) : 1;
    // The policy's scope decides the rows; a country-wide admin may narrow them to one province.
    const reach = accountReach(user);
    const provinces = await cachedProvinces(ctx.db);
    const provinceFilter =
      reach.level === 'country' && provinces.some((p) => p.code === req.query.tinh) ? String(req.query.tinh) : '';
    const narrowed = provinceFilter ? sql`u.province_code = ${provinceFilter}` : sql`true`;
    const rows = await queryRows<AccountRow>(
      ctx.db,
      sql`select ${accountColumns} ${accountJoins} where ${accountScope(user)} and ${narrowed}
      order by u.province_code nulls first, u.role, u.username limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`,
    );
    const items = rows.slice(0, PAGE_SIZE);
    res.render('accounts/admin-list', {
      title: 'Quản lý tài khoản',
      items,
      page,
      hasNext: rows.length > PAGE_SIZE,
      provinces: reach.level === 'country' ? provinces : [],
      provinceFilter,
      scopeLabel:
        reach.level === 'province'
          ? (provinces.find((p) => p.code === reach.provinceCode)?.fullName ?? '')
          : 'toàn quốc',
      canCreate: creatableRoles(user).length > 0,
    });
  });

  // ---- Create ----
  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: Record<string, string> = {},
  ) => {
    const user = req.user!;
    const central = accountReach(user).level === 'country';
    const provinces = await cachedProvinces(ctx.db);
    const provinceCode = central ? values.provinceCode : user.provinceCode!;
    const communes =
      provinceCode && provinces.some((p) => p.code === provinceCode) ? await cachedCommunes(ctx.db, provinceCode) : [];
    res.status(status).render('accounts/admin-new', {
      title: 'Tạo tài khoản',
      values: { ...values, provinceCode: provinceCode ?? '' },
      errors,
      roles: creatableRoles(user),
      central,
      provinces: central ? provinces : provinces.filter((p) => p.code === user.provinceCode),
      communes,
    });
  };

  router.get(`${BASE}/moi`, async (req, res) => {
    if (creatableRoles(req.user!).length === 0) throw new Forbidden('Tài khoản của bạn không được tạo tài khoản mới.');
    await renderForm(req, res, 200, { role: 'commune_cadre', provinceCode: req.user!.provinceCode ?? '' });
  });

  router.post(BASE, async (req, res) => {
    const user = req.user!;
    const b = req.body ?? {};
    const typed = {
      username: text(b.username),
      displayName: text(b.displayName),
      role: text(b.role),
      provinceCode: text(b.provinceCode) || (accountReach(user).level === 'country' ? '' : (user.provinceCode ?? '')),
      communeCode: text(b.communeCode),
    };
    // Without JavaScript, choosing another province reloads the form with that province's communes.
    if (b.intent === 'refresh') return renderForm(req, res, 200, typed);

    const { value, error } = createSchema.validate(
      { ...b, provinceCode: typed.provinceCode },
      { abortEarly: false, stripUnknown: true },
    );
    const errors = fieldErrors(error);
    const role = ROLES.includes(typed.role as Role) ? (typed.role as Role) : null;
    const provinceCode = role === 'central_admin' ? null : typed.provinceCode || null;
    // Scope first: a role or province this admin may not hand out is refused outright, whatever else is wrong.
    if (role && (role === 'central_admin' || provinceCode) && !can(user, 'manageAccounts', { role, provinceCode })) {
      throw new Forbidden('Bạn không được tạo tài khoản với vai trò này hoặc ở tỉnh, thành phố này.');
    }
    const provinces = await cachedProvinces(ctx.db);
    if (role && role !== 'central_admin' && !errors.provinceCode && !provinces.some((p) => p.code === provinceCode)) {
      errors.provinceCode = 'Chọn tỉnh, thành phố.';
    }
    let communeCode: string | null = null;
    if (role === 'commune_cadre' && !errors.provinceCode) {
      if (!typed.communeCode) errors.communeCode = 'Cán bộ xã cần được gán một xã, phường.';
      else if (!errors.communeCode) {
        const communes = await cachedCommunes(ctx.db, provinceCode!);
        if (communes.some((c) => c.code === typed.communeCode)) communeCode = typed.communeCode;
        else errors.communeCode = 'Xã, phường này không thuộc tỉnh, thành phố đã chọn.';
      }
    }
    if (!errors.username && value?.username) {
      const [taken] = await queryRows(ctx.db, sql`select 1 from users where username = ${value.username}`);
      if (taken) errors.username = duplicateMessage(value.username);
    }
    if (Object.keys(errors).length) return renderForm(req, res, 400, typed, errors);

    try {
      const created = await inTransaction(ctx.db, (tx) =>
        createAccount(tx, user.id, {
          username: value.username,
          displayName: value.displayName,
          role: role!,
          provinceCode,
          communeCode,
        }),
      );
      req.log?.info({ accountId: created.id, by: user.id }, 'account created');
      handOverLink(req, res, { id: created.id, username: value.username }, created.token, true);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await renderForm(req, res, 400, typed, { username: duplicateMessage(value.username) });
    }
  });

  // ---- One account ----
  const renderAccount = async (
    req: Request,
    res: Response,
    status: number,
    account: AccountRow,
    error: string | null = null,
  ) => {
    const communes =
      account.role === 'commune_cadre' && account.provinceCode
        ? await cachedCommunes(ctx.db, account.provinceCode)
        : [];
    noStore(res);
    const handed = req.session.oneTimeLink;
    const oneTimeLink = handed?.accountId === account.id ? handed : null;
    if (oneTimeLink) delete req.session.oneTimeLink;
    res.status(status).render('accounts/admin-show', {
      title: `Tài khoản ${account.username}`,
      account,
      oneTimeLink,
      hours: TOKEN_TTL_HOURS,
      communes,
      error,
      isSelf: account.id === req.user!.id,
    });
  };

  router.get(`${BASE}/:id`, async (req, res) => {
    await renderAccount(req, res, 200, await target(req));
  });

  router.post(`${BASE}/:id/dat-lai-mat-khau`, async (req, res) => {
    const account = await target(req);
    if (account.disabled)
      return renderAccount(
        req,
        res,
        400,
        account,
        'Tài khoản đang bị khóa: hãy mở khóa trước khi cấp liên kết đặt mật khẩu.',
      );
    const token = await inTransaction(ctx.db, (tx) => issuePasswordToken(tx, account.id));
    req.log?.info({ accountId: account.id, by: req.user!.id }, 'password link issued');
    handOverLink(req, res, account, token, false);
  });

  router.post(`${BASE}/:id/khoa`, async (req, res) => {
    const account = await target(req);
    if (account.id === req.user!.id)
      return renderAccount(req, res, 400, account, 'Bạn không thể tự khóa tài khoản của chính mình.');
    await inTransaction(ctx.db, (tx) => disableAccount(tx, account.id));
    req.log?.info({ accountId: account.id, by: req.user!.id }, 'account disabled');
    flash(req, NOTICES['da-khoa']);
    res.redirect(303, `${BASE}/${account.id}`);
  });

  router.post(`${BASE}/:id/mo-khoa`, async (req, res) => {
    const account = await target(req);
    await enableAccount(ctx.db, account.id);
    req.log?.info({ accountId: account.id, by: req.user!.id }, 'account enabled');
    flash(req, NOTICES['da-mo-khoa']);
    res.redirect(303, `${BASE}/${account.id}`);
  });

  router.post(`${BASE}/:id/xa`, async (req, res) => {
    const account = await target(req);
    if (account.role !== 'commune_cadre' || !account.provinceCode)
      return renderAccount(req, res, 400, account, 'Chỉ tài khoản cán bộ xã được gán xã, phường.');
    const { value, error } = communeSchema.validate(req.body ?? {}, { stripUnknown: true });
    if (error) return renderAccount(req, res, 400, account, error.details[0].message);
    const communes = await cachedCommunes(ctx.db, account.provinceCode);
    if (!communes.some((c) => c.code === value.communeCode)) {
      return renderAccount(req, res, 400, account, 'Xã, phường này không thuộc tỉnh, thành phố của tài khoản.');
    }
    await assignCommune(ctx.db, account.id, value.communeCode);
    flash(req, NOTICES['da-gan-xa']);
    res.redirect(303, `${BASE}/${account.id}`);
  });

  return router;
}
