import { isIP } from 'node:net';

/** false: no proxy; a number: that many proxies in front; a list: the proxies' addresses or CIDR ranges. */
export type TrustProxy = false | number | string[];

const MAX_HOPS = 10;
// proxy-addr's own names for private ranges; none of them covers the public internet.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const HOW =
  'write the number of reverse proxies in front of the app (usually 1), or their addresses, e.g. 127.0.0.1,10.0.0.0/8';

function checkEntry(entry: string): string | null {
  if (NAMED_RANGES.has(entry) || isIP(entry) !== 0) return null;
  const slash = entry.indexOf('/');
  if (slash < 0) return `"${entry}" is not an IP address or a CIDR range; ${HOW}`;
  const base = entry.slice(0, slash);
  const bits = entry.slice(slash + 1);
  const family = isIP(base);
  const max = family === 4 ? 32 : 128;
  if (family === 0 || !/^\d{1,3}$/.test(bits) || Number(bits) > max)
    return `"${entry}" is not a valid CIDR range; ${HOW}`;
  // A /0 range is every address: the client could claim any address again.
  if (Number(bits) === 0) return `"${entry}" trusts every address; ${HOW}`;
  return null;
}

/** The parsed setting, or the reason it is refused (one line, naming what to write instead). */
export function parseTrustProxy(raw: string): TrustProxy | string {
  const text = raw.trim().toLowerCase();
  if (text === '' || text === 'false' || text === 'no' || text === 'off' || text === '0') return false;
  if (['true', 'yes', 'on', '*', 'all'].includes(text))
    return `"${raw.trim()}" would trust any X-Forwarded-For a client sends, so anyone could pick their own address; ${HOW}`;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= MAX_HOPS ? hops : `${hops} proxies is not plausible; ${HOW}`;
  }
  const entries = text.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (entry === '') return `an empty entry in the list; ${HOW}`;
    const problem = checkEntry(entry);
    if (problem) return problem;
  }
  return entries;
}
