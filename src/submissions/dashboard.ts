import { Router } from 'express';
import type { AppContext } from '../context.js';
import { can, modelReach, type Reach } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { MODEL_STATUS_LABELS } from '../reference/vocabulary.js';
import { internalAudience, statusCounts } from '../listing/query.js';
import { queuePage, queueLink, queueExportLink } from './queue.js';

const SCOPE_TITLES: Record<Reach['level'], string> = {
  commune: 'Mô hình của xã',
  province: 'Mô hình của tỉnh',
  country: 'Mô hình toàn quốc',
  none: 'Mô hình',
};

export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  // The entries of the user's scope (the policy's), with counts by status over the whole scope.
  router.get('/dashboard', requireLogin, async (req, res) => {
    const audience = internalAudience(req.user);
    const [queue, counts] = await Promise.all([
      queuePage(ctx.db, req.user!, req.query as Record<string, unknown>),
      statusCounts(ctx.db, audience),
    ]);
    res.render('submissions/dashboard', {
      title: 'Trang làm việc',
      ...queue,
      counts,
      statusLabels: MODEL_STATUS_LABELS,
      queueLink,
      exportLink: queueExportLink,
      scopeTitle: SCOPE_TITLES[modelReach(req.user).level],
      canCreate: can(req.user, 'create'),
      canManageReference: can(req.user, 'manageReferenceData'),
      canManageMovements: can(req.user, 'manageMovement'),
      canReevaluate: can(req.user, 'reevaluate'),
      canImport: can(req.user, 'importModels'),
      canViewReport: can(req.user, 'viewReport'),
    });
  });
  return router;
}
