/**
 * The data folder: ~/.guzheng by default, GUZHENG_HOME to put it elsewhere (tests always do).
 * An operator of an organisation's server may point the CLI's evidence commands at its stores with GUZHENG_DB
 * (postgres://…) and GUZHENG_BLOBS (s3://bucket/prefix, with GUZHENG_S3_ENDPOINT and AWS_REGION); `serve`, `worker`
 * and `admin` take the same as --db, --blobs and --endpoint.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { VaultOptions } from './vault.js';

export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.GUZHENG_HOME ? resolve(env.GUZHENG_HOME) : join(homedir(), '.guzheng');
}

/** Where the vault's database and blobs are: flags first, then the environment, else the data folder. */
export function vaultOptions(flags: { db?: string; blobs?: string; endpoint?: string } = {}, env: NodeJS.ProcessEnv = process.env): VaultOptions {
  const db = flags.db ?? env.GUZHENG_DB ?? null;
  const blobs = flags.blobs ?? env.GUZHENG_BLOBS ?? null;
  return {
    db,
    blobs: blobs ? { location: blobs, endpoint: flags.endpoint ?? env.GUZHENG_S3_ENDPOINT ?? null, region: env.AWS_REGION ?? null } : null,
  };
}
