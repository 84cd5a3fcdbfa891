import type { Capability } from '../http/capability.js';
import { adminUnitManagement } from './manage.js';
import { adminUnitsApi, adminUnitsApiPaths } from './api.js';

/** Provinces and communes: their open data, and the reviewing bodies the central admin keeps. */
export const adminUnits: Capability = {
  name: 'admin-units',
  pages: (ctx) => [adminUnitManagement(ctx)],
  api: (ctx) => adminUnitsApi(ctx),
  openapi: adminUnitsApiPaths,
};
