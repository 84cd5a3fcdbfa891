import type { Capability } from '../http/capability.js';
import { importRoutes } from './routes.js';

/** Bulk import of models from Excel and CSV files: the template, the dry run and the import jobs. */
export const importer: Capability = {
  name: 'import',
  pages: (ctx) => [importRoutes(ctx)],
};
