/**
 * The mixed traffic of `npm run bench:load`: every connection repeats one visit (browse, search,
 * model pages, statistics, a sign-in), each visit from a new client address, as seen through one
 * trusted proxy. Latency per kind is measured from building a request to its answer.
 */
import autocannon from 'autocannon';
import { percentile } from './load.js';

export interface MixedPlan {
  base: string;
  connections: number;
  duration: number;
  slugs: string[];
  searches: string[];
  fields: string[];
  provinces: string[];
  statDimensions: string[];
  /** Accounts signed in to in turn, a different one at each visit. */
  logins: { username: string; password: string }[];
}

type Kind = 'browse' | 'search' | 'model' | 'stats' | 'login';
interface KindResult {
  requests: number;
  errors: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  p50_ms: number;
  p99_ms: number;
}
export interface MixedResult {
  requests: number;
  rps: number;
  errors: number;
  p50_ms: number;
  p99_ms: number;
  by_kind: Record<Kind, KindResult>;
}

interface Visit {
  visit: number;
  address: string;
  started: number;
  cookie: string;
  token: string;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const round = (x: number) => Math.round(x * 100) / 100;
let visits = 0;

export async function mixedLoad(plan: MixedPlan): Promise<MixedResult> {
  const times: Record<Kind, number[]> = { browse: [], search: [], model: [], stats: [], login: [] };
  const errors: Record<Kind, number> = { browse: 0, search: 0, model: 0, stats: 0, login: 0 };
  const statuses: Record<Kind, Record<string, number>> = { browse: {}, search: {}, model: {}, stats: {}, login: {} };
  let all: number[] = [];

  const step = (
    kind: Kind,
    build: (v: Visit) => { method?: string; path: string; body?: string },
    newVisit = false,
  ): autocannon.Request => ({
    setupRequest: (req: autocannon.Request, context: object) => {
      const v = context as Visit;
      if (newVisit) {
        // A new visitor: another address behind the proxy, no cookie yet.
        const n = ++visits;
        v.visit = n;
        v.address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        v.cookie = '';
        v.token = '';
      }
      v.started = performance.now();
      const { method = 'GET', path, body } = build(v);
      return {
        ...req,
        method,
        path,
        body,
        headers: {
          'x-forwarded-for': v.address,
          ...(v.cookie ? { cookie: v.cookie } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      } as autocannon.Request;
    },
    onResponse: (status: number, body: string, context: object, headers?: Record<string, unknown>) => {
      const v = context as Visit;
      times[kind].push(performance.now() - v.started);
      if (status >= 400) errors[kind]++;
      statuses[kind][status] = (statuses[kind][status] ?? 0) + 1;
      // autocannon keeps the header names as the server wrote them.
      const setCookie = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'set-cookie')?.[1];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      if (typeof first === 'string') v.cookie = first.split(';')[0];
      const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
      if (token) v.token = token;
    },
  });

  const browse = () => {
    const q = new URLSearchParams({ province: pick(plan.provinces) });
    if (Math.random() < 0.5) q.set('field', pick(plan.fields));
    if (Math.random() < 0.3) q.set('page', String(1 + Math.floor(Math.random() * 5)));
    return { path: `/mo-hinh?${q}` };
  };
  const search = () =>
    Math.random() < 0.5
      ? { path: `/mo-hinh?${new URLSearchParams({ q: pick(plan.searches) })}` }
      : { path: `/api/v1/models?${new URLSearchParams({ q: pick(plan.searches) })}` };
  const model = () => ({ path: `/mo-hinh/${encodeURIComponent(pick(plan.slugs))}` });
  const stats = () =>
    Math.random() < 0.5
      ? { path: `/api/v1/stats?by=${pick(plan.statDimensions)}` }
      : { path: `/tinh/${pick(plan.provinces)}` };
  const loginPage = () => ({ path: '/login' });
  const loginPost = (v: Visit) => ({
    method: 'POST',
    path: '/login',
    body: new URLSearchParams({
      _csrf: v.token,
      ...plan.logins[v.visit % plan.logins.length],
      next: '/dashboard',
    }).toString(),
  });

  const requests = [
    step('browse', browse, true),
    step('model', model),
    step('search', search),
    step('model', model),
    step('stats', stats),
    step('browse', browse),
    step('model', model),
    step('search', search),
    step('model', model),
    step('stats', stats),
    step('login', loginPage),
    step('login', loginPost),
  ];

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: plan.base, connections: plan.connections, duration: plan.duration, timeout: 30, requests },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => all.push(ms));
  });
  all = all.sort((a, b) => a - b);
  const byKind = Object.fromEntries(
    (Object.keys(times) as Kind[]).map((k) => {
      const sorted = times[k].sort((a, b) => a - b);
      return [
        k,
        {
          requests: sorted.length,
          errors: errors[k],
          statuses: statuses[k],
          p50_ms: round(percentile(sorted, 50)),
          p99_ms: round(percentile(sorted, 99)),
        },
      ];
    }),
  ) as Record<Kind, KindResult>;
  const httpErrors = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    requests: all.length,
    rps: round(all.length / plan.duration),
    errors: httpErrors + result.errors + result.timeouts,
    p50_ms: round(percentile(all, 50)),
    p99_ms: round(percentile(all, 99)),
    by_kind: byKind,
  };
}
