import type { Capability } from '../http/capability.js';
import { consultationRoutes } from './routes.js';

/**
 * The people's opinion before recognition: the public list and pages of entries under consultation and
 * their opinion form. The reviewer's side (opening, closing, moderating) is on the staff entry page
 * (src/submissions), which calls this folder; nothing here goes into the public response cache.
 */
export const consultations: Capability = {
  name: 'consultations',
  pages: (ctx) => [consultationRoutes(ctx)],
};
