/** What the benchmarks that run the built app in its own process share: ports, start-up, a signed-in client. */
import fs from 'node:fs';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Waits until `url` answers 2xx; fails at once if the app exits. */
export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('the app exited during start-up');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the app did not start');
}

export const tokenIn = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export interface Answer {
  status: number;
  location: string;
  text: string;
  /** The page's CSRF token, if it has a form. */
  token: string;
}

/** One browser: keeps its session cookie, comes from one client address (behind a trusted proxy). */
export class Client {
  cookie = '';
  constructor(
    readonly base: string,
    readonly address?: string,
  ) {}

  async request(method: string, pathname: string, form?: Record<string, string>): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const res = await fetch(`${this.base}${pathname}`, {
      method,
      redirect: 'manual',
      body,
      headers: {
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(this.address ? { 'X-Forwarded-For': this.address } : {}),
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location') ?? '', text, token: tokenIn(text) };
  }
  get(pathname: string): Promise<Answer> {
    return this.request('GET', pathname);
  }
  post(pathname: string, form: Record<string, string>): Promise<Answer> {
    return this.request('POST', pathname, form);
  }
}

export async function signIn(base: string, username: string, password: string, address?: string): Promise<Client> {
  const client = new Client(base, address);
  const page = await client.get('/login');
  const sent = await client.post('/login', { _csrf: page.token, username, password, next: '/dashboard' });
  if (sent.status !== 303) throw new Error(`signing in as ${username} answered ${sent.status}`);
  return client;
}

const statusKb = (pid: number, field: string): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]);
};

export const rssMb = (pid: number): number => statusKb(pid, 'VmRSS') / 1024;

/** The process's resident-memory high-water mark, as the kernel keeps it (Linux). */
export const peakRssMb = (pid: number): number => Math.round((statusKb(pid, 'VmHWM') / 1024) * 10) / 10;
