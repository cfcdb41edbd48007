/** Parts several documents share: parties, the posts, the evidence table, exhibits, the signature and the notes page. */
import { citeText, provision } from '../law/index.js';
import { NOT_LEGAL_ADVICE } from '../law/disclaimer.js';
import type { CaseFacts } from '../assess/facts.js';
import { countsText, platformName, VIEWPORT, type EvidenceEntry } from './evidence.js';
import { zhDate, zhDateTime, zhDatesIn } from './dates.js';
import { blank, collectBlanks, heading, line, orBlank, para, strong, type Block, type Doc, type Inline } from './model.js';

export interface DocInput {
  facts: CaseFacts;
  evidence: EvidenceEntry[];
  /** The day the document is dated (YYYY-MM-DD). */
  date: string;
  /** The case's watched posts: their table and chart (watch-exhibit.ts), or none. */
  watch?: Block[];
}

type Person = Record<string, unknown> | undefined;
const FIELD_ZH: Record<string, string> = {
  name: '姓名', gender: '性别', birthDate: '出生日期', age: '年龄', ethnicity: '民族', birthplace: '出生地', education: '文化程度', occupation: '职业', employer: '工作单位',
  address: '住址', phone: '联系方式', idNumber: '身份证号码', account: '网络账号', platform: '平台',
};

/** "姓名：张三，性别：【待填写：性别】，…" for the fields a filing requires. */
export function person(label: string, p: Person, fields: string[]): Block {
  const parts: Inline[] = [strong(`${label}：`)];
  fields.forEach((f, i) => {
    if (i) parts.push('，');
    parts.push(`${FIELD_ZH[f] ?? f}：`, orBlank(p?.[f] === undefined || p?.[f] === null ? null : String(p[f]), `${label}${FIELD_ZH[f] ?? f}`));
  });
  parts.push('。');
  return line(...parts);
}

/** The poster as the documents name them: the real name when identified, else the account on its platform. */
export function posterName(f: CaseFacts): Inline {
  if (f.poster?.name) return f.poster.name;
  if (f.poster?.account) return `${platformName(f.poster.platform) ?? ''}账号“${f.poster.account}”（真实身份不明）`;
  return blank('发帖人姓名或账号');
}

/** One paragraph per post: where, when, by whom, what it says, how far it spread. */
export function postParagraphs(evidence: EvidenceEntry[]): Block[] {
  if (!evidence.length) return [para(blank('侵权帖子的网址、发布时间、内容和传播情况（本案尚无证据，请先取证）'))];
  return evidence.map((e) => e.imported ? importedParagraph(e, e.imported) : para(
    `${e.n}. `, orBlank(e.publishedAt && zhDateTime(e.publishedAt), '发布时间'), '，', orBlank(e.author, '发布者'), e.authorId ? `（账号ID ${e.authorId}）` : '', '在', orBlank(e.platform, '平台'), '发布帖子（',
    orBlank(e.url, '网址'), '）', e.ipLocation ? `，显示IP属地为${e.ipLocation}` : '', '，内容为：“', orBlank(e.text ? e.text.slice(0, 300) : null, '帖子内容'), '”。',
    countsText(e) ? `截至取证时，该帖${countsText(e)}。` : '', e.state && e.state !== 'normal' ? `取证时页面状态：${e.state}。` : ''));
}

const KIND_ZH: Record<string, string> = { picture: '截图或照片', video: '录屏或视频', email: '电子邮件', chat: '聊天记录' };

/** Where an imported file came from, as its importer stated it ("设备：…；应用：…"). */
const carrierText = (c: Record<string, string> | null) => (c ? Object.entries(c).map(([k, v]) => `${({ device: '设备', os: '系统', app: '应用', appVersion: '应用版本', account: '账号', exportedBy: '导出人', exportedAt: '导出时间', originalKeptAt: '原件保存于', note: '备注' } as Record<string, string>)[k] ?? k}：${v}`).join('；') : '');

/** An imported file in the statement of facts: what it is, and for a chat the chosen messages, quoted with their time and sender. */
function importedParagraph(e: EvidenceEntry, m: NonNullable<EvidenceEntry['imported']>): Block {
  const what = `${e.n}. ${KIND_ZH[m.kind] ?? m.kind}（文件 ${m.name}${m.carrier?.device ? `，来自${m.carrier.device}` : ''}${m.carrier?.app ? `的${m.carrier.app}` : ''}）`;
  const who = (m.identity ?? []).map((p) => `对方账号 ${p.party}：${p.have.length ? `已有${p.have.join('、')}` : '尚无身份材料'}${p.missing.length ? `；尚缺${p.missing.join('、')}` : ''}。`).join('');
  if (m.kind === 'chat' && m.quotes?.length) {
    return para(what, `中，第 ${m.selection} 条消息：`, m.quotes.map((q) => `${q.utc ? zhDateTime(q.utc, { seconds: true }) : ''} ${q.sender ?? ''}：“${q.text.slice(0, 300)}”`).join('；'), '。', who);
  }
  if (m.kind === 'chat') return para(what, `，共 ${m.summary.messages ?? ''} 条消息，`, blank('说明其中哪些消息构成侵权（可用 guzheng chat --select 选定后自动引用）'), '。', who);
  if (m.kind === 'email') return para(what, `：发件人 ${(m.summary.from ?? []).map((a: { address: string | null }) => a.address).join('、')}，主题“${m.summary.subject ?? ''}”${m.summary.date?.utc ? `，发送时间 ${zhDateTime(m.summary.date.utc)}` : ''}，内容为`, blank('邮件中的侵权内容'), '。');
  return para(what, '显示：', blank('截图或录屏显示的内容'), '。');
}

/** Capture and timestamp times, to the second, so that a reader can match them against the evidence package. */
const exact = (iso: string) => `${zhDateTime(iso, { seconds: true })}（北京时间）`;

const tsText = (e: EvidenceEntry): Inline => !e.timestamp ? blank('时间戳（未经本工具取证）')
  : e.timestamp.state === 'timestamped' ? `可信时间戳 ${e.timestamp.genTime ? exact(e.timestamp.genTime) : ''}${e.timestamp.tsa ? `（${e.timestamp.tsa}）` : ''}` : '已签名，尚待加盖时间戳';

/** 证据目录: 序号、证据名称、来源、证明对象、页码, with each item's capture time, hash and timestamp. */
export function evidenceTable(evidence: EvidenceEntry[], exhibitsFrom = 1): Block {
  const rows: Inline[][][] = evidence.map((e, i) => e.imported ? importedRow(e, e.imported, e.screenshot ? `附件第 ${exhibitsFrom + i} 页` : '—') : [
    [String(e.n)],
    e.item ? [`${e.platform ?? '网页'}帖子网页取证（${e.author ?? '发布者不详'}）：网页截图、网页存档（WARC）、页面快照及事实记录`]
      : [`${e.platform ?? '网页'}帖子（${e.url ?? '网址不详'}）：`, blank('证据形式（如截图、录屏、公证书）')],
    e.item ? [`本人使用开源工具 guzheng（固证）于${e.capturedAt ? ` ${exact(e.capturedAt)}` : ''}自行取证；证据编号 ${e.item}；清单 SHA-256：${e.manifestSha256 ?? ''}；`, tsText(e)] : [blank('证据来源（取证时间、方式、保存位置）')],
    ['证明涉案内容的存在、发布者、发布时间及传播范围（浏览、转发等数量）'],
    [e.screenshot ? `附件第 ${exhibitsFrom + i} 页` : blank('页码')],
  ]);
  if (!rows.length) rows.push([[blank('序号')], [blank('证据名称')], [blank('证据来源')], [blank('证明对象')], [blank('页码')]]);
  return { kind: 'table', columns: ['序号', '证据名称', '证据来源', '证明对象', '页码'], widths: [8, 25, 39, 19, 10], rows, small: true };
}

/** A row of the 证据目录 for an imported file: what it is, where it came from as stated, and how it was fixed. */
function importedRow(e: EvidenceEntry, m: NonNullable<EvidenceEntry['imported']>, page: string): Inline[][] {
  const proves = m.kind === 'chat' ? `证明对方发送的消息内容及时间${m.selection ? `（重点见第 ${m.selection} 条）` : ''}`
    : m.kind === 'email' ? `证明邮件的发件人、发送时间和内容${(m.summary.signatures ?? []).some((s: { result: string }) => s.result === 'pass') ? '（DKIM 签名核对通过）' : ''}` : `证明${KIND_ZH[m.kind] ?? '文件'}所示的内容`;
  return [
    [String(e.n)],
    [`${KIND_ZH[m.kind] ?? m.kind}（${m.name}）：原始文件${m.kind === 'chat' ? '、逐条记录及 PDF 记录' : m.kind === 'email' ? '、附件及 DNS 公钥记录' : ''}`],
    [`本人于${e.capturedAt ? ` ${exact(e.capturedAt)}` : ''}使用开源工具 guzheng（固证）导入${m.carrier ? `；来源（本人陈述）：${carrierText(m.carrier)}` : ''}；原始文件 SHA-256：${m.sha256}；证据编号 ${e.item}；清单 SHA-256：${e.manifestSha256 ?? ''}；`, tsText(e),
      ...(m.flags.length ? [`；需核查：${m.flags.join('；')}`] : [])],
    [proves],
    [page],
  ];
}

/**
 * Each item's first-screen screenshot, one per page, with a caption naming what it shows and how it was fixed: the
 * framed screenshot (its band shows the address, the time, the item and the raw file's SHA-256) when there is one.
 */
export function exhibits(evidence: EvidenceEntry[]): Block[] {
  return evidence.filter((e) => e.screenshot).map((e, i) => {
    const s = e.screenshot!;
    if (e.imported) {
      return { kind: 'exhibit' as const, png: s.png, width: s.width, height: s.height,
        caption: `附件第 ${i + 1} 页 · 证据 ${e.n}：导入的${KIND_ZH[e.imported.kind] ?? '图片'} ${e.imported.name}（原始文件，未作改动），${e.capturedAt ? exact(e.capturedAt) : ''}由 guzheng 导入；证据编号 ${e.item}；原始文件 SHA-256 ${e.imported.sha256}；清单 SHA-256 ${e.manifestSha256 ?? ''}。可用 guzheng verify 离线核对。` };
    }
    const what = s.framed ? `带取证信息栏的网页首屏截图（上方信息栏显示网址、取证时间、证据编号和原始截图的 SHA-256）` : '网页截图（首屏）';
    const raw = s.rawSha256 ? `原始截图 ${VIEWPORT.raw.path} 的 SHA-256 ${s.rawSha256}；` : '';
    return {
      kind: 'exhibit' as const, png: s.png, width: s.width, height: s.height,
      caption: `附件第 ${i + 1} 页 · 证据 ${e.n}：${e.url ?? ''} 的${what}，${e.capturedAt ? exact(e.capturedAt) : ''}由 guzheng 取证；证据编号 ${e.item}；${raw}清单 SHA-256 ${e.manifestSha256 ?? ''}。完整证据（网页存档、视频、哈希和时间戳）见证据包，可用 guzheng verify 离线核对。`,
    };
  });
}

export function quote(id: string): Block {
  return line({ strong: `${zhDatesIn(citeText(id))}：` }, `“${provision(id).text.replace(/\n/g, '……')}”`);
}

/** 此致 and the court, or a blank naming it. */
export function toCourt(f: CaseFacts, what = '受理法院名称'): Block[] {
  return [line('此致'), line(orBlank(f.court, what))];
}

export function signature(role: string, date: string): Block[] {
  return [line(''), { kind: 'para', align: 'right', parts: [`${role}：`, blank(`${role}签名`)] }, { kind: 'para', align: 'right', parts: [zhDate(date)] }];
}

/** Puts a document together: its body, the exhibits, and a last page for the user (to remove before filing). */
export function assemble(title: string, body: Block[], evidence: EvidenceEntry[], withExhibits = true, watch: Block[] = []): Doc {
  const blanks = collectBlanks(body);
  const notes: Block[] = [
    { kind: 'pageBreak' }, heading('填写说明（提交前请删除本页）/ Notes for you — remove this page before filing'),
    line(`本文件由 guzheng 根据案件事实和证据生成。黄色标出的【待填写】处是本工具无法知道的内容，共 ${blanks.length} 处，请逐一填写，不要留空或随意编造：`),
    ...(blanks.length ? [line(blanks.map((b, i) => `${i + 1}. ${b}`).join('；'))] : [line('（没有待填写的内容）')]),
    line(`${NOT_LEGAL_ADVICE.zh}`), { kind: 'para', parts: [NOT_LEGAL_ADVICE.en], small: true },
  ];
  return { title, blocks: [{ kind: 'title', text: title }, ...body, ...(withExhibits ? exhibits(evidence) : []), ...(withExhibits ? watch : []), ...notes], blanks };
}
