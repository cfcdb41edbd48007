/** The vault end to end: cases, items, artifacts by content, the custody log and `guzheng check`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileHashes, runGuzheng, tempHome } from './helpers.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { serverBackend, sqliteBackend, type Backend } from './vault-backends.js';

let tsas: TestTsa[];
const backends: Record<string, Backend> = { sqlite: sqliteBackend() };
beforeAll(async () => {
  tsas = await Promise.all([startTestTsa('Vault TSA One'), startTestTsa('Vault TSA Two')]);
  backends.postgres = await serverBackend();
});
afterAll(async () => {
  await Promise.all(tsas.map((t) => t.close()));
  await backends.postgres?.close();
});

const base = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '' };
const online = () => ({ ...base, GUZHENG_TSA: tsas.map((t) => t.url).join(','), GUZHENG_TSA_CA: tsas.map((t) => t.caPath).join(',') });
const offline = { ...base, GUZHENG_TSA: 'off' };

// The same behaviour on the embedded default (SQLite, a folder) and on an organisation's stores (PostgreSQL, S3).
describe.each(['sqlite', 'postgres'])('cases and items (%s)', (name) => {
  const home = tempHome();
  let caseId = '';
  let first: any;
  let b: Backend;
  let at: Record<string, string>;
  const queryDb = (_home: string, sql: string) => b.query(home, sql);
  const writeDb = (_home: string, sql: string) => b.write(home, sql);
  beforeAll(async () => {
    b = backends[name]!;
    at = await b.env(home);
  });

  it('case new / list; capture --case puts the item in that case and prints item, case and seal', async () => {
    const made = await runGuzheng(['case', 'new', '张三被诽谤案', '--json'], { ...offline, ...at });
    expect(made.code).toBe(0);
    caseId = made.json[0].case;
    const cap = await runGuzheng(['demo', '--no-video', '--json', '--case', caseId.slice(0, 13)], { ...offline, ...at });
    expect(cap.code).toBe(0);
    first = cap.json[0];
    expect(first).toMatchObject({ status: 'COMPLETE', case: caseId, seal: 'awaiting-timestamp' });
    expect(first.item).toMatch(/^[0-9a-f-]{36}$/);
    const list = await runGuzheng(['case', 'list', '--json'], { ...offline, ...at });
    expect(list.json[0].cases).toEqual([expect.objectContaining({ case: caseId, title: '张三被诽谤案', items: 1 })]);
  });

  it('without --case an item goes to the default case', async () => {
    const cap = await runGuzheng(['demo', '--no-video', '--json'], { ...online(), ...at });
    expect(cap.json[0].seal).toBe('timestamped');
    expect(cap.json[0].case).not.toBe(caseId);
    const show = await runGuzheng(['case', 'show', cap.json[0].case, '--json'], { ...offline, ...at });
    expect(show.json[0]).toMatchObject({ default: true, items: [expect.objectContaining({ item: cap.json[0].item, seal: 'timestamped' })] });
  });

  it('a capture that reaches a TSA also completes the earlier capture that was awaiting one', async () => {
    expect(await queryDb(home, `select seal_state from items where id = '${first.item}'`)).toEqual([{ seal_state: 'timestamped' }]);
    expect(await queryDb(home, `select path from artifacts where item_id = '${first.item}' and role = 'timestamp' order by path`)).toEqual([
      { path: 'seal/timestamps/tsa-1.tsr' }, { path: 'seal/timestamps/tsa-2.tsr' }]);
    expect(existsSync(join(first.dir, 'seal', 'timestamps', 'tsa-2.tsr'))).toBe(true);
  });

  it('records the post state and the counts the page shows at capture time as observations', async () => {
    expect(await queryDb(home, `select metric, value, state, source from observations where item_id = '${first.item}' order by metric`)).toEqual([
      { metric: 'comments', value: 234, state: null, source: 'post.json (dom.html (visible text: "评论 234"))' },
      { metric: 'likes', value: 1567, state: null, source: 'post.json (dom.html (visible text: "赞 1,567"))' },
      { metric: 'reads', value: 12345, state: null, source: 'post.json (dom.html (visible text: "阅读 12,345"))' },
      { metric: 'reposts', value: 678, state: null, source: 'post.json (dom.html (visible text: "转发 678"))' },
      { metric: 'state', value: null, state: 'normal', source: 'post.json (HTTP 200)' }]);
  });

  it('stores every artifact once by its SHA-256, read-only, and matching its bytes', async () => {
    const rows = await queryDb(home, 'select distinct a.sha256, a.size from artifacts a');
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const p = b.blobFile(home, r.sha256);
      expect(statSync(p).size).toBe(r.size);
      expect(fileHashes(p).sha256).toBe(r.sha256);
      // The folder's blobs are read-only; the bucket's objects are never written twice (a store of its own).
      if (name === 'sqlite') expect(statSync(p).mode & 0o222).toBe(0);
    }
    // The demo page's photo is the same bytes in both captures' WARCs' pages; the logo PNG… at least the demo
    // media is shared: fewer blobs than artifacts.
    const counts = (await queryDb(home, 'select (select count(*) from artifacts) as a, (select count(*) from blobs) as b'))[0];
    expect(counts.b).toBeLessThanOrEqual(counts.a);
  });

  it('case show, log and note', async () => {
    const show = await runGuzheng(['case', 'show', caseId], { ...offline, ...at });
    expect(show.stdout).toContain('张三被诽谤案');
    expect(show.stdout).toContain(first.item);
    const note = await runGuzheng(['note', first.item, '当事人于', '11月21日', '看到此帖'], { ...offline, ...at });
    expect(note.code).toBe(0);
    const log = await runGuzheng(['log', first.item, '--json'], { ...offline, ...at });
    expect(log.json.map((e: any) => e.type)).toEqual(['created', 'sealed', 'timestamped', 'timestamped', 'noted']);
    for (let i = 1; i < log.json.length; i++) expect(log.json[i].prev).toBe(log.json[i - 1].hash);
    expect(log.json[4].detail.text).toBe('当事人于 11月21日 看到此帖');
    const caseLog = await runGuzheng(['log', caseId, '--json'], { ...offline, ...at });
    expect(caseLog.json.map((e: any) => e.type)).toEqual(['created', 'created', 'sealed', 'timestamped', 'timestamped', 'noted']);
    const missing = await runGuzheng(['log', 'ffffffff'], { ...offline, ...at });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[E_NOT_FOUND]');
    const unknown = await runGuzheng(['capture', 'http://127.0.0.1:1/', '--case', 'ffffffff'], { ...offline, ...at });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[E_NOT_FOUND]');
  });

  it('show lists the files of the item with hashes and where to open them, and records a "viewed" event', async () => {
    const r = await runGuzheng(['show', first.item.slice(0, 18), '--json'], { ...offline, ...at });
    expect(r.code).toBe(0);
    const shot = r.json[0].files.find((f: any) => f.role === 'screenshot.full');
    expect(shot.open).toBe(join(first.dir, 'screenshot-full.png'));
    expect(statSync(shot.open).size).toBe(shot.size);
    expect(r.json[0].files.map((f: any) => f.role)).toEqual(expect.arrayContaining(['manifest', 'signature', 'timestamp', 'warc']));
    const log = await runGuzheng(['log', first.item, '--json'], { ...offline, ...at });
    expect(log.json.at(-1)).toMatchObject({ type: 'viewed' });
  });

  it('check passes on an intact vault and records a "verified" event', async () => {
    const r = await runGuzheng(['check', '--json', '--sm3'], { ...online(), ...at });
    expect(r.code).toBe(0);
    expect(r.json[0].valid).toBe(true);
    expect(r.json[0].checks.filter((c: any) => /tsa-\d\.tsr$/.test(c.name))).toHaveLength(4);
    const log = await runGuzheng(['log', first.item, '--json'], { ...offline, ...at });
    expect(log.json.at(-1)).toMatchObject({ type: 'verified', detail: { valid: true } });
  });

  it('check finds a damaged blob, and a modified or deleted custody event', async () => {
    const [row] = await queryDb(home, `select sha256 from artifacts where item_id = '${first.item}' and path = 'screenshot-viewport.png'`);
    const shot = b.blobFile(home, row.sha256);
    const original = readFileSync(shot);
    chmodSync(shot, 0o644);
    const flipped = Buffer.from(original);
    flipped[100] = flipped[100]! ^ 0x01;
    writeFileSync(shot, flipped);
    let r = await runGuzheng(['check', '--json'], { ...online(), ...at });
    expect(r.code).toBe(1);
    // The screenshot is byte-identical in both captures, so it is one blob, and both items report it.
    const failed = r.json[0].checks.filter((c: any) => !c.ok).map((c: any) => c.name);
    expect(failed).toContain('blobs');
    expect(failed).toContain(`item ${first.item}: files`);
    expect(failed.every((n: string) => n === 'blobs' || n.endsWith(': files'))).toBe(true);
    writeFileSync(shot, original);

    await writeDb(home, `update custody set detail = replace(detail, '"COMPLETE"', '"PARTIAL"') where stream = '${first.item}' and type = 'created'`);
    r = await runGuzheng(['check', '--json'], { ...online(), ...at });
    expect(r.code).toBe(1);
    const custody = r.json[0].checks.find((c: any) => c.name === `item ${first.item}: custody`);
    expect(custody).toMatchObject({ ok: false });
    expect(custody.detail).toContain('was modified');
    await writeDb(home, `update custody set detail = replace(detail, '"PARTIAL"', '"COMPLETE"') where stream = '${first.item}' and type = 'created'`);

    await writeDb(home, `delete from custody where stream = '${first.item}' and type = 'sealed'`);
    r = await runGuzheng(['check', '--json'], { ...online(), ...at });
    expect(r.json[0].checks.find((c: any) => c.name === `item ${first.item}: custody`).detail).toContain('removed, inserted or reordered');
  });
});

describe('migration', () => {
  it('an index from before the vault becomes items of the default case, marked legacy', async () => {
    const home = tempHome();
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(join(home, 'guzheng.db'));
    db.exec(`create table kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null);
      create table kysely_migration_lock (id varchar(255) not null primary key, is_locked integer default 0 not null);
      insert into kysely_migration_lock values ('migration_lock', 0);
      create table captures (id text primary key, url text not null, final_url text, status text not null, dir text, started_at text not null, ended_at text, manifest_sha256 text, pid integer, seal_state text);
      insert into kysely_migration values ('0001_captures', '2026-11-01'), ('0002_captures_pid', '2026-11-01'), ('0003_captures_seal_state', '2026-11-01');
      insert into captures values ('0190aaaa-0000-7000-8000-000000000001', 'https://example.org/', null, 'COMPLETE', '/old/dir', '2026-11-01T00:00:00.000Z', null, null, null, 'timestamped');`);
    db.close();
    const r = await runGuzheng(['case', 'list', '--json'], { ...offline, GUZHENG_HOME: home });
    expect(r.json[0].cases).toEqual([expect.objectContaining({ default: true, items: 1 })]);
    const check = await runGuzheng(['check', '--json'], { ...offline, GUZHENG_HOME: home });
    expect(check.code).toBe(0);
    expect(check.json[0].checks.find((c: any) => c.name.includes('0190aaaa')).detail).toContain('earlier version');
    expect(readdirSync(home)).toContain('blobs');
  });
});
