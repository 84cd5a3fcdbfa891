import type { Capability } from '../http/capability.js';
import { openDataRoutes } from './routes.js';

/** The open-data page (/du-lieu-mo): what is published, the licence, the API, and the archive of the whole catalogue. */
export const openData: Capability = {
  name: 'open-data',
  pages: (ctx) => [openDataRoutes(ctx)],
};
