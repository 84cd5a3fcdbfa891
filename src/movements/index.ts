import type { Capability } from '../http/capability.js';
import { movementsApi, movementsApiPaths } from './api.js';

/** Emulation movements (phong trào thi đua): their open data. */
export const movements: Capability = {
  name: 'movements',
  api: (ctx) => movementsApi(ctx),
  cacheRules: () => [{ path: /^\/api\/v1\/movements\/?$/ }],
  openapi: movementsApiPaths,
};
