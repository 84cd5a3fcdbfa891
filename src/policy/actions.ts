// What a user may do with one entry, computed once from the policy and the workflow, so that
// pages show their buttons and links from it instead of restating the rules (compare Outline's
// presenters/policy.ts). The routes still ask the policy before acting: this only decides what is offered.
import type { ModelStatus } from '../db/schema.js';
import type { Actor } from './roles.js';
import type { ModelResource } from './resources.js';
import { can, checkTransition } from './policy.js';
import {
  availableActions,
  findRule,
  WORKFLOW_ACTION_LABELS,
  type Requirement,
  type WorkflowAction,
} from './workflow.js';

/** A workflow step offered as a form: what it is called and what its form must ask for. */
interface OfferedTransition {
  action: Exclude<WorkflowAction, 'edit'>;
  /** The verb, as in "Không thể …" (WORKFLOW_ACTION_LABELS). */
  label: string;
  requires: readonly Requirement[];
}

export interface EntryActions {
  /** The status changes this user may make now, in the workflow table's order. */
  transitions: OfferedTransition[];
  /** Edit the content: the commune's edit or the reviewer's correction. */
  canEdit: boolean;
  /** Add, caption, order and remove evidence files. */
  canManageFiles: boolean;
  /** Make a public evidence file internal. */
  canRestrictFiles: boolean;
}

export function entryActions(user: Actor | null | undefined, entry: ModelResource): EntryActions {
  const active = user && !user.disabled ? user : null;
  const transitions = !active
    ? []
    : availableActions(entry.status as ModelStatus, active.role)
        .filter((a): a is OfferedTransition['action'] => a !== 'edit' && checkTransition(active, a, entry).ok)
        .map((action) => ({
          action,
          label: WORKFLOW_ACTION_LABELS[action],
          requires: findRule(entry.status, action, active.role)!.requires,
        }));
  return {
    transitions,
    canEdit: checkTransition(user, 'edit', entry).ok,
    canManageFiles: can(user, 'manageFiles', entry),
    canRestrictFiles: can(user, 'restrictFile', entry),
  };
}
