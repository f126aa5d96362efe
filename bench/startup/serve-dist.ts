// Serves a built web app (a `dist` folder) the way chiso's server does — files as they are, no
// compression, index.html for client routes — and either forwards /api to a running chiso or
// answers it with a fixed health (enough for the login page). Lets the benchmark and the
// screenshots load the build of another commit side by side with the current one.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };

export interface ServedDist {
  url: string;
  close(): Promise<void>;
}

const CANNED_HEALTH = JSON.stringify({ status: 'ok', database: 'pglite', version: 'bench', demo: false, integrity: { status: 'unchecked', checkedAt: null, problems: 0 } });

export async function serveDist(dist: string, api?: string): Promise<ServedDist> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) {
      if (!api) {
        const body = url.pathname === '/api/health' ? CANNED_HEALTH : JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '' } });
        res.writeHead(url.pathname === '/api/health' ? 200 : 401, { 'content-type': 'application/json' }).end(body);
        return;
      }
      const target = new URL(req.url ?? '/', api);
      const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
      return;
    }
    let file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
