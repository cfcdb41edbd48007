/**
 * The two ways a vault is kept, for running the same behaviour tests on both: the embedded default (SQLite and a
 * folder of blobs in the data folder) and an organisation's server (a real PostgreSQL and a real S3-compatible
 * bucket, s3rver, both on 127.0.0.1). The CLI reaches the server stores through GUZHENG_DB and GUZHENG_BLOBS.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryDb } from './helpers.js';
import { startTestPostgres, type TestPostgres } from './fixture-site/postgres.js';
import { startTestS3, type TestS3 } from './fixture-site/s3-server.js';

export type BackendName = 'sqlite' | 'postgres';

export interface Backend {
  name: BackendName;
  /** Environment for `guzheng …` on this data folder. */
  env(home: string): Promise<Record<string, string>>;
  query(home: string, sql: string): Promise<any[]>;
  write(home: string, sql: string): Promise<void>;
  /** The file that holds a blob's stored bytes (the folder's file, or the object in s3rver's directory). */
  blobFile(home: string, sha256: string): string;
  close(): Promise<void>;
}

export function sqliteBackend(): Backend {
  return {
    name: 'sqlite',
    env: async (home) => ({ GUZHENG_HOME: home }),
    query: async (home, sql) => queryDb(home, sql),
    write: async (home, sql) => {
      const Database = createRequire(import.meta.url)('better-sqlite3');
      const db = new Database(join(home, 'guzheng.db'));
      try {
        db.prepare(sql).run();
      } finally {
        db.close();
      }
    },
    blobFile: (home, sha) => join(home, 'blobs', 'sha256', sha.slice(0, 2), sha.slice(2)),
    close: async () => undefined,
  };
}

/** One PostgreSQL cluster and one s3rver for the file; each data folder gets its own database and bucket prefix. */
export async function serverBackend(): Promise<Backend & { pg: TestPostgres; s3: TestS3 }> {
  const pg = await startTestPostgres();
  const s3 = await startTestS3();
  const dbs = new Map<string, string>();
  const dbOf = async (home: string) => {
    if (!dbs.has(home)) dbs.set(home, await pg.newDatabase());
    return dbs.get(home)!;
  };
  const prefixOf = (home: string) => `vault-${home.split('/').pop()!.replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
  return {
    name: 'postgres', pg, s3,
    async env(home) {
      const url = await dbOf(home);
      return { GUZHENG_HOME: home, GUZHENG_DB: url, GUZHENG_BLOBS: `s3://${s3.bucket}/${prefixOf(home)}`, GUZHENG_S3_ENDPOINT: s3.endpoint, ...s3.env };
    },
    query: async (home, sql) => pg.query(await dbOf(home), sql),
    write: async (home, sql) => {
      await pg.query(await dbOf(home), sql);
    },
    blobFile(home, sha) {
      const file = join(s3.directory, s3.bucket, prefixOf(home), 'blobs', 'sha256', sha.slice(0, 2), `${sha.slice(2)}._S3rver_object`);
      if (!existsSync(file)) throw new Error(`s3rver has no file for ${sha} at ${file}`);
      return file;
    },
    async close() {
      await s3.close();
      await pg.close();
    },
  };
}
