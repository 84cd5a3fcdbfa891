import type { Capability } from '../http/capability.js';
import { commendationRoutes } from './routes.js';
import { commendationFormRoutes } from './forms-routes.js';

/** Commendations (khen thưởng) of recognised models, and the central list of their forms. */
export const commendations: Capability = {
  name: 'commendations',
  pages: (ctx) => [commendationRoutes(ctx), commendationFormRoutes(ctx)],
};
