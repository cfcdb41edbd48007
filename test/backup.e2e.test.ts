/** Copies in several places: a folder and an S3-compatible bucket (s3rver on 127.0.0.1); scrub finds and repairs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { queryDb, runGuzheng, tempHome } from './helpers.js';
import { startTestS3, type TestS3 } from './fixture-site/s3-server.js';
import { startTestTsa } from './fixture-site/tsa-server.js';

let s3: TestS3;
const home = tempHome();
const folder = join(tempHome('guzheng-copy-'), 'copy');
let env: Record<string, string>;
let item = '';

beforeAll(async () => {
  s3 = await startTestS3();
  env = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_TSA: 'off', GUZHENG_HOME: home, ...s3.env };
  const cap = await runGuzheng(['demo', '--no-video', '--json'], env);
  item = cap.json[0].item;
}, 120_000);
afterAll(async () => {
  await s3.close();
});

const blobPath = (root: string, sha: string) => join(root, 'blobs', 'sha256', sha.slice(0, 2), sha.slice(2));
const client = () => new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
const s3Key = (sha: string) => `guzheng/blobs/sha256/${sha.slice(0, 2)}/${sha.slice(2)}`;

describe('guzheng backup', () => {
  it('add a folder and an s3:// bucket; run copies every file to both, checked, with the database', async () => {
    expect((await runGuzheng(['backup', 'add', folder], env)).code).toBe(0);
    expect((await runGuzheng(['backup', 'add', `s3://${s3.bucket}/guzheng`, '--endpoint', s3.endpoint], env)).code).toBe(0);
    const list = await runGuzheng(['backup', 'list', '--json'], env);
    expect(list.json[0].replicas.map((r: any) => r.location)).toEqual([folder, `s3://${s3.bucket}/guzheng`]);
    expect(JSON.stringify(list.json[0])).not.toContain('S3RVER');
    const r = await runGuzheng(['backup', 'run', '--json'], env);
    expect(r.code).toBe(0);
    const blobs = queryDb(home, 'select sha256 from blobs');
    expect(r.json).toEqual([{ location: folder, copied: blobs.length, alreadyThere: 0 }, { location: `s3://${s3.bucket}/guzheng`, copied: blobs.length, alreadyThere: 0 }]);
    for (const b of blobs) expect(readFileSync(blobPath(folder, b.sha256))).toEqual(readFileSync(blobPath(home, b.sha256)));
    const got = await client().send(new GetObjectCommand({ Bucket: s3.bucket, Key: s3Key(blobs[0].sha256) }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(readFileSync(blobPath(home, blobs[0].sha256)));
    expect(existsSync(join(folder, 'index', 'guzheng.db'))).toBe(true);
    const log = await runGuzheng(['log', item, '--json'], env);
    expect(log.json.filter((e: any) => e.type === 'copied').map((e: any) => e.detail.to)).toEqual([folder, `s3://${s3.bucket}/guzheng`]);
    const again = await runGuzheng(['backup', 'run', '--json'], env);
    expect(again.json.map((x: any) => x.copied)).toEqual([0, 0]);
  });

  it('scrub finds a damaged vault file, a missing folder copy and a damaged bucket copy, and repairs them all', async () => {
    const [a, b, c] = queryDb(home, 'select sha256 from blobs order by sha256').map((x) => x.sha256);
    chmodSync(blobPath(home, a), 0o644);
    writeFileSync(blobPath(home, a), 'damaged');
    rmSync(blobPath(folder, b), { force: true });
    await client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: s3Key(c), Body: 'damaged' }));
    expect((await runGuzheng(['check'], env)).code).toBe(1);
    const r = await runGuzheng(['scrub', '--json'], env);
    expect(r.code).toBe(0);
    const checks = r.json[0].checks;
    expect(checks[0].detail).toContain('3 problem(s) found, 0 not repaired');
    expect(checks.map((x: any) => x.name)).toEqual(['scrub', `vault: ${a}`, `${folder}: ${b}`, `s3://${s3.bucket}/guzheng: ${c}`]);
    expect(checks.every((x: any) => x.ok)).toBe(true);
    expect((await runGuzheng(['check'], env)).code).toBe(0);
    const clean = await runGuzheng(['scrub', '--json'], env);
    expect(clean.json[0].checks[0].detail).toContain('0 problem(s) found');
  });

  it('a file damaged everywhere cannot be repaired: scrub says so and exits 1', async () => {
    const [a] = queryDb(home, `select sha256 from artifacts where item_id = '${item}' and path = 'screenshot-full.png'`).map((x) => x.sha256);
    chmodSync(blobPath(home, a), 0o644);
    writeFileSync(blobPath(home, a), 'damaged');
    chmodSync(blobPath(folder, a), 0o644);
    writeFileSync(blobPath(folder, a), 'damaged');
    await client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: s3Key(a), Body: 'damaged' }));
    const r = await runGuzheng(['scrub', '--json'], env);
    expect(r.code).toBe(1);
    expect(r.json[0].checks.filter((x: any) => !x.ok).map((x: any) => x.detail)).toEqual([expect.stringContaining('not repaired'), 'damaged, cannot be repaired: no good copy anywhere',
      'damaged, cannot be repaired: no good copy anywhere', 'damaged, cannot be repaired: no good copy anywhere']);
  });

  it('an unreachable bucket: the folder copy still runs; the error is reported; exit 1', async () => {
    const home2 = tempHome();
    const env2 = { ...env, GUZHENG_HOME: home2 };
    await runGuzheng(['demo', '--no-video'], env2);
    await runGuzheng(['backup', 'add', join(folder, '..', 'copy2')], env2);
    await runGuzheng(['backup', 'add', 's3://evidence/x', '--endpoint', 'http://127.0.0.1:1'], env2);
    const r = await runGuzheng(['backup', 'run', '--json'], env2);
    expect(r.code).toBe(1);
    expect(r.json[0].copied).toBeGreaterThan(5);
    expect(r.json[1].error).toBeTruthy();
    const bad = await runGuzheng(['backup', 'add', 's3://Bad_Bucket'], env2);
    expect(bad.code).toBe(2);
  });

  it('a backup run that reaches the bucket also completes seals awaiting a timestamp', async () => {
    expect(queryDb(home, `select seal_state from items where id = '${item}'`)).toEqual([{ seal_state: 'awaiting-timestamp' }]);
    const tsa = await startTestTsa('Backup TSA');
    try {
      const r = await runGuzheng(['backup', 'run'], { ...env, GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath });
      expect(r.stderr).toContain(`timestamped an item that was awaiting one: ${item}`);
      expect(queryDb(home, `select seal_state from items where id = '${item}'`)).toEqual([{ seal_state: 'timestamped' }]);
    } finally {
      await tsa.close();
    }
  });
});
