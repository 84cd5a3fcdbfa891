import type { Request, RequestHandler } from 'express';

// One message of success for the next page a person sees, kept in the session: it survives the
// redirect after a POST, and is shown once, whichever page comes next.
declare module 'express-session' {
  interface SessionData {
    flash?: string;
  }
}

/** Tells the next page that something worked. */
export function flash(req: Request, message: string): void {
  if (req.session) req.session.flash = message;
}

/**
 * Gives the layout `takeFlash()`: the message, removed as it is read. Read when a page renders,
 * not when the request arrives, so a redirect or a file download on the way does not use it up.
 */
export function flashMessages(): RequestHandler {
  return (req, res, next) => {
    res.locals.takeFlash = () => {
      const message = req.session?.flash;
      if (message === undefined) return null;
      delete req.session.flash;
      return message;
    };
    next();
  };
}
