import type { Request, Response } from 'express';

// The one set of error kinds. Domain code throws these; the pages (src/web/errors.ts) and the API
// (src/api/errors.ts) each render them in one place, so a refusal reads the same everywhere.

export type ErrorKind = 'notFound' | 'forbidden' | 'invalid' | 'conflict' | 'tooMany' | 'unavailable';

/** The HTTP statuses an invalid request may carry: a bad value, too large, an unsupported type, a range. */
export type InvalidStatus = 400 | 413 | 415 | 416;

const STATUS: Record<ErrorKind, number> = {
  notFound: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  tooMany: 429,
  unavailable: 503,
};

/** An error whose Vietnamese message is meant for the person who made the request. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: { status?: number; parameter?: string } = {},
  ) {
    super(message);
    this.status = options.status ?? STATUS[kind];
    this.parameter = options.parameter;
  }
  /** The query parameter or form field at fault, when there is one. */
  readonly parameter?: string;
}

export class NotFound extends AppError {
  constructor(message: string) {
    super('notFound', message);
  }
}

export class Forbidden extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class Invalid extends AppError {
  constructor(message: string, options: { parameter?: string; status?: InvalidStatus } = {}) {
    super('invalid', message, options);
  }

  /** A query parameter that failed its check, named in the message and in the answer. */
  static parameter(e: { parameter: string; message: string }): Invalid {
    return new Invalid(`Tham số "${e.parameter}" không hợp lệ: ${e.message}`, { parameter: e.parameter });
  }
}

/** Too many requests of one kind from one client: try again after `retryAfterSeconds`. */
export class TooManyRequests extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('tooMany', message);
  }
}

/** Someone else changed the record since the user loaded it; `current` is what it is now. */
export class Conflict extends AppError {
  constructor(
    readonly current: { status: string; version: number },
    message = 'Mô hình này vừa được người khác thay đổi. Hãy xem lại trang và thử lại.',
  ) {
    super('conflict', message);
  }
}

/** The database or another service (the file storage: 507 when it is full) cannot answer now; worth retrying shortly. */
export class Unavailable extends AppError {
  constructor(
    message = 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.',
    readonly retryAfterSeconds = 5,
    status: 503 | 507 = 503,
  ) {
    super('unavailable', message, { status });
  }
}

// PostgreSQL error codes that say the database, not the request, is at fault: the connection was
// ended (restart, failover, pg_terminate_backend), the server is starting or shutting down, or a
// statement ran into the statement or lock timeout.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '55P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
// The pg driver says these in words only.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** An Unavailable when `err` (or what it wraps, as drizzle does) means the database cannot answer now. */
function databaseUnavailable(err: unknown): Unavailable | null {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (e instanceof Unavailable) return e;
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return new Unavailable();
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return new Unavailable();
    e = e.cause as typeof e;
  }
  return null;
}

/** The status and message an unknown error is answered with, without revealing anything about it. */
export function describeError(err: unknown): { status: number; message: string; parameter?: string; kind?: ErrorKind } {
  err = databaseUnavailable(err) ?? err;
  if (err instanceof AppError)
    return { status: err.status, message: err.message, parameter: err.parameter, kind: err.kind };
  const e = err as { status?: unknown; code?: unknown } | null;
  if (e?.code === 'EBADCSRFTOKEN') {
    return {
      status: 403,
      kind: 'forbidden',
      message: 'Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ). Vui lòng tải lại trang và thử lại.',
    };
  }
  // body-parser and friends set a 4xx status on their own errors.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, message: 'Yêu cầu không hợp lệ.', kind: 'invalid' };
  }
  return { status: 500, message: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' };
}

/**
 * What both error renderers do first: the status, `Retry-After` for an unavailable service, and a log
 * line for a 5xx (the person asking never sees its cause). Null when the response has already started.
 */
export function beginErrorAnswer(err: unknown, req: Request, res: Response): ReturnType<typeof describeError> | null {
  const described = describeError(err);
  if (described.status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) return null;
  res.status(described.status);
  if (err instanceof TooManyRequests) {
    res.set('Retry-After', String(err.retryAfterSeconds));
    res.set('Cache-Control', 'no-store');
  }
  const unavailable = databaseUnavailable(err);
  if (unavailable) {
    res.set('Retry-After', String(unavailable.retryAfterSeconds));
    // A cache must not keep "try again later" past the moment it stops being true.
    res.set('Cache-Control', 'no-store');
  }
  return described;
}
