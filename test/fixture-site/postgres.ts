/**
 * A real PostgreSQL for the tests: a new cluster in a temporary folder, listening on 127.0.0.1 only, started by the
 * test file and stopped after it. Debian's server binaries (apt `postgresql`, installed by `scripts/setup.sh --test`)
 * refuse to run as root, so as root they run as the `postgres` account. Each caller gets its own database.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  /** postgres://… of the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  /** Makes a new, empty database and returns its URL. */
  newDatabase(name?: string): Promise<string>;
  /** Runs one statement (as the superuser) in a database given by URL. */
  query<T = Record<string, unknown>>(url: string, text: string, values?: unknown[]): Promise<T[]>;
  /** pg_ctl restart (the faults tests: PostgreSQL restarted under load). */
  restart(): void;
  stop(): void;
  close(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('PostgreSQL server binaries not found: run `bash scripts/setup.sh --test` (apt postgresql)');
  return join(root, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'guzheng-pg-'));
  const data = join(root, 'data');
  const sock = join(root, 'sock');
  mkdirSync(data);
  mkdirSync(sock);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const p of [root, data, sock]) chownSync(p, uid, gid);
  }
  chmodSync(data, 0o700);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${sock} -c fsync=off -c max_connections=300`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-o', options, '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  pg.types.setTypeParser(20, (v: string) => Number(v));
  let n = 0;
  const query = async <T,>(url: string, text: string, values?: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values as unknown[])).rows as T[];
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    adminUrl,
    port,
    query,
    async newDatabase(name = `t${process.pid}_${Date.now()}_${n++}`) {
      await query(adminUrl, `create database ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    restart() {
      run('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-o', options, '-m', 'fast', '-w', 'restart']);
    },
    stop() {
      stop();
      stopped = true;
    },
    async close() {
      if (!stopped) stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
