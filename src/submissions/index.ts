import type { Capability } from '../http/capability.js';
import { submissionRoutes } from './routes.js';
import { dashboardRoutes } from './dashboard.js';
import { staffExportRoutes } from './exports.js';
import { opinionRoutes } from './opinion-routes.js';
import { notificationRoutes, unreadCount } from './notifications.js';
import { flashMessages } from '../http/flash.js';

/** Registration, review and the dashboard; the in-app notifications, the header's unread count, and the one-time messages of success. */
export const submissions: Capability = {
  name: 'submissions',
  middleware: (ctx) => [unreadCount(ctx), flashMessages()],
  pages: (ctx) => [
    submissionRoutes(ctx),
    opinionRoutes(ctx),
    dashboardRoutes(ctx),
    staffExportRoutes(ctx),
    notificationRoutes(ctx),
  ],
  // The registration form: movement checkboxes and the rows of indicators.
  multiValuedFields: [
    {
      path: /^\/quan-ly\/mo-hinh(?:\/\d+\/sua)?\/?$/,
      fields: ['movementCodes', 'indicatorName', 'indicatorValue', 'indicatorUnit'],
    },
  ],
};
