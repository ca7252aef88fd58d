/**
 * The web console's files (dist/console/, built by Vite), served by the gateway at /console/ so the page and the
 * graph share one origin: no CORS, and the token never goes to another host. Assets are named by their content's hash
 * and cached for a year; every other path under /console/ is the page itself (its router draws the rest). Strict
 * headers: the page may load only its own scripts, styles, fonts and images, talk only to its own origin, and not be
 * framed (clickjacking a "finalise settlement" button).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CONSOLE_PATH = '/console';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export type StaticSite = (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;

/** Answers a request under /console/ and returns true, or returns false for any other path. */
export function staticSite(root: string): StaticSite {
  return (req, res, pathname) => {
    if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return false;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (pathname === CONSOLE_PATH) {
      res.writeHead(308, { location: `${CONSOLE_PATH}/` }).end();
      return true;
    }
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The console is not built: run npm run build.\n');
      return true;
    }
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(pathname.slice(CONSOLE_PATH.length + 1)));
    } catch {
      res.writeHead(400).end();
      return true;
    }
    const file = join(root, relative);
    const isAsset = relative.startsWith(`assets${sep}`);
    if ((file !== root && !file.startsWith(root + sep)) || (isAsset && !(existsSync(file) && statSync(file).isFile()))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return true;
    }
    const path = isAsset ? file : index;
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': statSync(path).size,
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
    return true;
  };
}
