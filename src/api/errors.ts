import type { ErrorRequestHandler, RequestHandler } from 'express';
import { beginErrorAnswer, NotFound } from '../http/errors.js';
import { openDataHeaders } from './headers.js';

/** An /api/v1 address no capability answers. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFound(`Không có địa chỉ API ${req.method} ${req.path}`));
};

/** Every error of an API request, as `{ error: { status, message, parameter? } }` (the Error schema of the document). */
export const apiErrors: ErrorRequestHandler = (err, req, res, _next) => {
  const e = beginErrorAnswer(err, req, res);
  if (!e) return;
  // A request refused before the API router (src/http/input.ts) gets the API's headers all the same.
  if (!res.get('Access-Control-Allow-Origin')) openDataHeaders(res);
  res.json({ error: { status: e.status, message: e.message, ...(e.parameter ? { parameter: e.parameter } : {}) } });
};
