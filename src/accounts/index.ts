import type { Capability } from '../http/capability.js';
import { accountMiddleware, accountRoutes } from './routes.js';
import { accountAdminRoutes } from './admin.js';

/** Sign-in and the session behind every page; account administration, set-password links, one's own password. */
export const accounts: Capability = {
  name: 'accounts',
  // First of all the middleware: everything after it may read `req.user`.
  middleware: (ctx) => accountMiddleware(ctx),
  pages: (ctx) => [accountRoutes(ctx), accountAdminRoutes(ctx)],
};
