import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { prettyFactory } from 'pino-pretty';
import type { Config } from '../config/config.js';

/**
 * What the logs hold: request lines (method, path with tokens masked, status, time, request id),
 * ids and error codes. Never SQL text, statement parameters, form fields, headers or cookies.
 */

/** Pretty lines for a person at a terminal, JSON for everything else (files, journald, collectors). */
export function chooseLogFormat(format: Config['logFormat'], isTty: boolean): 'json' | 'pretty' {
  if (format === 'auto') return isTty ? 'pretty' : 'json';
  return format;
}

// Defence in depth: serializers below never put these in a line, and pino blanks them if a caller does.
const REDACTED = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  '*.password',
  '*.token',
  'secretAccessKey',
  '*.secretAccessKey',
  '*.cookie',
  '*.authorization',
  '*.params',
];

const SQLSTATE = /^[0-9A-Z]{5}$/;
// Names of the database's own error fields that name schema objects, never values.
const DATABASE_FIELDS = ['severity', 'constraint', 'table', 'column', 'routine'] as const;

type Loose = Record<string, unknown>;

/** A database error: drizzle's wrapper (its message is "Failed query: <SQL> params: <values>") or a driver's. */
function isDatabaseError(e: Loose): boolean {
  return ('query' in e && 'params' in e) || (typeof e.code === 'string' && SQLSTATE.test(e.code) && 'severity' in e);
}

/**
 * An error as a log field: its type, code and stack frames, and its message unless it comes from the
 * database (whose messages and details quote SQL and values); causes likewise, a few levels deep.
 */
function serializeError(err: unknown, depth = 0): Loose {
  if (err === null || typeof err !== 'object') return { type: typeof err };
  const e = err as Loose;
  const out: Loose = { type: (e.constructor as { name?: string } | undefined)?.name ?? 'Object' };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (isDatabaseError(e)) {
    for (const k of DATABASE_FIELDS) if (typeof e[k] === 'string') out[k] = e[k];
  } else if (typeof e.message === 'string') {
    out.message = e.message;
  }
  if (typeof e.stack === 'string') {
    // Only the frames: the stack's first lines repeat the message.
    out.stack = e.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  }
  if (e.cause !== undefined && depth < 4) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** The process logger: level from LOG_LEVEL, format from LOG_FORMAT; `destination` for tests. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  if (destination) return pino(options, destination);
  if (chooseLogFormat(config.logFormat, Boolean(process.stdout.isTTY)) === 'json') return pino(options);
  // In the main thread, written at once: a terminal's lines are few, and none is lost at exit.
  const prettify = prettyFactory({
    singleLine: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname,req,res,responseTime',
    // An error too stays on its line (frames escaped): one event, one line.
    errorLikeObjectKeys: [],
    colorize: Boolean(process.stdout.isTTY),
  });
  return pino(options, { write: (line: string) => process.stdout.write(prettify(line)) });
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A client's or proxy's X-Request-Id when short and plain, else a new one; sent back either way. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Masks what a URL may carry that is a credential: a set-password token, a CSRF token, a kept form's token. */
function loggedUrl(url: string): string {
  return url
    .replace(/\/dat-mat-khau\/[^/?#]+/, '/dat-mat-khau/[token]')
    .replace(/([?&](?:_csrf|giu-lai)=)[^&#]*/g, '$1[token]');
}

/** One line per request, every line of a request (req.log) carrying its id as `reqId`. */
export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    // The line reads on its own in a terminal; the same fields stay in the JSON for machines.
    customSuccessMessage: (req, res, ms) => `${req.method} ${loggedUrl(String(req.url))} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${loggedUrl(String(req.url))} ${res.statusCode} failed`,
    // Ours see the raw request and error, so nothing reaches a line that these do not pick.
    wrapSerializers: false,
    serializers: {
      // Query strings may carry search text; contact details never travel in URLs.
      req: (req: IncomingMessage) => ({ method: req.method, url: loggedUrl(String(req.url)) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    // Static assets and the probes (every few seconds) would drown the lines that matter.
    autoLogging: { ignore: (req) => /^\/(static\/|healthz$|readyz$)/.test(req.url ?? '') },
  });
}
