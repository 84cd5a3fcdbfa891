// Every capability the app mounts, in mounting order. The order matters where paths or needs meet:
// accounts first (its middleware sets `req.user`, which all later middleware and pages read), and
// the 404 page after the last one (src/app.ts). Add a new capability's descriptor here.
import type { Capability } from './http/capability.js';
import { accounts } from './accounts/index.js';
import { submissions } from './submissions/index.js';
import { replication } from './replication/index.js';
import { evidence } from './evidence/index.js';
import { adminUnits } from './admin-units/index.js';
import { catalogue } from './catalogue/index.js';
import { movements } from './movements/index.js';
import { statistics } from './statistics/index.js';
import { commendations } from './commendations/index.js';
import { reevaluation } from './reevaluation/index.js';
import { openData } from './open-data/index.js';
import { consultations } from './consultations/index.js';
import { importer } from './import/index.js';

export const CAPABILITIES: readonly Capability[] = [
  accounts,
  submissions,
  replication,
  evidence,
  adminUnits,
  catalogue,
  movements,
  statistics,
  commendations,
  reevaluation,
  openData,
  consultations,
  importer,
];
