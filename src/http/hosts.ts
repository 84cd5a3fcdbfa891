import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config/config.js';
import { Invalid } from './errors.js';

type HostConfig = Pick<Config, 'publicBaseUrl' | 'allowedHosts' | 'port'>;

// A name or an IPv4 address, or a bracketed IPv6 address, and an optional port: nothing else is a Host.
const HOST_HEADER = /^(?<name>[a-z0-9](?:[a-z0-9.-]{0,252})|\[[0-9a-f:.]{2,45}\])(?::(?<port>\d{1,5}))?$/;

/** Whether a Host header names one of ALLOWED_HOSTS: an entry without a port allows any port. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  const m = HOST_HEADER.exec((host ?? '').toLowerCase());
  if (!m?.groups) return false;
  const { name, port } = m.groups;
  return allowed.some((a) => a === name || (port !== undefined && a === `${name}:${port}`));
}

/**
 * The origin of absolute links (canonical links, the API's urls, set-password links): PUBLIC_BASE_URL,
 * else this request's Host when it is an allowed one, else http://localhost:PORT. A Host header of
 * someone's choosing is never echoed.
 */
export function baseUrl(req: Request, config: HostConfig): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  const host = req.headers.host;
  if (host && hostAllowed(host, config.allowedHosts)) return `${req.secure ? 'https' : 'http'}://${host.toLowerCase()}`;
  return `http://localhost:${config.port}`;
}

/** Without PUBLIC_BASE_URL, a request for a host not in ALLOWED_HOSTS is refused (400). */
export function hostGuard(config: HostConfig): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (config.publicBaseUrl || hostAllowed(req.headers.host, config.allowedHosts)) return next();
    next(
      new Invalid(
        'Địa chỉ máy chủ trong yêu cầu (Host) không được chấp nhận. Hãy mở trang bằng địa chỉ chính thức của hệ thống.',
      ),
    );
  };
}
