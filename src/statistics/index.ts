import type { Capability } from '../http/capability.js';
import { statisticsApi, statisticsApiPaths } from './api.js';

/** Counts of recognised models by one dimension. */
export const statistics: Capability = {
  name: 'statistics',
  api: (ctx) => statisticsApi(ctx),
  cacheRules: () => [{ path: /^\/api\/v1\/stats\/?$/ }],
  openapi: statisticsApiPaths,
};
