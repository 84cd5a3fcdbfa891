// The one permission policy: who may do what to which model or account. Routes and views ask `can`
// (or `canTransition`), never the role directly, so a scope rule changes in one place only.
import type { ModelStatus } from '../db/schema.js';
import {
  findRule, legality, transition, WORKFLOW_ACTION_LABELS,
  type TransitionInput, type TransitionResult, type WorkflowAction,
} from './workflow.js';

import type { Actor, Role } from './roles.js';
import type { ModelResource, PlaceResource } from './resources.js';

export type { Actor, ModelResource, PlaceResource, Role };

export interface AccountResource { role: Role; provinceCode: string | null }
/** An evidence file with what decides who sees it: its model, its visibility, and the holder's consent. */
export interface FileResource {
  model: ModelResource & { type: string; publishConsent: boolean };
  file: { isPublic: boolean; kind: string };
}

/** The resource each action is about. Without one, `can` answers "may this user ever do it" (menus, links). */
export interface PolicyResources {
  viewPublic: Pick<ModelResource, 'status'>;
  viewInternal: ModelResource;
  create: PlaceResource;
  edit: ModelResource;
  submit: ModelResource;
  review: ModelResource;
  withdraw: ModelResource;
  recognise: ModelResource;
  correct: ModelResource;
  manageAccounts: AccountResource;
  manageReferenceData: never;
  viewFile: FileResource;
  viewOriginalFile: FileResource;
  manageFiles: ModelResource;
  restrictFile: ModelResource;
}
export type PolicyAction = keyof PolicyResources;
export const POLICY_ACTIONS = [
  'viewPublic', 'viewInternal', 'create', 'edit', 'submit', 'review', 'withdraw', 'recognise', 'correct', 'manageAccounts', 'manageReferenceData',
  'viewFile', 'viewOriginalFile', 'manageFiles', 'restrictFile',
] as const satisfies readonly PolicyAction[];

type Active = Actor;
const PROVINCE_ROLES: readonly Role[] = ['province_reviewer', 'province_admin'];
// A province admin hands out the working accounts of its province, never the centre's.
const MANAGED_BY_PROVINCE_ADMIN: readonly Role[] = ['commune_cadre', 'province_reviewer', 'province_admin'];

const isCadre = (u: Active | null): u is Active => u?.role === 'commune_cadre' && !!u.communeCode;
const isReviewer = (u: Active | null): u is Active =>
  u?.role === 'central_admin' || (!!u && PROVINCE_ROLES.includes(u.role) && !!u.provinceCode);

/** A cadre's commune: the model's own commune, or a former commune that now lies (partly) in it. */
function inCommune(u: Active, p: PlaceResource): boolean {
  if (!isCadre(u)) return false;
  return p.communeCode === u.communeCode || (p.formerCommuneSuccessors ?? []).includes(u.communeCode!);
}

/** Province staff work on every model of their current province; the centre everywhere. */
function inProvince(u: Active, p: PlaceResource): boolean {
  if (u.role === 'central_admin') return true;
  return PROVINCE_ROLES.includes(u.role) && !!u.provinceCode && p.provinceCode === u.provinceCode;
}

// Which statuses allow an action comes from the workflow table, so the two can never disagree.
const workflowAllows = (u: Active, m: ModelResource, action: WorkflowAction) => findRule(m.status, action, u.role) !== undefined;

type Predicate<A extends PolicyAction> = (user: Active | null, resource: PolicyResources[A] | undefined) => boolean;

/** One rule per action. `user` is null for anonymous and disabled users. */
const RULES: { [A in PolicyAction]: Predicate<A> } = {
  // The public sees recognised models only; without a model this is the public pages and API.
  viewPublic: (_u, m) => !m || m.status === 'approved',
  viewInternal: (u, m) => !!u && (!m || inCommune(u, m) || inProvince(u, m)),
  create: (u, p) => isCadre(u) && (!p || inCommune(u, p)),
  edit: (u, m) => isCadre(u) && (!m || (inCommune(u, m) && workflowAllows(u, m, 'edit'))),
  submit: (u, m) => isCadre(u) && (!m || (inCommune(u, m) && workflowAllows(u, m, 'submit'))),
  review: (u, m) => isReviewer(u) && (!m || (inProvince(u, m)
    && (['approve', 'return', 'reject'] as const).some((a) => workflowAllows(u, m, a)))),
  withdraw: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'withdraw'))),
  recognise: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'recognise'))),
  correct: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'edit'))),
  manageAccounts: (u, t) => {
    if (u?.role === 'central_admin') return true;
    if (u?.role !== 'province_admin' || !u.provinceCode) return false;
    return !t || (t.provinceCode === u.provinceCode && MANAGED_BY_PROVINCE_ADMIN.includes(t.role));
  },
  manageReferenceData: (u) => u?.role === 'central_admin',
  viewFile: (u, r) => !r || isPublicFile(r) || (!!u && RULES.viewInternal(u, r.model)),
  // Originals keep their metadata (GPS included): only people working on the entry get them.
  viewOriginalFile: (u, r) => !!u && (!r || RULES.viewInternal(u, r.model)),
  // Files change with the story: while the commune may edit it; after approval only through a new submission.
  manageFiles: (u, m) => RULES.edit(u, m),
  // A reviewer may hide any file of its province at any stage, e.g. a contact list left public.
  restrictFile: (u, m) => RULES.manageFiles(u, m) || (isReviewer(u) && (!m || inProvince(u, m))),
};

/** What the public may see: public files of a recognised model; an individual's pictures only with consent. */
function isPublicFile(r: FileResource): boolean {
  if (r.model.status !== 'approved' || !r.file.isPublic) return false;
  return !(r.model.type === 'individual' && !r.model.publishConsent && (r.file.kind === 'image' || r.file.kind === 'video'));
}

/** Whether `user` (null when signed out) may take `action` on `resource`. A disabled account counts as anonymous. */
export function can<A extends PolicyAction>(user: Actor | null | undefined, action: A, resource?: PolicyResources[A]): boolean {
  const rule = RULES[action] as Predicate<A> | undefined;
  if (!rule) return false;
  const active = user && !user.disabled ? user : null;
  return rule(active, resource);
}

/** The policy action that guards each workflow action (a reviewer's edit is a correction). */
const GUARDS: Record<WorkflowAction, readonly PolicyAction[]> = {
  submit: ['submit'], approve: ['review'], return: ['review'], reject: ['review'], withdraw: ['withdraw'], recognise: ['recognise'], edit: ['edit', 'correct'],
};

/**
 * The policy's scope check and the workflow's transition together, with the reason when refused.
 * Without `input` only legality is checked (to offer a button); with it, the comment and recognition too.
 */
export function checkTransition(
  user: Actor | null | undefined, action: WorkflowAction, model: ModelResource, input?: TransitionInput, now?: Date,
): TransitionResult {
  if (!user || user.disabled) return { ok: false, reason: 'Cần đăng nhập bằng tài khoản đang hoạt động để thực hiện thao tác này.' };
  // Out of scope first, so that nothing about a model the user cannot see leaks through the reason.
  if (!can(user, 'viewInternal', model)) return { ok: false, reason: 'Mô hình này không thuộc phạm vi quản lý của tài khoản.' };
  const result = input === undefined
    ? legality(model.status, action, user.role)
    : transition(model.status as ModelStatus, action, user.role, input, now);
  if (!result.ok) return result;
  const guards = GUARDS[action] ?? [];
  if (!guards.some((g) => can(user, g, model))) {
    return { ok: false, reason: `Tài khoản không có quyền ${WORKFLOW_ACTION_LABELS[action]} mô hình này.` };
  }
  return result;
}

export function canTransition(
  user: Actor | null | undefined, action: WorkflowAction, model: ModelResource, input?: TransitionInput, now?: Date,
): boolean {
  return checkTransition(user, action, model, input, now).ok;
}
