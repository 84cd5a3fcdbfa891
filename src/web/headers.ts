import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers, with HSTS and `upgrade-insecure-requests` only on a secure request (HTTPS at a
 * trusted proxy, see TRUST_PROXY): sent over plain HTTP (a laptop, a LAN address) they would make
 * browsers ask for HTTPS where nothing answers.
 */
export function securityHeaders(): RequestHandler {
  const secure = helmet({ strictTransportSecurity: { maxAge: 31536000, includeSubDomains: false } });
  const plain = helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  return (req, res, next) => (req.secure ? secure : plain)(req, res, next);
}
