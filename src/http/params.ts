import type { NextFunction, Request, Response } from 'express';
import { Invalid, NotFound as NotFoundError } from './errors.js';

/** Refuses any query parameter an endpoint does not take. */
export function onlyParams(...allowed: string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const unknown = Object.keys(req.query).find((k) => !allowed.includes(k));
    if (unknown !== undefined)
      return next(new Invalid(`Tham số "${unknown}" không được hỗ trợ`, { parameter: unknown }));
    next();
  };
}

/** A positive database id from a path segment, or a 404 naming what was looked for. */
export function positiveId(raw: unknown, notFound: string): number {
  const s = String(raw);
  if (!/^[1-9]\d{0,8}$/.test(s)) throw new NotFoundError(notFound);
  return Number(s);
}
