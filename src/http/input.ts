// The one gate for malformed input, before any route: the address, the headers and form bodies must be
// well-formed UTF-8 text without NUL, percent-encoding must be valid, and every parameter and form field
// is single-valued unless its form declares it a list (Capability.multiValuedFields). Routes then see
// only strings (or string arrays where declared), never objects, and never text that cannot be stored.
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type Request, type RequestHandler } from 'express';
import { Invalid } from './errors.js';

/** The fields of the forms under `path` (the request's path, no query) that carry several values. */
export interface MultiValuedFields {
  path: RegExp;
  fields: readonly string[];
}

/** The largest form body a page accepts (the registration form's texts fit well within it). */
const FORM_BODY_LIMIT = '200kb';
const NAME_SHOWN = 60;
// What Node's parser lets through in a header value (it refuses NUL and other controls itself).
const PLAIN_ASCII = /^[\t\x20-\x7e]*$/;
// A host name or IPv4 address, or a bracketed IPv6 one, with a port: the Host ends up in absolute links.
const HOST = /^(?:[A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

const allowedLists = new WeakMap<Request, ReadonlySet<string>>();

const shown = (name: string) => (name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name);

/** The decoded text, or null when the percent-encoding is broken, is not UTF-8, or holds a NUL. */
function decoded(raw: string, plusIsSpace: boolean): string | null {
  let text: string;
  try {
    text = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    return null;
  }
  return text.includes('\0') ? null : text;
}

/** `a=1&b=2` as [name, value] pairs, decoded; throws an Invalid naming what is broken. */
function pairs(encoded: string, what: 'query' | 'form'): [string, string][] {
  const out: [string, string][] = [];
  for (const part of encoded.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decoded(rawName, true);
    const value = eq < 0 ? '' : decoded(part.slice(eq + 1), true);
    if (name === null || value === null) {
      const who = name === null ? '' : what === 'query' ? ` (tham số "${shown(name)}")` : ` (trường “${shown(name)}”)`;
      throw new Invalid(
        `${what === 'query' ? 'Địa chỉ' : 'Dữ liệu biểu mẫu'} không hợp lệ${who}: có mã phần trăm (%) sai, ký tự rỗng (NUL) hoặc ký tự không mã hóa UTF-8.`,
        name === null ? {} : { parameter: name },
      );
    }
    out.push([name, value]);
  }
  return out;
}

/** Refuses a field name twice, or written as a list or an object (`a[]`, `a[b]`), unless declared a list. */
function singleValued(names: Iterable<string>, lists: ReadonlySet<string>, what: 'query' | 'form'): void {
  const seen = new Set<string>();
  for (const name of names) {
    const label = what === 'query' ? `Tham số "${shown(name)}"` : `Trường “${shown(name)}”`;
    if (/[[\]]/.test(name)) {
      throw new Invalid(`${label} không hợp lệ: tên không được chứa dấu ngoặc vuông [ ].`, { parameter: name });
    }
    if (seen.has(name) && !lists.has(name)) {
      throw new Invalid(`${label} chỉ được có một giá trị.`, { parameter: name });
    }
    seen.add(name);
  }
}

function checkHeaders(req: Request): void {
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const value = raw[i + 1];
    // Node hands header bytes over as Latin-1 characters: turned back into bytes, they must be UTF-8.
    const bad = (v: string) => !PLAIN_ASCII.test(v) && (v.includes('\0') || !isUtf8(Buffer.from(v, 'latin1')));
    if (raw[i].toLowerCase() === 'cookie' && bad(value)) {
      // Another application on the same domain may have set it: refusing would shut the person out of
      // every page until they found how to clear it. Only the readable cookies are kept.
      req.headers.cookie = (req.headers.cookie ?? '')
        .split(';')
        .filter((pair) => !bad(pair))
        .join(';');
      continue;
    }
    if (bad(value)) {
      throw new Invalid(
        `Tiêu đề HTTP "${shown(raw[i])}" không hợp lệ: chỉ nhận văn bản UTF-8, không có ký tự rỗng (NUL).`,
      );
    }
  }
  const host = req.headers.host;
  if (host !== undefined && !HOST.test(host)) throw new Invalid('Tiêu đề HTTP "Host" không hợp lệ.');
}

/**
 * The gate, first of the app's middleware: address, headers and query string, then a URL-encoded form
 * body (its raw bytes checked before they are decoded) and its fields. `rules` are every capability's.
 */
export function inputGate(rules: readonly MultiValuedFields[]): RequestHandler[] {
  const listsFor = (path: string): ReadonlySet<string> =>
    new Set(rules.filter((r) => r.path.test(path)).flatMap((r) => r.fields));

  const address: RequestHandler = (req, _res, next) => {
    const url = req.url;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (decoded(path, false) === null) {
      throw new Invalid(
        'Địa chỉ không hợp lệ: có mã phần trăm (%) sai, ký tự rỗng (NUL) hoặc ký tự không mã hóa UTF-8.',
      );
    }
    checkHeaders(req);
    const lists = listsFor(req.path);
    allowedLists.set(req, lists);
    if (q >= 0)
      singleValued(
        pairs(url.slice(q + 1), 'query').map(([name]) => name),
        lists,
        'query',
      );
    next();
  };

  const form = express.urlencoded({
    extended: false,
    limit: FORM_BODY_LIMIT,
    verify: (req, _res, buf) => {
      if (!isUtf8(buf)) throw new Invalid('Dữ liệu biểu mẫu không hợp lệ: chỉ nhận văn bản mã hóa UTF-8.');
      const fields = pairs(buf.toString('utf8'), 'form');
      singleValued(
        fields.map(([name]) => name),
        allowedLists.get(req as Request) ?? new Set(),
        'form',
      );
    },
  });

  return [address, form];
}

/**
 * For a body another parser read (multer's multipart fields): the same rules. Multer turns `a[]` and
 * repeats into arrays and `a[b]` into objects; its decoder turns bytes that are not UTF-8 into U+FFFD.
 */
export function checkParsedFields(req: Request): void {
  const lists = allowedLists.get(req) ?? new Set<string>();
  for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    const values = Array.isArray(value) && lists.has(name) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string')
        throw new Invalid(`Trường “${shown(name)}” chỉ được có một giá trị.`, { parameter: name });
      if (/[\0\uFFFD]|\p{Cs}/u.test(name + v)) {
        throw new Invalid(`Trường “${shown(name)}” không hợp lệ: chỉ nhận văn bản UTF-8, không có ký tự rỗng (NUL).`, {
          parameter: name,
        });
      }
    }
  }
}

const PARSER_REFUSALS: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ: địa chỉ hoặc tiêu đề HTTP chứa ký tự không được phép.',
  408: 'Yêu cầu quá thời gian chờ. Vui lòng thử lại.',
  431: 'Yêu cầu không hợp lệ: địa chỉ hoặc tiêu đề HTTP quá dài.',
};

/**
 * What Node's HTTP parser refuses before the app sees it (a NUL or control byte in a header, a raw byte
 * in the request line, headers over the size limit) is answered in Vietnamese too, not with a bare status.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = PARSER_REFUSALS[status];
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
