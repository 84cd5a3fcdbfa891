// The one permission policy: who may do what to which model or account. Routes and views ask `can`
// (or `canTransition`), never the role directly, so a scope rule changes in one place only.
import type { ModelStatus } from '../db/schema.js';
import {
  findRule,
  legality,
  transition,
  WORKFLOW_ACTION_LABELS,
  type TransitionInput,
  type TransitionResult,
  type WorkflowAction,
} from './workflow.js';

import type { Actor, Role } from './roles.js';
import type { ModelResource, PlaceResource } from './resources.js';

export type { Actor, ModelResource, Role };

export interface AccountResource {
  role: Role;
  provinceCode: string | null;
}
/** A notice about a step on a model: its submission (for reviewers) or a decision on it (for its author). */
export interface NoticeResource {
  model: ModelResource;
  about: 'submission' | 'decision' | 'consultationEnded';
}
/** An evidence file with what decides who sees it: its model, its visibility, and the holder's consent. */
export interface FileResource {
  model: ModelResource & { type: string; publishConsent: boolean };
  file: { isPublic: boolean; kind: string };
}

/** Who owns a movement: the centre (level central) or one province. */
export interface MovementResource {
  level: string;
  provinceCode: string | null;
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
  beNotified: NoticeResource;
  manageMovement: MovementResource;
  recordCommendation: ModelResource;
  manageReplication: ModelResource;
  /** Open a consultation on an entry, or close it early. */
  consult: ModelResource;
  /** Read, hide and summarise the opinions given on an entry. */
  moderateOpinions: ModelResource;
  /** See an entry under consultation on the public pages. */
  viewConsultation: Pick<ModelResource, 'status'>;
  /** Give an opinion: anyone, while the entry is under consultation (the period is the store's to check). */
  giveOpinion: Pick<ModelResource, 'status'>;
  /** Decide, once a year, whether a province's recognised models still work. */
  reevaluate: { provinceCode: string };
  /** Import models from a spreadsheet into a province. */
  importModels: { provinceCode: string };
  /** Read the summing-up report of an area: a commune, a province, or the country (both codes null). */
  viewReport: ReportResource;
}

/** The area a report covers: a commune (with its province), a province (commune null), or the country (both null). */
export interface ReportResource {
  provinceCode: string | null;
  communeCode: string | null;
}
export type PolicyAction = keyof PolicyResources;
type Active = Actor;
// A province admin hands out the working accounts of its province, never the centre's.
const MANAGED_BY_PROVINCE_ADMIN: readonly Role[] = ['commune_cadre', 'province_reviewer', 'province_admin'];

/**
 * How far a user's work on models reaches. The rules below and the SQL scopes (scope.ts) both start
 * from it, so a list never shows what `can` refuses, nor hides what it allows.
 */
export type Reach =
  | { level: 'none' }
  | { level: 'commune'; communeCode: string }
  | { level: 'province'; provinceCode: string }
  | { level: 'country' };

/** The area each role works in, bound to its account's commune or province (none without one). */
export const ROLE_REACH: Record<Role, Exclude<Reach['level'], 'none'>> = {
  commune_cadre: 'commune',
  province_reviewer: 'province',
  province_admin: 'province',
  central_admin: 'country',
};

export function modelReach(user: Actor | null | undefined): Reach {
  if (!user || user.disabled) return { level: 'none' };
  switch (ROLE_REACH[user.role]) {
    case 'country':
      return { level: 'country' };
    case 'province':
      return user.provinceCode ? { level: 'province', provinceCode: user.provinceCode } : { level: 'none' };
    case 'commune':
      return user.communeCode ? { level: 'commune', communeCode: user.communeCode } : { level: 'none' };
    default:
      return { level: 'none' };
  }
}

/** Whether a place lies within the reach: a commune's own models, or a former commune now (partly) in it. */
function reaches(r: Reach, p: PlaceResource): boolean {
  switch (r.level) {
    case 'country':
      return true;
    case 'province':
      return p.provinceCode === r.provinceCode;
    case 'commune':
      return p.communeCode === r.communeCode || (p.formerCommuneSuccessors ?? []).includes(r.communeCode);
    default:
      return false;
  }
}

/** Which accounts a user manages: the centre every one, a province admin its province's working accounts. */
export type AccountReach =
  { level: 'none' } | { level: 'province'; provinceCode: string; roles: readonly Role[] } | { level: 'country' };

export function accountReach(user: Actor | null | undefined): AccountReach {
  if (!user || user.disabled) return { level: 'none' };
  if (user.role === 'central_admin') return { level: 'country' };
  if (user.role === 'province_admin' && user.provinceCode)
    return { level: 'province', provinceCode: user.provinceCode, roles: MANAGED_BY_PROVINCE_ADMIN };
  return { level: 'none' };
}

function accountInReach(r: AccountReach, t: AccountResource): boolean {
  if (r.level === 'country') return true;
  return r.level === 'province' && t.provinceCode === r.provinceCode && r.roles.includes(t.role);
}

const isCadre = (u: Active | null): u is Active => modelReach(u).level === 'commune';
const isReviewer = (u: Active | null): u is Active => ['province', 'country'].includes(modelReach(u).level);

/** A cadre's commune: the model's own commune, or a former commune that now lies (partly) in it. */
function inCommune(u: Active, p: PlaceResource): boolean {
  return isCadre(u) && reaches(modelReach(u), p);
}

/** Province staff work on every model of their current province; the centre everywhere. */
function inProvince(u: Active, p: PlaceResource): boolean {
  return isReviewer(u) && reaches(modelReach(u), p);
}

// Which statuses allow an action comes from the workflow table, so the two can never disagree.
const workflowAllows = (u: Active, m: ModelResource, action: WorkflowAction) =>
  findRule(m.status, action, u.role) !== undefined;
/** Whether the role may decide on (approve, return or reject) a model in this status. */
export const decidesAt = (role: Role, status: string) =>
  (['approve', 'return', 'reject'] as const).some((a) => findRule(status, a, role) !== undefined);

type Predicate<A extends PolicyAction> = (user: Active | null, resource: PolicyResources[A] | undefined) => boolean;

/** One rule per action. `user` is null for anonymous and disabled users. */
const RULES: { [A in PolicyAction]: Predicate<A> } = {
  // The public sees recognised models only; without a model this is the public pages and API.
  viewPublic: (_u, m) => !m || m.status === 'approved',
  viewInternal: (u, m) => !!u && (!m || reaches(modelReach(u), m)),
  create: (u, p) => isCadre(u) && (!p || inCommune(u, p)),
  edit: (u, m) => isCadre(u) && (!m || (inCommune(u, m) && workflowAllows(u, m, 'edit'))),
  submit: (u, m) => isCadre(u) && (!m || (inCommune(u, m) && workflowAllows(u, m, 'submit'))),
  review: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && decidesAt(u.role, m.status))),
  withdraw: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'withdraw'))),
  recognise: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'recognise'))),
  correct: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && workflowAllows(u, m, 'edit'))),
  manageAccounts: (u, t) => {
    const r = accountReach(u);
    return r.level !== 'none' && (!t || accountInReach(r, t));
  },
  manageReferenceData: (u) => u?.role === 'central_admin',
  // The centre keeps the central movements, a province admin its own province's.
  manageMovement: (u, mv) => {
    if (u?.role === 'central_admin') return !mv || mv.level === 'central';
    if (u?.role !== 'province_admin' || !u.provinceCode) return false;
    return !mv || (mv.level === 'province' && mv.provinceCode === u.provinceCode);
  },
  viewFile: (u, r) => !r || isPublicFile(r) || (!!u && RULES.viewInternal(u, r.model)),
  // Originals keep their metadata (GPS included): only people working on the entry get them.
  viewOriginalFile: (u, r) => !!u && (!r || RULES.viewInternal(u, r.model)),
  // Files change with the story: while the commune may edit it; after approval only through a new submission.
  manageFiles: (u, m) => RULES.edit(u, m),
  // A reviewer may hide any file of its province at any stage, e.g. a contact list left public.
  restrictFile: (u, m) => RULES.manageFiles(u, m) || (isReviewer(u) && (!m || inProvince(u, m))),
  // Commendations are recorded by province staff (the centre everywhere) on recognised models only.
  recordCommendation: (u, m) => isReviewer(u) && (!m || (inProvince(u, m) && m.status === 'approved')),
  // A submission goes to the reviewers of its province (the centre works from its lists, not a notice
  // for every entry of the country); a decision to the entry's author, while the entry is theirs to see.
  beNotified: (u, n) =>
    !!u &&
    (!n ||
      (n.about === 'decision'
        ? u.id === n.model.createdBy && RULES.viewInternal(u, n.model)
        : // A submission, and the end of a consultation: a task for the province's reviewers.
          modelReach(u).level === 'province' &&
          RULES.review(u, { ...n.model, status: n.about === 'submission' ? 'submitted' : 'consultation' }))),
  // Reviewers link an entry of their scope to the models it replicates, at any stage; the commune names
  // its originals through the edit form, while the entry is editable.
  manageReplication: (u, m) => isReviewer(u) && (!m || inProvince(u, m)),
  consult: (u, m) =>
    isReviewer(u) && (!m || (inProvince(u, m) && (workflowAllows(u, m, 'consult') || workflowAllows(u, m, 'close')))),
  // Opinions stay readable after the decision: they belong to the entry's record.
  moderateOpinions: (u, m) => isReviewer(u) && (!m || inProvince(u, m)),
  viewConsultation: (_u, m) => !m || m.status === 'consultation',
  giveOpinion: (_u, m) => !m || m.status === 'consultation',
  reevaluate: (u, p) =>
    isReviewer(u) && (!p || reaches(modelReach(u), { provinceCode: p.provinceCode, communeCode: null })),
  // Province admins fill their own province's registry from its spreadsheets; the centre any province's.
  importModels: (u, p) =>
    (u?.role === 'central_admin' || (u?.role === 'province_admin' && !!u.provinceCode)) &&
    (!p || reaches(modelReach(u), { provinceCode: p.provinceCode, communeCode: null })),
  // Each reads the figures of the area they work in: the centre any, a province its own or one of its
  // communes, a cadre their commune only.
  viewReport: (u, p) => {
    const r = modelReach(u);
    if (r.level === 'none') return false;
    if (!p || r.level === 'country') return true;
    if (r.level === 'province') return p.provinceCode === r.provinceCode;
    return p.communeCode === r.communeCode;
  },
};

/** What the public may see: public files of a recognised model; an individual's pictures only with consent. */
function isPublicFile(r: FileResource): boolean {
  if (r.model.status !== 'approved' || !r.file.isPublic) return false;
  return !(
    r.model.type === 'individual' &&
    !r.model.publishConsent &&
    (r.file.kind === 'image' || r.file.kind === 'video')
  );
}

/** Whether `user` (null when signed out) may take `action` on `resource`. A disabled account counts as anonymous. */
export function can<A extends PolicyAction>(
  user: Actor | null | undefined,
  action: A,
  resource?: PolicyResources[A],
): boolean {
  const rule = RULES[action] as Predicate<A> | undefined;
  if (!rule) return false;
  const active = user && !user.disabled ? user : null;
  return rule(active, resource);
}

/** The policy action that guards each workflow action (a reviewer's edit is a correction). */
const GUARDS: Record<WorkflowAction, readonly PolicyAction[]> = {
  submit: ['submit'],
  consult: ['consult'],
  close: ['consult'],
  approve: ['review'],
  return: ['review'],
  reject: ['review'],
  withdraw: ['withdraw'],
  recognise: ['recognise'],
  edit: ['edit', 'correct'],
};

/**
 * The policy's scope check and the workflow's transition together, with the reason when refused.
 * Without `input` only legality is checked (to offer a button); with it, the comment and recognition too.
 */
export function checkTransition(
  user: Actor | null | undefined,
  action: WorkflowAction,
  model: ModelResource,
  input?: TransitionInput,
  now?: Date,
): TransitionResult {
  if (!user || user.disabled)
    return { ok: false, reason: 'Cần đăng nhập bằng tài khoản đang hoạt động để thực hiện thao tác này.' };
  // Out of scope first, so that nothing about a model the user cannot see leaks through the reason.
  if (!can(user, 'viewInternal', model))
    return { ok: false, reason: 'Mô hình này không thuộc phạm vi quản lý của tài khoản.' };
  const result =
    input === undefined
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
  user: Actor | null | undefined,
  action: WorkflowAction,
  model: ModelResource,
  input?: TransitionInput,
  now?: Date,
): boolean {
  return checkTransition(user, action, model, input, now).ok;
}
