/** Starting `guzheng app` as a user does (a process of its own) and calling its API, for the app's tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { BIN } from './helpers.js';

export interface AppProcess {
  /** The first line of standard output: http://127.0.0.1:PORT/?token=… */
  openUrl: string;
  base: string;
  port: number;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startAppProcess(env: Record<string, string>, args: string[] = []): Promise<AppProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'app', '--no-open', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.on('exit', (code) => reject(new Error(`guzheng app exited ${code} before printing its address: ${err}`)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0]!;
      if (!out.includes('\n')) return;
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)$/.exec(line);
      if (!m) return reject(new Error(`unexpected first line: ${line}`));
      resolve({ openUrl: line, base: `http://127.0.0.1:${m[1]}`, port: Number(m[1]), token: m[2]!, child, stderr: () => err,
        stop: async (signal = 'SIGINT') => {
          child.kill(signal);
          return exited;
        } });
    });
  });
}

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; json: any }

/** One HTTP call with exactly the headers given (Host and Origin included), so the guard can be tested. */
export function call(base: string, method: string, path: string, o: { token?: string; cookie?: string; json?: unknown; raw?: Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
  const u = new URL(path, base);
  const headers: Record<string, string> = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.headers ?? {}) };
  let body: Buffer | undefined;
  if (o.json !== undefined) {
    body = Buffer.from(JSON.stringify(o.json));
    headers['content-type'] = 'application/json';
  } else if (o.raw) {
    body = o.raw;
    headers['content-type'] = 'application/octet-stream';
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search, method, headers: { host: `127.0.0.1:${u.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        let json: any = null;
        if (/json/.test(String(res.headers['content-type']))) json = JSON.parse(b.toString('utf8'));
        resolve({ status: res.statusCode!, headers: res.headers, body: b, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Polls a job until it is done or failed. */
export async function waitJob(base: string, token: string, id: string, timeoutMs = 180_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const j = (await call(base, 'GET', `/api/jobs/${id}`, { token })).json;
    if (j.state === 'done' || j.state === 'failed') return j;
    if (Date.now() > until) throw new Error(`job ${id} still ${j.state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
