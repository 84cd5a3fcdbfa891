import type { Capability } from '../http/capability.js';
import { LocalDiskStore } from '../evidence/storage.js';
import { movementsApi, movementsApiPaths } from './api.js';
import { movementManagement } from './manage.js';
import { movementDocuments } from './document.js';

/** Emulation movements (phong trào thi đua): their management, launch documents and open data. */
export const movements: Capability = {
  name: 'movements',
  pages: (ctx) => {
    // The launch documents live in the evidence storage: the context's (tests) or the local disk.
    const files = ctx.files ?? new LocalDiskStore(ctx.config.uploadDir);
    return [movementManagement(ctx, files), movementDocuments(ctx, files)];
  },
  api: (ctx) => movementsApi(ctx),
  // The API reads only movements, their phases and approved models, which raise the catalogue version.
  cacheRules: () => [{ path: /^\/api\/v1\/movements(?:\/[a-z0-9-]{1,64})?\/?$/ }],
  // The form's phase rows.
  multiValuedFields: [
    { path: /^\/quan-ly\/phong-trao(?:\/[a-z0-9-]{1,64}\/sua)?\/?$/, fields: ['phaseName', 'phaseStart', 'phaseEnd'] },
  ],
  openapi: movementsApiPaths,
};
