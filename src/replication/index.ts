import type { Capability } from '../http/capability.js';
import { replicationRoutes } from './routes.js';

/** Replication links between models: the reviewer's page for an entry's links, and the search for originals. */
export const replication: Capability = {
  name: 'replication',
  pages: (ctx) => [replicationRoutes(ctx)],
  // The originals named on the registration and edit forms, one id and one note each.
  multiValuedFields: [
    { path: /^\/quan-ly\/mo-hinh(?:\/\d+\/sua)?\/?$/, fields: ['replicatesId', 'replicatesNote', 'removeSource'] },
  ],
};
