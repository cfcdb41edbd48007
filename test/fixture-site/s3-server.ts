/** A real S3-compatible server (s3rver) on 127.0.0.1, with one bucket, for backup and server tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  directory: string;
  env: Record<string, string>;
  /** Stops answering (the port refuses connections) until `start`; what it stored stays. */
  stop(): Promise<void>;
  /** Answers again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'evidence'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'guzheng-s3-'));
  let server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  let running = true;
  return {
    endpoint: `http://127.0.0.1:${port}`, bucket, directory,
    env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    async stop() {
      if (running) await server.close();
      running = false;
    },
    async start() {
      if (running) return;
      server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: [{ name: bucket }] });
      await server.run();
      running = true;
    },
    close: async () => {
      if (running) await server.close();
      running = false;
    },
  };
}
