import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { Router } from 'express';
import { pino } from 'pino';
import type { Database } from '../../src/db/client.js';
import type { AppContext } from '../../src/context.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import { CAPABILITIES } from '../../src/capabilities.js';
import type { Capability } from '../../src/http/capability.js';
import { readOperation, ref } from '../../src/http/openapi.js';
import { openApiDocument } from '../../src/api/openapi.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../helpers/db.js';
import { declaredRoutes } from '../helpers/people.js';

type Json = Record<string, any>;
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD path` of every route a router declares, in order, as the authorization matrix sees them. */
function routesOf(router: Router): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return out;
}

const doc = openApiDocument as Json;
const toTemplate = (route: string) => route.replace(/^(\w+) /, '$1 /api/v1').replace(/:(\w+)/g, '{$1}');
/** A path a route answers, its parameters filled with a two-digit code (the shape of a province's). */
const samplePath = (routePath: string) => routePath.replace(/:\w+/g, '19');

describe('capability descriptors', () => {
  let database: Database;
  let ctx: AppContext;
  before(async () => {
    database = await freshDatabase();
    ctx = {
      config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dvk-test-unused' }),
      database,
      db: database.db,
      logger: pino({ level: 'silent' }),
    };
  });
  after(async () => {
    await database.close();
  });

  // Imported the way the folders are (dynamically), so that both are the same module instances.
  const listed = async (): Promise<readonly Capability[]> => (await import('../../src/capabilities.js')).CAPABILITIES;

  it('names each capability once, from the index.ts of the folder of that name', async () => {
    const CAPABILITIES = await listed();
    const names = CAPABILITIES.map((c) => c.name);
    expect(new Set(names).size, names.join(', ')).to.equal(names.length);
    for (const c of CAPABILITIES) {
      const module = await import(`../../src/${c.name}/index.js`);
      expect(Object.values(module), c.name).to.include(c);
    }
  });

  it('mounts every descriptor a capability folder exports', async () => {
    const CAPABILITIES = await listed();
    const src = path.join(projectRoot, 'src');
    const folders = fs.readdirSync(src).filter((d) => fs.existsSync(path.join(src, d, 'index.ts')));
    expect(folders).to.include.members(['accounts', 'catalogue', 'submissions']);
    for (const folder of folders) {
      const module = await import(`../../src/${folder}/index.js`);
      const descriptors = Object.values(module).filter(
        (v): v is Capability => typeof (v as Capability)?.name === 'string',
      );
      for (const d of descriptors)
        expect(CAPABILITIES, `src/${folder}/index.ts exports ${d.name}, missing from src/capabilities.ts`).to.include(
          d,
        );
    }
  });

  it("puts every capability's OpenAPI paths in the document, and nothing else but the document itself", () => {
    const contributed = CAPABILITIES.flatMap((c) => Object.entries(c.openapi ?? {}));
    for (const [template, item] of contributed) expect(doc.paths[template], template).to.deep.equal(item);
    expect(Object.keys(doc.paths)).to.have.members([...contributed.map(([t]) => t), '/api/v1/openapi.json']);
  });

  it('documents every API route in the capability that declares it, and declares every documented operation', () => {
    for (const c of CAPABILITIES) {
      const routes = c.api ? routesOf(c.api(ctx)).map(toTemplate) : [];
      const documented = Object.entries(c.openapi ?? {}).flatMap(([template, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${template}`),
      );
      expect(routes, c.name).to.have.members(documented);
    }
  });

  it("keeps in the response cache only answers of the capability's own routes", () => {
    for (const c of CAPABILITIES) {
      const paths = [
        ...(c.pages?.(ctx) ?? []).flatMap(routesOf),
        ...(c.api ? routesOf(c.api(ctx)).map((r) => r.replace(' ', ' /api/v1')) : []),
      ]
        .filter((r) => r.startsWith('GET '))
        .map((r) => samplePath(r.slice(4)));
      for (const rule of c.cacheRules?.(ctx) ?? []) {
        expect(
          paths.some((p) => rule.path.test(p)),
          `${c.name}: ${rule.path} covers none of ${paths.join(', ')}`,
        ).to.equal(true);
      }
    }
  });

  it('mounts the API routes, then the pages, in the order of the list', () => {
    const app = createApp(ctx);
    const expected = [
      // The probes come first, before sessions and the response cache.
      'GET /healthz',
      'GET /readyz',
      // Asked for by browsers under this name, answered beside the static files.
      'GET /favicon.ico',
      'GET /openapi.json',
      ...CAPABILITIES.flatMap((c) => (c.api ? routesOf(c.api(ctx)) : [])),
      ...CAPABILITIES.flatMap((c) => (c.pages?.(ctx) ?? []).flatMap(routesOf)),
    ];
    expect(declaredRoutes(app)).to.deep.equal(expected);
    // Fixed paths before the parameter that would swallow them.
    const order = declaredRoutes(app);
    expect(order.indexOf('GET /quan-ly/mo-hinh/moi')).to.be.below(order.indexOf('GET /quan-ly/mo-hinh/:id'));
    expect(order.indexOf('GET /quan-ly/tai-khoan/moi')).to.be.below(order.indexOf('GET /quan-ly/tai-khoan/:id'));
  });

  it('takes a new capability from its descriptor alone: pages before the 404 page, API, cache rule and documentation', async () => {
    const extra: Capability = {
      name: 'thu-nghiem',
      middleware: () => [
        (req, res, next) => {
          res.locals.seen = Boolean(req.user === null);
          next();
        },
      ],
      pages: () => [
        Router().get('/thu-nghiem', (_req, res) => {
          res.send(`<p>trang thử nghiệm ${res.locals.seen}</p>`);
        }),
      ],
      api: () =>
        Router().get('/thu-nghiem', (_req, res) => {
          res.json({ ok: true });
        }),
      cacheRules: () => [{ path: /^\/thu-nghiem$/ }],
      openapi: {
        '/api/v1/thu-nghiem': readOperation({
          operationId: 'tryOut',
          tag: 'meta',
          summary: 'Thử / Try',
          description: 'Thử nghiệm. / A try-out.',
          ok: 'Được. / Fine.',
          schema: ref('Field'),
        }),
      },
    };
    // Listening: the cache keys on the Host header, which carries the port.
    const app = createApp(ctx, [...CAPABILITIES, extra]).listen(0, '127.0.0.1');
    try {
      const page = await request(app).get('/thu-nghiem');
      // Its middleware ran after the accounts' (req.user is set, to null for a visitor).
      expect(page.status).to.equal(200);
      expect(page.text).to.equal('<p>trang thử nghiệm true</p>');
      expect(page.headers['x-cache']).to.equal('miss');
      expect((await request(app).get('/thu-nghiem')).headers['x-cache']).to.equal('hit');
      const api = await request(app).get('/api/v1/thu-nghiem');
      expect(api.body).to.deep.equal({ ok: true });
      expect(api.headers['access-control-allow-origin']).to.equal('*');
      const served = (await request(app).get('/api/v1/openapi.json')).body;
      expect(served.paths).to.have.property('/api/v1/thu-nghiem');
      expect(Object.keys(served.paths)).to.include.members(Object.keys(doc.paths));
      expect((await request(app).get('/khong-co')).status).to.equal(404);
    } finally {
      await new Promise<void>((resolve) => {
        app.closeAllConnections();
        app.close(() => resolve());
      });
    }
    // The app's own document is not changed by another app's list.
    expect(doc.paths).not.to.have.property('/api/v1/thu-nghiem');
  });
});
