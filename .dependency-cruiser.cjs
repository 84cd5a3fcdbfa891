// @ts-check
// Layers of src/, checked by `npm run lint:layers` (dependency-cruiser). Every rule is an error.
//
//   neutral             config, db, text, http, reference, paths.ts: import no capability and no composition
//                       root; config, db and text do not import http either.
//   capabilities        the table below: each may import the neutral modules, itself, and the capabilities
//                       listed for it, which must all stand above it in the table (so they form a DAG).
//   composition roots   web/, api/, app.ts, boot.ts, server.ts, context.ts: may import anything; no capability
//                       or neutral module imports them, except context.ts (types only), which everyone may import.
//
// To add a capability, add one line to CAPABILITIES below the capabilities it uses.
const fs = require('node:fs');
const path = require('node:path');

const NEUTRAL = ['config', 'db', 'text', 'http', 'reference'];
const NEUTRAL_FILES = ['paths.ts'];
/** Neutral folders below http: they never import it. */
const BELOW_HTTP = ['config', 'db', 'text'];

const ROOT_FOLDERS = ['web', 'api'];
const ROOT_FILES = ['app.ts', 'boot.ts', 'bootstrap.ts', 'server.ts', 'capabilities.ts'];
/** Type-only module shared by everyone; it may itself import anything (it only names types). */
const SHARED_TYPES = 'context.ts';

const EVERY_CAPABILITY_ABOVE = '*';
/** capability folder → the capability folders it may import (besides itself and the neutral modules). */
const CAPABILITIES = {
  policy: [],
  'admin-units': ['policy'],
  listing: ['policy', 'admin-units'],
  accounts: ['policy', 'admin-units'],
  evidence: ['policy', 'accounts', 'listing'],
  movements: ['policy', 'admin-units', 'accounts', 'evidence', 'listing'],
  statistics: ['listing', 'policy', 'movements', 'admin-units'],
  catalogue: ['listing', 'evidence', 'movements', 'admin-units', 'statistics', 'policy'],
  commendations: ['policy', 'evidence', 'accounts'],
  replication: ['listing', 'policy', 'accounts'],
  consultations: ['policy', 'accounts', 'listing', 'evidence', 'admin-units', 'catalogue'],
  submissions: [
    'consultations',
    'commendations',
    'replication',
    'listing',
    'evidence',
    'accounts',
    'policy',
    'movements',
    'admin-units',
    'catalogue',
  ],
  reevaluation: ['submissions', 'policy', 'listing', 'accounts', 'admin-units', 'statistics'],
  'open-data': ['listing', 'policy', 'movements'],
  import: ['submissions', 'policy', 'listing', 'accounts', 'admin-units', 'evidence', 'replication'],
  demo: EVERY_CAPABILITY_ABOVE,
};

// ---------------------------------------------------------------------------------------------------------------

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const folders = (names) => `^src/(${names.map(escape).join('|')})/`;
const files = (names) => `^src/(${names.map(escape).join('|')})$`;

const capabilityNames = Object.keys(CAPABILITIES);
/** @type {Record<string, string[]>} */
const allowed = {};
capabilityNames.forEach((name, index) => {
  const above = capabilityNames.slice(0, index);
  const uses = CAPABILITIES[name];
  allowed[name] = uses === EVERY_CAPABILITY_ABOVE ? above : uses;
  for (const used of allowed[name]) {
    if (!above.includes(used)) {
      throw new Error(`.dependency-cruiser.cjs: capability '${name}' uses '${used}', which is not listed above it`);
    }
  }
});

// The exemption of context.ts holds only while it names types and nothing else: make sure it does.
const sharedTypes = fs.readFileSync(path.join(__dirname, 'src', SHARED_TYPES), 'utf8');
const valueLine = sharedTypes
  .split('\n')
  .find((line) => /^\s*(import|export)\b/.test(line) && !/^\s*(import type|export (type|interface))\b/.test(line));
if (valueLine !== undefined) {
  throw new Error(`.dependency-cruiser.cjs: src/${SHARED_TYPES} must hold types only, but has: ${valueLine.trim()}`);
}

const NEUTRAL_PATH = [folders(NEUTRAL), files(NEUTRAL_FILES)];
const CAPABILITY_PATH = folders(capabilityNames);
const ROOT_PATH = [folders(ROOT_FOLDERS), files(ROOT_FILES)];
const KNOWN_PATH = [...NEUTRAL_PATH, CAPABILITY_PATH, ...ROOT_PATH, files([SHARED_TYPES])];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'neutral-imports-no-capability',
      comment:
        'config, db, text, http, reference and paths.ts import no capability, web/ or api/ (context.ts is fine).',
      severity: 'error',
      from: { path: NEUTRAL_PATH },
      to: { path: [CAPABILITY_PATH, ...ROOT_PATH] },
    },
    {
      name: 'below-http',
      comment: `${BELOW_HTTP.join(', ')} do not import src/http/.`,
      severity: 'error',
      from: { path: folders(BELOW_HTTP) },
      to: { path: folders(['http']) },
    },
    {
      name: 'capability-imports-no-composition-root',
      comment: 'No capability imports web/, api/, app.ts, boot.ts or server.ts; they compose the capabilities.',
      severity: 'error',
      from: { path: CAPABILITY_PATH },
      to: { path: ROOT_PATH },
    },
    ...capabilityNames.map((name) => ({
      name: `capability-${name}`,
      comment: allowed[name].length
        ? `${name} may import only these capabilities: ${allowed[name].join(', ')}.`
        : `${name} imports no other capability.`,
      severity: /** @type {const} */ ('error'),
      from: { path: folders([name]) },
      to: { path: CAPABILITY_PATH, pathNot: folders([name, ...allowed[name]]) },
    })),
    {
      name: 'unclassified-src-module',
      comment: 'Every module under src/ belongs to a layer of .dependency-cruiser.cjs: add its folder there.',
      severity: 'error',
      from: { path: '^src/', pathNot: KNOWN_PATH },
      to: {},
    },
    {
      name: 'import-of-unclassified-src-module',
      comment: 'Every module under src/ belongs to a layer of .dependency-cruiser.cjs: add its folder there.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: KNOWN_PATH },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles between modules. swc does not mark `import type`, so type-only cycles count too, ' +
        'except those through context.ts, which holds types only (checked above) and vanishes at run time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { pathNot: files([SHARED_TYPES]) } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // dependency-cruiser's TypeScript parser needs typescript < 7, and this project has TypeScript 7, which has
    // no JS compiler API for it; swc parses the TypeScript instead. Side effect: swc does not tell `import type`
    // from `import`, so type-only imports are checked like any other (for the tsconfig's `paths` dependency-cruiser
    // needs that compiler API too, so tsConfig is not given: this project has no `paths`).
    // NodeNext `./x.js` specifiers resolve to `./x.ts`: dependency-cruiser does that itself.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      // Package "exports" (dotenv/config, csv-parse/sync, @electric-sql/pglite/contrib/...) as Node resolves them.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
