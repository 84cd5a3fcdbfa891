import type { Capability } from '../http/capability.js';
import { reevaluationRoutes } from './routes.js';

/** The yearly re-evaluation (đánh giá lại hằng năm) of a province's recognised models. */
export const reevaluation: Capability = {
  name: 'reevaluation',
  pages: (ctx) => [reevaluationRoutes(ctx)],
  // The models ticked on the list.
  multiValuedFields: [{ path: /^\/quan-ly\/danh-gia-lai\/?$/, fields: ['chon'] }],
};
