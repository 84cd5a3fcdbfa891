import type { Capability } from '../http/capability.js';
import { statisticsApi, statisticsApiPaths } from './api.js';
import { statisticsPages } from './page.js';
import { reportPages } from './report.js';

/**
 * Counts of recognised models: the public statistics page (/thong-ke) and the API by one dimension; and
 * the staff's summing-up report of their area (/quan-ly/bao-cao).
 */
export const statistics: Capability = {
  name: 'statistics',
  pages: (ctx) => [statisticsPages(ctx), reportPages(ctx)],
  api: (ctx) => statisticsApi(ctx),
  // Every figure counts approved models, their movements, commendations and replication links, and
  // recognitions written with a model's update: all raise the catalogue version. The CSV is not kept
  // (the cache does not replay its file name).
  cacheRules: () => [{ path: /^\/api\/v1\/stats\/?$/ }, { path: /^\/thong-ke\/?$/ }],
  openapi: statisticsApiPaths,
};
