// The permission policy as SQL: the rows `can` allows, for lists, counts and notices that cannot ask
// row by row. Each condition starts from the same reach as the rule it mirrors (policy.ts), and
// test/db/scope.test.ts checks on real rows that every condition and its rule agree.
import { sql, type SQL } from 'drizzle-orm';
import { ROLES, type Role } from './roles.js';
import {
  accountReach,
  decidesAt,
  modelReach,
  ROLE_REACH,
  type Actor,
  type NoticeResource,
  type Reach,
} from './policy.js';
import type { ModelResource } from './resources.js';

const rolesAt = (level: Reach['level']): Role[] => ROLES.filter((r) => ROLE_REACH[r] === level);
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Models (alias m) of a commune: its own, and those of former communes that now lie (partly) in it. */
export function inCommune(communeCode: string): SQL {
  return sql`(m.commune_code = ${communeCode} or m.former_commune_code in
      (select s.former_code from former_commune_successors s where s.commune_code = ${communeCode}))`;
}

/** The models (alias m) `user` may see internally: can(user, 'viewInternal', model) for every row. */
export function modelScope(user: Actor | null | undefined): SQL {
  const r = modelReach(user);
  switch (r.level) {
    case 'country':
      return sql`true`;
    case 'province':
      return sql`m.province_code = ${r.provinceCode}`;
    case 'commune':
      return inCommune(r.communeCode);
    default:
      return sql`false`;
  }
}

/** The accounts (alias u) `user` manages: can(user, 'manageAccounts', account) for every row. */
export function accountScope(user: Actor | null | undefined): SQL {
  const r = accountReach(user);
  if (r.level === 'country') return sql`true`;
  if (r.level === 'province') return sql`(u.province_code = ${r.provinceCode} and u.role in (${list(r.roles)}))`;
  return sql`false`;
}

/**
 * The active users (alias u) who see the model internally: can(u, 'viewInternal', model) for every
 * account, the other way round from modelScope (the model is given, the users are the rows).
 */
export function viewersOf(model: ModelResource): SQL {
  const communes = [model.communeCode, ...(model.formerCommuneSuccessors ?? [])].filter((c): c is string => !!c);
  const bound: SQL[] = [sql`u.role in (${list(rolesAt('country'))})`];
  bound.push(sql`(u.role in (${list(rolesAt('province'))}) and u.province_code = ${model.provinceCode})`);
  if (communes.length)
    bound.push(sql`(u.role in (${list(rolesAt('commune'))}) and u.commune_code in (${list(communes)}))`);
  return sql`(not u.disabled and (${sql.join(bound, sql` or `)}))`;
}

/** The users (alias u) told of a step on a model: can(u, 'beNotified', notice) for every account. */
export function noticeRecipients(n: NoticeResource): SQL {
  if (n.about === 'submission' || n.about === 'consultationEnded') {
    // The same task as a submission: the province's reviewers decide on the entry.
    const roles = rolesAt('province').filter((r) =>
      decidesAt(r, n.about === 'submission' ? 'submitted' : 'consultation'),
    );
    if (!roles.length) return sql`false`;
    return sql`(not u.disabled and u.role in (${list(roles)}) and u.province_code = ${n.model.provinceCode})`;
  }
  const author = n.model.createdBy;
  return typeof author === 'number' ? sql`(u.id = ${author} and ${viewersOf(n.model)})` : sql`false`;
}
