import type { NextFunction, Request, Response } from 'express';
import type { ParamError } from '../catalogue/filters.js';

/** A 4xx with a Vietnamese message; the error handler renders it as JSON or HTML. */
export class HttpError extends Error {
  constructor(public status: number, message: string, public parameter?: string) { super(message); }
}

export function badParameter(e: ParamError): HttpError {
  return new HttpError(400, `Tham số "${e.parameter}" không hợp lệ: ${e.message}`, e.parameter);
}

/** Refuses any query parameter an endpoint does not take. */
export function onlyParams(...allowed: string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const unknown = Object.keys(req.query).find((k) => !allowed.includes(k));
    if (unknown !== undefined) return next(new HttpError(400, `Tham số "${unknown}" không được hỗ trợ`, unknown));
    next();
  };
}

/** The base of absolute links: the configured public URL, else the request's own host. */
export function baseUrl(req: Request, configured: string | null): string {
  return configured ?? `${req.protocol}://${req.get('host')}`;
}
