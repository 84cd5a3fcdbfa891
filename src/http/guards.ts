import type { NextFunction, Request, Response } from 'express';

/** Pages behind login send a signed-out visitor to the login form, and back afterwards. */
export function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (req.user) {
    // What a signed-in person sees is theirs alone: no browser or proxy may keep it.
    res.set('Cache-Control', 'no-store');
    return next();
  }
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
}
