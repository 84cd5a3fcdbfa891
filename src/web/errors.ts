import type { ErrorRequestHandler, RequestHandler } from 'express';
import { beginErrorAnswer, NotFound } from '../http/errors.js';

/** After every capability's pages: nothing answered this address. */
export const pageNotFound: RequestHandler = (_req, _res, next) => {
  next(new NotFound('Không tìm thấy trang bạn yêu cầu.'));
};

/** Every error of a page request, as the Vietnamese error page; a 5xx says only that something failed. */
export const pageErrors: ErrorRequestHandler = (err, req, res, _next) => {
  const e = beginErrorAnswer(err, req, res);
  if (!e) return;
  res.render('errors/error', {
    title: e.status === 404 ? 'Không tìm thấy trang' : 'Có lỗi xảy ra',
    status: e.status,
    message: e.message,
    // A person reporting a failure can quote it; the log lines of the request carry it too.
    requestId: e.status >= 500 ? String(req.id ?? '') : '',
  });
};
