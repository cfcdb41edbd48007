/**
 * guzheng import, chat exports: the four formats read into one message model, times as instants or in the zone
 * given (and said so), media kept and linked when the export folder is given, a transcript PDF with the hashes in
 * its footer, search and a recorded selection, and damaged exports refused with nothing stored. The exports are
 * SYNTHETIC, written to the real formats (test/fixtures/imports/README.md).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileHashes, queryDb, runGuzheng, tempHome } from './helpers.js';
import { writeZip } from '../src/package/zip-writer.js';

const CHAT = join(import.meta.dirname, 'fixtures', 'imports', 'chat');
const home = tempHome();
const env = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_HOME: home, GUZHENG_TSA: 'off' };
const work = mkdtempSync(join(tmpdir(), 'guzheng-chat-'));
const imp = async (...args: string[]) => {
  const r = await runGuzheng(['import', ...args, '--json'], env);
  return { ...r, o: r.json[0] };
};
const messages = (o: any) => JSON.parse(readFileSync(join(o.dir, 'messages.json'), 'utf8')).messages;
const flags = (o: any) => o.checks.filter((c: any) => c.result === 'flag').map((c: any) => c.id);

describe('guzheng import: chat exports', () => {
  let wechat: any;

  it('WeChatMsg CSV: every row a message with its Unix instant, sender, wxid and type; a transcript PDF with the hashes on every page', async () => {
    const file = join(CHAT, '张三_utf8.csv');
    const { code, o, stderr } = await imp(file);
    expect(code, stderr).toBe(0);
    wechat = o;
    expect(o).toMatchObject({ kind: 'chat', format: 'wechatmsg-csv', status: 'COMPLETE' });
    expect(o.summary).toMatchObject({ messages: 5, first: '2024-03-05T01:15:00.000Z', last: '2024-03-05T01:16:00.000Z', zoneAssumed: false, encoding: 'utf-8 (BOM)' });
    expect(o.summary.participants).toEqual([{ name: '张三', id: 'wxid_zhangsan001', messages: 4, isOwner: false }, { name: '我', id: 'wxid_me0001', messages: 1, isOwner: true }]);
    const m = messages(o);
    expect(m[0].text).toBe('你在群里说的\n不是事实');
    expect(m[1].text).toBe('请你删除那条帖子，它说我"偷东西"');
    expect(m.map((x: any) => x.type)).toEqual(['text', 'text', 'image', 'text', 'recall']);
    expect(o.files.map((f: any) => f.role).sort()).toEqual(['chat.messages', 'chat.transcript', 'import', 'original']);
    const text = execFileSync('pdftotext', ['-layout', join(o.dir, 'transcript.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('不是事实');
    expect(text).toContain('2024-03-05 09:15:00');
    expect(text).toContain(fileHashes(file).sha256);
    expect(text).toMatch(/1\s*\/\s*1/); // page number of pages
  });

  it('WeChatMsg HTML and TXT: the same conversation read from the other two forms (HTML instants; TXT local times, its ambiguity flagged)', async () => {
    const html = await imp(join(CHAT, '张三.html'));
    expect(html.code, html.stderr).toBe(0);
    expect(html.o).toMatchObject({ format: 'wechatmsg-html', summary: { title: '张三', messages: 4, zoneAssumed: false } });
    const h = messages(html.o);
    expect(h[0].text).toBe('你在群里说的\n不是事实 <真的>');
    expect(h[1]).toMatchObject({ text: "请你删除那条帖子，它说我'偷东西'", sender: { name: '我', isOwner: true } });
    expect(h[2]).toMatchObject({ type: 'image', media: [{ ref: 'image/abc.jpg' }] });
    expect(h[3].type).toBe('recall');
    const txt = await imp(join(CHAT, '张三.txt'));
    expect(txt.o).toMatchObject({ format: 'wechatmsg-txt', summary: { messages: 4, zoneAssumed: true, first: '2024-03-05T01:15:00.000Z' } });
    expect(messages(txt.o).map((m: any) => [m.sender.name, m.type])).toEqual([['张三', 'text'], ['我', 'text'], ['张三', 'image'], [null, 'recall']]);
    expect(flags(txt.o)).toContain('parse.note.1');
  });

  it('QQ text export: group, sender ids (QQ number, e-mail), local times read in the zone given, and said so', async () => {
    const a = await imp(join(CHAT, 'qq-group.txt'));
    expect(a.code, a.stderr).toBe(0);
    expect(a.o.summary).toMatchObject({ title: '某某维权群', messages: 3, first: '2024-03-05T01:15:00.000Z', zoneAssumed: true });
    const m = messages(a.o);
    expect(m[0]).toMatchObject({ sender: { name: '张三', id: '10001' }, text: '大家看看她做的好事\n第二行', time: { zone: 'Asia/Shanghai', zoneAssumed: true } });
    expect(m[1]).toMatchObject({ sender: { name: '李四', id: 'lisi@example.test' }, type: 'image' });
    expect(m[2].type).toBe('system');
    expect(a.o.checks.find((c: any) => c.id === 'time.zone')).toMatchObject({ result: 'info' });
    // The same file read as UTC+0 is another import of the same bytes: it is the same evidence, not stored twice.
    const b = await imp(join(CHAT, 'qq-group.txt'), '--tz', 'UTC');
    expect(b.o.status).toBe('duplicate');
  });

  it('flags mixed 12-hour and 24-hour times in one QQ export, reading both', async () => {
    const { o } = await imp(join(CHAT, 'qq-mixed.txt'));
    expect(o.status).toBe('COMPLETE');
    expect(flags(o)).toContain('parse.note.1');
    expect(messages(o).map((m: any) => m.time.utc)).toEqual(['2019-09-23T12:43:38.000Z', '2019-09-23T12:45:00.000Z']);
  });

  it('WhatsApp Android: day-first dates settled by the file, a multi-line message, a deleted one, an attachment not given flagged', async () => {
    const { o } = await imp(join(CHAT, 'WhatsApp Chat with 张三.txt'));
    expect(o).toMatchObject({ format: 'whatsapp-txt', status: 'COMPLETE' });
    expect(o.summary.variant).toBe('Android, day/month/year');
    const m = messages(o);
    expect(m[0]).toMatchObject({ type: 'system', sender: { name: null } });
    expect(m[2].text).toBe('第一行\n第二行: 还是同一条');
    expect(m[3]).toMatchObject({ type: 'image', time: { utc: '2024-03-13T13:05:00.000Z' }, media: [{ ref: 'IMG-20240313-WA0001.jpg' }] });
    expect(m[4].type).toBe('recall');
    expect(flags(o)).toContain('media.missing');
  });

  it('WhatsApp iOS: bracket form with seconds and AM/PM behind a narrow space; the day/month question flagged', async () => {
    const { o } = await imp(join(CHAT, '_chat.txt'));
    const m = messages(o);
    expect(m.map((x: any) => x.time.utc)).toEqual(['2024-03-05T01:15:07.000Z', '2024-03-05T13:16:00.000Z', '2024-03-06T02:00:00.000Z']);
    expect(m[1]).toMatchObject({ type: 'image', media: [{ ref: '00000012-PHOTO-2024-03-05-21-16-00.jpg' }] });
    expect(flags(o)).toContain('parse.note.1');
  });

  it('Telegram export folder: the media kept and hashed and linked to their message; a file the export left out is named', async () => {
    const folder = join(work, 'telegram');
    cpSync(join(CHAT, 'telegram'), folder, { recursive: true });
    writeFileSync(join(folder, 'notes.txt'), 'not part of the export\n');
    const { code, o, stderr, json } = await imp(folder);
    expect(code, stderr).toBe(0);
    expect(json).toHaveLength(1); // the folder is one chat, not one item per file
    expect(o).toMatchObject({ format: 'telegram-json', summary: { messages: 5, media: { referenced: 2, kept: 1, missing: 1 } } });
    const photo = messages(o)[1];
    const orig = fileHashes(join(folder, 'photos', 'photo_1@05-03-2024_09-15-30.jpg'));
    expect(photo.media[0]).toMatchObject({ ref: 'photos/photo_1@05-03-2024_09-15-30.jpg', file: { path: 'media/photos/photo_1@05-03-2024_09-15-30.jpg', sha256: orig.sha256 } });
    expect(o.files.find((f: any) => f.role === 'chat.media').sha256).toBe(orig.sha256);
    expect(messages(o)[2].text).toBe('看 https://example.test/post/1');
    expect(o.checks.find((c: any) => c.id === 'media.missing').en).toContain('File not included');
  });

  it('a WhatsApp export shared as a ZIP: the ZIP kept as the original, the chat found inside, its photo kept and linked', async () => {
    const photo = join(work, 'wa-photo.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=blue:s=64x64', '-frames:v', '1', photo]);
    const zip = join(work, 'WhatsApp Chat - 张三.zip');
    await writeZip(zip, [{ name: '_chat.txt', file: join(CHAT, '_chat.txt') }, { name: '00000012-PHOTO-2024-03-05-21-16-00.jpg', file: photo }], new Date('2024-03-06T00:00:00Z'));
    const { code, o, stderr } = await imp(zip);
    expect(code, stderr).toBe(0);
    expect(o).toMatchObject({ kind: 'chat', format: 'whatsapp-txt', status: 'COMPLETE', summary: { messages: 3, container: { type: 'zip', entry: '_chat.txt' }, media: { referenced: 1, kept: 1, missing: 0 } } });
    expect(o.files.find((f: any) => f.role === 'original')).toMatchObject({ path: 'original/WhatsApp Chat - 张三.zip', sha256: fileHashes(zip).sha256 });
    expect(messages(o)[1].media[0].file).toMatchObject({ path: 'media/00000012-PHOTO-2024-03-05-21-16-00.jpg', sha256: fileHashes(photo).sha256 });
    // Nothing unpacked is left behind in the vault's temporary folder.
    expect(readdirSync(join(home, 'tmp')).filter((n) => n.startsWith('unzip-'))).toEqual([]);
  });

  it('refuses a ZIP with no chat export in it, and a damaged ZIP, in words', async () => {
    const other = join(work, 'photos.zip');
    await writeZip(other, [{ name: 'a.txt', data: Buffer.from('just a note\n') }], new Date());
    const a = await imp(other);
    expect(a.code).toBe(1);
    expect(a.o.error.en).toContain('holds no chat export');
    const cut = join(work, 'cut.zip');
    writeFileSync(cut, readFileSync(other).subarray(0, 40));
    const b = await imp(cut);
    expect(b.code).toBe(1);
    expect(b.o.error.code).toBe('E_FORMAT');
  });

  it('guzheng chat: search, and a selection recorded in the custody log; a bad range is refused', async () => {
    const s = await runGuzheng(['chat', wechat.item, '--search', '人肉', '--json'], env);
    expect(s.code, s.stderr).toBe(0);
    expect(s.json[0]).toMatchObject({ found: 1, messages: [{ index: 4, text: '已转，人肉他' }] });
    const sel = await runGuzheng(['chat', wechat.item, '--select', '1-2,4', '--json'], env);
    expect(sel.code, sel.stderr).toBe(0);
    expect(sel.json[0].messages.map((m: any) => m.index)).toEqual([1, 2, 4]);
    const events = queryDb(home, `select type, detail from custody where stream = '${wechat.item}' order by seq`);
    expect(JSON.parse(events.at(-1).detail)).toMatchObject({ selection: { ranges: '1-2,4', indexes: [1, 2, 4] } });
    const listed = await runGuzheng(['case', 'show', wechat.case], env);
    expect(listed.stdout).toContain('导入的文件 / imported file: 张三_utf8.csv');
    const shown = await runGuzheng(['chat', wechat.item, '--json'], env);
    expect(shown.json[0].selection).toMatchObject({ ranges: '1-2,4' });
    const bad = await runGuzheng(['chat', wechat.item, '--select', '4-9'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('from 1 to 5');
  });

  it('guzheng chat --identity: what ties each other party to a person, and what is missing; links are checked and recorded', async () => {
    const first = await runGuzheng(['chat', wechat.item, '--identity', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json[0].parties).toEqual([{ party: { name: '张三', id: 'wxid_zhangsan001' }, have: [{ field: 'accountId', value: 'wxid_zhangsan001', source: 'chat export' }],
      missing: ['profile', 'payment', 'phone', 'realName'] }]);
    const phone = await runGuzheng(['chat', wechat.item, '--party', 'wxid_zhangsan001', '--link', 'phone=138 0000 0000', '--json'], env);
    expect(phone.code, phone.stderr).toBe(0);
    expect(phone.json[0].parties[0].missing).toEqual(['profile', 'payment', 'realName']);
    const notCapture = await runGuzheng(['chat', wechat.item, '--party', '张三', '--link', `profile=${wechat.item}`], env);
    expect(notCapture.code).toBe(2);
    expect(notCapture.stderr).toContain('must be a web capture');
    const nobody = await runGuzheng(['chat', wechat.item, '--party', 'wxid_nobody', '--link', 'phone=1380000'], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('the other parties are: wxid_zhangsan001');
  });

  it('the documents list the import with its provenance in 证据目录 and quote the chosen messages', async () => {
    // The DOCX's text, cell by cell (a PDF's table columns interleave when extracted).
    const docx = join(work, 'evidence-list.docx');
    const d = await runGuzheng(['doc', 'evidence-list', wechat.case, '--out', docx], env);
    expect(d.code, d.stderr).toBe(0);
    const list = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '').replace(/\s/g, '');
    expect(list).toContain('聊天记录（张三_utf8.csv）');
    expect(list).toContain(fileHashes(join(CHAT, '张三_utf8.csv')).sha256.slice(0, 20));
    expect(list).toContain('重点见第1-2,4条');
    const complaint = join(work, 'private-prosecution.pdf');
    expect((await runGuzheng(['doc', 'private-prosecution', wechat.case, '--out', complaint], env)).code).toBe(0);
    const text = execFileSync('pdftotext', [complaint, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    expect(text).toContain('第1-2,4条消息');
    expect(text).toContain('张三：“已转，人肉他”');
    expect(text).toContain('对方账号张三（wxid_zhangsan001）：已有账号IDwxid_zhangsan001、手机号码13800000000；尚缺主页取证（证据编号）、转账或付款记录（证据编号）、真实姓名');
  });

  it('refuses a truncated export and a folder of a thousand unknown files with clear errors, storing nothing', async () => {
    const before = queryDb(home, 'select count(*) as n from items')[0].n;
    const cut = join(work, 'result-cut.json');
    const whole = readFileSync(join(CHAT, 'telegram', 'result.json'));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const t = await imp(cut);
    expect(t.code).toBe(1);
    expect(t.o.error).toMatchObject({ code: 'E_FORMAT' });
    expect(t.o.error.en).toContain('truncated or damaged');
    const many = join(work, 'many');
    mkdirSync(many);
    for (let i = 0; i < 1000; i++) writeFileSync(join(many, `f${i}.dat`), `note ${i}\n`);
    const r = await runGuzheng(['import', many, '--json'], env);
    expect(r.code).toBe(1);
    expect(r.json).toHaveLength(1000);
    expect(r.json.every((o: any) => o.error?.code === 'E_FORMAT')).toBe(true);
    expect(queryDb(home, 'select count(*) as n from items')[0].n).toBe(before);
  });
});
