/** Running the real guzheng command, and reading what it wrote. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'guzheng.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any[];
}

/** Runs `guzheng …` asynchronously (the fixture servers live in this process and must keep answering). */
/** Runs bin/guzheng.js with `args`; `stdin`, when given, is written to its standard input (else it is empty). */
export function runGuzheng(args: string[], env: Record<string, string> = {}, onSpawn?: (pid: number) => void, stdin?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    if (child.pid) onSpawn?.(child.pid);
    child.stdin.on('error', () => {}); // a command that ends without reading its input
    child.stdin.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // JSON Lines: one object per line; a pretty-printed document is left to the test to parse from stdout.
      const json = stdout.split('\n').filter((l) => l.startsWith('{')).flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, json });
    });
  });
}

export function tempHome(prefix = 'guzheng-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function fileHashes(path: string): { sha256: string; sm3: string; size: number } {
  const data = readFileSync(path);
  return { sha256: createHash('sha256').update(data).digest('hex'), sm3: createHash('sm3').update(data).digest('hex'), size: data.length };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${path} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

export function readJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Rows of a read-only query on a data folder's database. */
export function queryDb(home: string, query: string): any[] {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(join(home, 'guzheng.db'), { readonly: true });
  try {
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}
