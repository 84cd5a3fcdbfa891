// The staff entry page (views/submissions/show.ejs): the entry's content beside its history, with the
// actions the user may take now. Rendered by the entry's routes and by those of its opinions, which come
// back to it with what was typed and the reason when a change is refused.
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { can, type ModelResource } from '../policy/policy.js';
import { RECOGNITION_GRADES, RECOGNITION_LEVELS, recognitionLine } from '../reference/vocabulary.js';
import { missingForSubmission, REQUIRED_FOR_SUBMISSION } from './completeness.js';
import { mentionSummary, nameMentions } from './name-check.js';
import { CONFIRMATIONS } from './transitions.js';
import { modelHistory, modelRecognitions, movementNames, type InternalModel } from './queries.js';
import { similarTitles } from './similar.js';
import { actionTitle, historyView, internalModelView, reviewNotes } from './presenters.js';
import { ENTRY_SECTIONS, fieldText, type EntryFieldKey } from './entry-fields.js';
import { listFiles } from '../evidence/queries.js';
import { modelCommendations } from '../commendations/queries.js';
import { fileUrl } from '../evidence/downloads.js';
import { typeLabel } from '../evidence/rules.js';
import { entryActions } from '../policy/actions.js';
import { entryLinks } from '../replication/queries.js';
import { entryConsultation } from '../consultations/queries.js';
import { SUMMARY_MAX_CHARS } from '../consultations/moderation.js';
import { CONSULTATION_DAYS } from '../policy/workflow.js';

export interface EntryExtra {
  error?: string;
  typed?: unknown;
  keptNotice?: string;
  /** A refused change to the consultation section: its message, and the summary as typed. */
  consultationError?: string;
  typedSummary?: string;
}

export function entryPage(ctx: AppContext) {
  return async (
    req: Request,
    res: Response,
    status: number,
    m: InternalModel,
    resource: ModelResource,
    extra: EntryExtra = {},
  ) => {
    const entry = internalModelView(m);
    const mentions = nameMentions(entry.content);
    const [rows, names, files, commendations, replication, recognised, consultation] = await Promise.all([
      modelHistory(ctx.db, m.id),
      movementNames(ctx.db),
      listFiles(ctx.db, m.id),
      modelCommendations(ctx.db, m.id),
      entryLinks(ctx.db, m.id),
      modelRecognitions(ctx.db, m.id),
      entryConsultation(ctx.db, req.user, resource, m.id),
    ]);
    const lookups = { movementNames: names };
    const notes = reviewNotes(rows, entry, lookups);
    const offered = entryActions(req.user, resource);
    // Closing early makes sense only while opinions are still taken.
    const actions =
      consultation && !consultation.open
        ? { ...offered, transitions: offered.transitions.filter((t) => t.action !== 'close') }
        : offered;
    // Before it is sent: what is still missing, and existing models it may duplicate (a warning only).
    const unsent = actions.canEdit && (m.status === 'draft' || m.status === 'returned');
    const missing = unsent ? missingForSubmission(entry.content) : {};
    res.status(status).render('submissions/show', {
      missingLabels: REQUIRED_FOR_SUBMISSION.filter(([key]) => key in missing).map(([, label]) => label),
      similar:
        unsent && m.status === 'draft' ? await similarTitles(ctx.db, req.user!, m.province_code, m.title, m.id) : [],
      title: m.title,
      entry,
      nameWarning: mentions.length ? mentionSummary(mentions) : null,
      actions,
      history: historyView(rows),
      recognitionLine: recognitionLine(recognised),
      returnComment: notes.returnComment,
      // The comparison is the reviewer's tool; the commune knows what it changed.
      changes: can(req.user, 'review') ? notes.changes : null,
      sections: ENTRY_SECTIONS,
      fieldText: (key: EntryFieldKey) => fieldText(entry.content, key, lookups),
      confirmations: CONFIRMATIONS,
      actionTitle,
      files,
      commendations,
      canRecordCommendation: can(req.user, 'recordCommendation', resource),
      fileUrl,
      typeLabel,
      levels: RECOGNITION_LEVELS,
      grades: RECOGNITION_GRADES,
      error: extra.error ?? null,
      typed: extra.typed ?? null,
      keptNotice: extra.keptNotice ?? null,
      thisYear: new Date().getFullYear(),
      replication,
      canManageReplication: can(req.user, 'manageReplication', resource),
      consultation,
      consultationError: extra.consultationError ?? null,
      typedSummary: extra.typedSummary ?? null,
      summaryMax: SUMMARY_MAX_CHARS,
      consultationDays: CONSULTATION_DAYS,
    });
  };
}
