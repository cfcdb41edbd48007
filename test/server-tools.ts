/**
 * An organisation's server for the tests, as its operator runs it: a real PostgreSQL and s3rver on 127.0.0.1,
 * `guzheng admin …` for organisations, users and tokens, and `guzheng serve` as a process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { startTestPostgres, type TestPostgres } from './fixture-site/postgres.js';
import { startTestS3, type TestS3 } from './fixture-site/s3-server.js';
import { call, type Answer } from './app-tools.js';

export interface TestStores {
  pg: TestPostgres;
  s3: TestS3;
  db: string;
  /** What every guzheng process of this server is given: the database, the bucket and its credentials. */
  env: Record<string, string>;
  admin(args: string[], stdin?: string): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startStores(extraEnv: Record<string, string> = {}): Promise<TestStores> {
  const pg = await startTestPostgres();
  const s3 = await startTestS3();
  const db = await pg.newDatabase();
  const env = { GUZHENG_DB: db, GUZHENG_BLOBS: `s3://${s3.bucket}/org-server`, GUZHENG_S3_ENDPOINT: s3.endpoint, ...s3.env,
    GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_KEY_SECRET: 'test secret of the org keys (synthetic)', ...extraEnv };
  const adminHome = tempHome('guzheng-admin-');
  return {
    pg, s3, db, env,
    admin: (args, stdin) => runGuzheng(['admin', ...args], { ...env, GUZHENG_HOME: adminHome }, undefined, stdin),
    async close() {
      await s3.close();
      await pg.close();
    },
  };
}

/** A guzheng process of its own (serve, worker), known by the first line it prints once it is ready. */
export interface GuzhengProcess {
  /** Its first line of standard output. */
  line: string;
  pid: number;
  child: ChildProcess;
  stderr: () => string;
  /** Signals it (unless it is gone) and waits for it to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function startUntilFirstLine(args: string[], env: Record<string, string>, home: string): Promise<GuzhengProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GUZHENG_HOME: tempHome(home), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 128 : null))));
    child.on('exit', (code) => reject(new Error(`guzheng ${args[0]} exited ${code} before it was ready: ${err}`)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      resolve({ line: out.split('\n')[0]!, pid: child.pid!, child, stderr: () => err,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill(signal);
          return exited;
        } });
    });
  });
}

export interface ServerProcess extends GuzhengProcess {
  base: string;
  port: number;
}

/** `guzheng serve` on 127.0.0.1 (any free port); resolves with the address it prints on its first line. */
export async function startServeProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const p = await startUntilFirstLine(['serve', '--listen', '127.0.0.1:0', ...args], env, 'guzheng-serve-');
  const m = /^http:\/\/127\.0\.0\.1:(\d+)\/$/.exec(p.line);
  if (!m) {
    await p.stop();
    throw new Error(`unexpected first line: ${p.line}`);
  }
  return { ...p, base: `http://127.0.0.1:${m[1]}`, port: Number(m[1]) };
}

/** A signed-in browser, as the server sees one: its session cookie and CSRF token. */
export interface Session { cookie: string; csrf: string; me: any }

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const r = await call(base, 'POST', '/api/auth/login', { json: { email, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.body.toString()}`);
  const set = String(r.headers['set-cookie'] ?? '');
  return { cookie: set.split(';')[0]!, csrf: r.json.csrf, me: r.json };
}

/** A call as a signed-in user (with the CSRF token on changes) or with a bearer token. */
export function as(base: string, who: Session | string, method: string, path: string, json?: unknown): Promise<Answer> {
  if (typeof who === 'string') return call(base, method, path, { token: who, ...(json !== undefined ? { json } : {}) });
  return call(base, method, path, { cookie: who.cookie, headers: method === 'GET' ? {} : { 'x-csrf-token': who.csrf }, ...(json !== undefined ? { json } : {}) });
}

export interface WorkerProcess extends GuzhengProcess {
  /** host:pid, as it names itself in the jobs it does. */
  name: string;
}

/** `guzheng worker` as a process of its own; resolves with the name it prints on its first line (host:pid). */
export async function startWorkerProcess(env: Record<string, string>, args: string[] = ['--concurrency', '1']): Promise<WorkerProcess> {
  const p = await startUntilFirstLine(['worker', ...args], env, 'guzheng-worker-');
  return { ...p, name: p.line };
}

/** Polls a job until it has finished (or the time is up); returns its last view. */
export async function waitJob(base: string, who: Session | string, id: string, ms = 120_000): Promise<any> {
  const until = Date.now() + ms;
  let job: any;
  while (Date.now() < until) {
    job = (await as(base, who, 'GET', `/api/jobs/${id}`)).json;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 300));
  }
  return job;
}
