import type { Capability } from '../http/capability.js';
import { evidenceRoutes } from './routes.js';
import { downloadRoutes } from './downloads.js';
import { LocalDiskStore } from './storage.js';

/** An entry's evidence files: the management page and every download, through the policy. */
export const evidence: Capability = {
  name: 'evidence',
  pages: (ctx) => {
    // The storage is chosen once: the context's (tests) or the local disk under UPLOAD_DIR.
    const files = ctx.files ?? new LocalDiskStore(ctx.config.uploadDir);
    return [evidenceRoutes(ctx, files), downloadRoutes(ctx, files)];
  },
  // The files form sends every listed file's id (the upload's files are parts, not fields).
  multiValuedFields: [{ path: /^\/quan-ly\/mo-hinh\/\d+\/tep\/sap-xep\/?$/, fields: ['ids'] }],
};
