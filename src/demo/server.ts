/** Serves the bundled demo post (assets/demo) on 127.0.0.1, for `guzheng demo` and the benchmarks. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { assetPath } from '../tool.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.mp4': 'video/mp4', '.webm': 'video/webm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

export const DEMO_POST_PATH = '/post/4990000000000001.html';

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Answers byte ranges (RFC 9110 §14), which browsers use to load video; without them a video never finishes loading. */
export function sendWithRanges(req: IncomingMessage, res: ServerResponse, body: Buffer, type: string): void {
  const headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  const m = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) {
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
    return;
  }
  const start = m[1] === '' ? Math.max(0, body.length - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? body.length - 1 : Math.min(Number(m[2]), body.length - 1);
  if (start > end || start >= body.length) {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${body.length}` });
    res.end();
    return;
  }
  res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 });
  res.end(body.subarray(start, end + 1));
}

export async function startDemoServer(root = assetPath('demo'), port = 0): Promise<DemoServer> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      sendWithRanges(req, res, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}${DEMO_POST_PATH}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
