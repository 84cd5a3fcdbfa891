// What a capability tells the composition roots (src/app.ts, src/api/router.ts, src/web/page-cache.ts,
// src/api/openapi.ts) about itself. Each capability folder exports one descriptor from its index.ts;
// src/capabilities.ts lists them in mounting order. Adding a capability touches its folder and that list.
import type { Request, RequestHandler, Router } from 'express';
import type { AppContext } from '../context.js';
import type { MultiValuedFields } from './input.js';

/** A public answer the response cache may keep (see src/web/page-cache.ts). */
export interface CacheRule {
  /** The full path (query string aside, /api/v1 included for the API) the rule covers. */
  path: RegExp;
  /** Called when a request is answered from the cache, instead of the route. */
  onHit?: (req: Request) => void;
}

/** OpenAPI 3.1 Path Items, keyed by their full template (`/api/v1/models/{id}`). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

export interface Capability {
  /** The folder's name, for messages and tests. */
  readonly name: string;
  /**
   * Run for every page request before any capability's pages, in the list's order: what later
   * pages rely on (the session and `req.user`, the header's unread count).
   */
  middleware?: (ctx: AppContext) => RequestHandler[];
  /** Its page routers, mounted in the list's order after all the middleware; the 404 page comes after every one. */
  pages?: (ctx: AppContext) => Router[];
  /** Its router under /api/v1 (paths relative to /api/v1). */
  api?: (ctx: AppContext) => Router;
  /** The anonymous GETs of its pages and API the public response cache keeps. */
  cacheRules?: (ctx: AppContext) => CacheRule[];
  /**
   * The fields of its forms (and query strings) that carry several values, such as checkboxes; every
   * other field and parameter is single-valued, and a repeat is refused (src/http/input.ts).
   */
  multiValuedFields?: readonly MultiValuedFields[];
  /** What its API answers, documented: merged into /api/v1/openapi.json beside the shared components. */
  openapi?: OpenApiPaths;
}
