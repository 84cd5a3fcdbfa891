import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import type { CacheRule } from '../http/capability.js';
import { baseUrl } from '../http/hosts.js';
import { SESSION_COOKIE } from '../accounts/sessions.js';
import { CatalogueVersion, readCatalogueVersion } from './catalogue-version.js';

/**
 * A response cache for anonymous GETs of public pages that is never stale: an entry is served only
 * while the catalogue version it was rendered under is still the current one, and the version is
 * read for every request (src/web/catalogue-version.ts), so a write committed before a request
 * arrived — on this instance or another — is always in its answer.
 *
 * A request carrying the session cookie or credentials is neither answered from nor stored in the
 * cache, nor is a response that sets a cookie or is anything but a 200.
 */

export interface PageCacheOptions {
  rules: CacheRule[];
  /** The current catalogue version, read after the call. */
  version: () => Promise<number>;
  /** The session cookie's name: anything resembling it in a Cookie header means a possibly signed-in user. */
  sessionCookie: string;
  /** The origin a request's answer is built for (part of the key); the Host header by default. */
  origin?: (req: Request) => string;
  maxBytes?: number;
  maxEntryBytes?: number;
}

/** Headers of a stored response replayed on a hit; the rest come from the middleware before the cache. */
const KEPT_HEADERS = [
  'content-type',
  'etag',
  'cache-control',
  'access-control-allow-origin',
  'content-language',
  'last-modified',
  'vary',
];
// As the compression middleware decides: bodies below its threshold go out as they are.
const COMPRESS_THRESHOLD = 1024;
const NO_CACHE = /\bno-cache\b/i;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
type Encoding = 'br' | 'gzip';
const ENCODE: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  gzip: (body) => gzip(body, { level: 9 }),
  // Compressed once per entry, so a better ratio than on-the-fly compression is affordable.
  br: (body) =>
    brotli(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
};

interface Entry {
  key: string;
  version: number;
  headers: [string, string][];
  body: Buffer;
  compressible: boolean;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
  bytes: number;
}

/** Least recently used entries leave first once the bodies exceed the byte budget. */
class ByteLru {
  private readonly map = new Map<string, Entry>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }

  set(key: string, e: Entry): void {
    this.delete(key);
    this.map.set(key, e);
    this.bytes += e.bytes;
    this.trim();
  }

  /** Counts an encoded copy added to an entry, if the entry is still held. */
  grow(e: Entry, by: number): void {
    if (this.map.get(e.key) !== e) return;
    e.bytes += by;
    this.bytes += by;
    this.trim();
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.bytes -= e.bytes;
    }
  }

  private trim(): void {
    for (const key of this.map.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(key);
    }
  }
}

export function pageCache(options: PageCacheOptions): RequestHandler {
  const lru = new ByteLru(options.maxBytes ?? 64 * 1024 * 1024);
  const maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
  // Any occurrence, in any case, padded, quoted or percent-encoded: whatever the session parser might
  // read as the session is enough to bypass the cache. Erring this way costs an anonymous visitor a hit.
  const sessionLike = new RegExp(
    options.sessionCookie
      .split('')
      .map((c) => (/[A-Za-z0-9]/.test(c) ? c : `(?:\\${c}|%${c.charCodeAt(0).toString(16)})`))
      .join(''),
    'i',
  );
  const origin = options.origin ?? ((req: Request) => `${req.protocol}://${req.headers.host ?? ''}`);
  // The highest version seen: entries of lower ones can never be served again.
  let newest = 0;

  const ruleFor = (req: Request): CacheRule | undefined => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    if (req.headers.authorization || sessionLike.test(req.headers.cookie ?? '')) return undefined;
    return options.rules.find((r) => r.path.test(req.path));
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    const rule = ruleFor(req);
    if (!rule) return next();
    let version: number;
    try {
      version = await options.version();
    } catch {
      // Without a version nothing can be proven current: the route answers, as without a cache.
      return next();
    }
    if (version > newest) {
      newest = version;
      lru.clear();
    }
    const key = `${origin(req)}${req.originalUrl}`;
    // A client asking for no-cache (a hard reload) gets the route's answer, which then replaces the stored one.
    const entry = NO_CACHE.test(req.headers['cache-control'] ?? '') ? undefined : lru.get(key);
    if (entry && entry.version === version) {
      rule.onHit?.(req);
      return serve(req, res, entry, lru).catch(next);
    }
    if (req.method !== 'GET') return next();
    res.setHeader('X-Cache', 'miss');
    // Routes may keep what depends only on the catalogue under this version.
    res.locals.catalogueVersion = version;
    const send = res.send;
    res.send = function (this: Response, body?: unknown) {
      res.send = send;
      const status = res.statusCode;
      const result = send.call(this, body);
      // Read after sending: the response's own headers (ETag, Content-Type, cookies) are set by then.
      const bytes =
        status !== 200 || version !== newest || !storable(req, res)
          ? null
          : typeof body === 'string'
            ? Buffer.from(body)
            : Buffer.isBuffer(body)
              ? body
              : null;
      if (bytes && bytes.length <= maxEntryBytes) {
        const headers = KEPT_HEADERS.flatMap((h): [string, string][] => {
          const v = res.getHeader(h);
          return v === undefined ? [] : [[h, String(v)]];
        });
        const type = String(res.getHeader('content-type') ?? '');
        lru.set(key, {
          key,
          version,
          headers,
          body: bytes,
          compressible: COMPRESSIBLE.test(type),
          encoded: {},
          bytes: bytes.length + key.length,
        });
      }
      return result;
    };
    next();
  };
}

function storable(req: Request, res: Response): boolean {
  if (req.user || req.session?.userId !== undefined || res.getHeader('set-cookie') !== undefined) return false;
  return !/\b(private|no-store)\b/i.test(String(res.getHeader('cache-control') ?? ''));
}

/** The encoding the compression middleware would have chosen (none for HEAD or without Accept-Encoding). */
function encodingFor(req: Request, entry: Entry): Encoding | null {
  if (
    !entry.compressible ||
    entry.body.length < COMPRESS_THRESHOLD ||
    req.method === 'HEAD' ||
    !req.headers['accept-encoding']
  )
    return null;
  const chosen = req.acceptsEncodings('br', 'gzip', 'identity');
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

async function serve(req: Request, res: Response, entry: Entry, lru: ByteLru): Promise<void> {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  if (entry.compressible) res.vary('Accept-Encoding');
  res.setHeader('X-Cache', 'hit');
  res.statusCode = 200;
  if (req.fresh) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.end();
    return;
  }
  const encoding = encodingFor(req, entry);
  let body = entry.body;
  if (encoding) {
    let encoded = entry.encoded[encoding];
    if (!encoded) {
      encoded = ENCODE[encoding](entry.body);
      entry.encoded[encoding] = encoded;
      encoded.then(
        (b) => lru.grow(entry, b.length),
        () => {
          delete entry.encoded[encoding];
        },
      );
    }
    body = await encoded;
    res.setHeader('Content-Encoding', encoding);
  }
  res.setHeader('Content-Length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/**
 * The public pages and API answers made only of approved models, their movements, movements and
 * reference data — what the catalogue version covers. Each capability names its own (its `cacheRules`).
 */
export function publicPageCache(ctx: AppContext, rules: CacheRule[]): RequestHandler {
  const versions = new CatalogueVersion(() => readCatalogueVersion(ctx.db));
  return pageCache({
    version: () => versions.current(),
    sessionCookie: SESSION_COOKIE,
    origin: (req) => baseUrl(req, ctx.config),
    rules,
  });
}
