/**
 * The filings: the report to the police (治安管理处罚法 of the act's day), the civil complaint (民事诉讼法 第一百二十四条),
 * the private prosecution (刑诉法解释 第三百一十九条) and the evidence list. The seriousness and the law applied come
 * from the same assessment `guzheng assess` prints.
 */
import { cite, provision } from '../law/index.js';
import { seriousness } from '../assess/seriousness.js';
import { insultSeriousness } from '../assess/seriousness-harms.js';
import type { Block, Doc, Inline } from './model.js';
import { blank, heading, line, orBlank, para } from './model.js';
import { assemble, evidenceTable, person, postParagraphs, posterName, quote, signature, toCourt, type DocInput } from './common.js';
import { platformName } from './evidence.js';
import { zhDate, zhDatesIn } from './dates.js';
import { civilCauses, civilQuotes, harmParts, partFacts, partPosts, policeQuotes, RIGHT_ZH, type HarmPart } from './harms.js';
import type { CivilHarm } from '../assess/civil-specs.js';
import { inForce, LAWS } from '../law/index.js';

const PARTY_124 = ['name', 'gender', 'age', 'ethnicity', 'occupation', 'employer', 'address', 'phone'];
const DEFENDANT_124 = ['name', 'gender', 'employer', 'address'];
const PARTY_319 = ['name', 'gender', 'age', 'ethnicity', 'birthplace', 'education', 'occupation', 'employer', 'address', 'phone'];

const CONSEQUENCE_ZH: Record<string, string> = { 'mental-disorder': '精神失常', 'self-harm': '自残', suicide: '自杀' };

function consequencesText(d: DocInput) {
  const c = d.facts.consequences;
  return c === undefined ? blank('造成的后果（如精神失常、自残、就医、工作和生活受到的影响）') : c?.length ? `造成被害人${c.map((x) => CONSEQUENCE_ZH[x]).join('、')}等严重后果` : blank('造成的影响');
}

/** What the police are asked to do about one harm, and the provisions it rests on (quoted once each, after all requests). */
function policeRequest(p: HarmPart, several: boolean): { asks: Block[]; law: string[] } {
  const ids = policeQuotes(p);
  const named = ids.length ? ids.map((id) => `《中华人民共和国治安管理处罚法》（${zhDatesIn(provision(id).law.version)}）${cite(id).article}`).join('、') : null;
  const head = several ? `${p.zh}：` : '';
  if (p.harm === 'portrait') return { asks: [para(head, '侵害肖像权属于民事侵权，报案人将另行通过通知平台或民事诉讼解决；如同时构成侮辱、诽谤，请一并处理。')], law: [] };
  const act = { defamation: '公然侮辱、诽谤他人', insult: '公然侮辱他人', privacy: '散布他人隐私、非法提供他人个人信息', 'threat-abuse': '威胁他人人身安全、多次发送侮辱恐吓信息干扰他人正常生活', 'public-order-rumour': '散布谣言扰乱公共秩序' }[p.harm];
  const crime = { defamation: '如查明其行为已达到刑法第二百四十六条规定的“情节严重”并严重危害社会秩序，请依法立案侦查。', insult: '如查明其行为已达到刑法第二百四十六条规定的“情节严重”并严重危害社会秩序，请依法立案侦查。',
    privacy: '如查明其行为已达到刑法第二百五十三条之一规定的“情节严重”，请依法以侵犯公民个人信息罪立案侦查。', 'threat-abuse': '如查明其行为情节恶劣、破坏社会秩序，请依法以寻衅滋事罪立案侦查。',
    'public-order-rumour': '如查明其行为造成公共秩序严重混乱，请依法以寻衅滋事罪立案侦查。' }[p.harm];
  const day = p.facts.acts.map((a) => a.end ?? a.start).filter((x): x is string => Boolean(x)).sort().at(-1);
  const noContact = p.harm === 'threat-abuse' && day && inForce(LAWS.publicSecurity2025, day);
  return {
    asks: [
      para(head, '请求贵局依法立即立案调查，查明被举报人身份，依照', named ?? blank('适用的治安管理处罚法条文（取决于行为日期）'), `对其${act}的行为给予处罚；${crime}`),
      ...(noContact ? [para('被举报人反复滋扰、纠缠报案人，请求贵局依照《中华人民共和国治安管理处罚法》第五十条第二款，责令其在一定期限内禁止接触报案人。')] : []),
    ],
    law: [...ids, ...(noContact ? ['public-security-2025:50-2'] : []),
      ...(p.harm === 'privacy' ? ['criminal-law:253.1', 'personal-information-interpretation-2017:3'] : p.harm === 'threat-abuse' || p.harm === 'public-order-rumour' ? ['defamation-interpretation-2013:5'] : [])],
  };
}

export function policeReport(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const parts = harmParts(facts, evidence);
  const several = parts.length > 1;
  const seen = new Set<number>();
  const requests = parts.map((p) => policeRequest(p, several));
  const body = [
    line('致：', orBlank(facts.policeStation, '公安机关名称')),
    person('报案人', facts.victim, ['name', 'gender', 'idNumber', 'address', 'phone']),
    line({ strong: '被举报人：' }, posterName(facts), facts.poster?.account ? `，网络账号：${facts.poster.account}` : '', facts.poster?.platform ? `（${platformName(facts.poster.platform)}）` : '', '。'),
    ...(several ? [line({ strong: '被举报的行为：' }, parts.map((p) => p.zh).join('、'), '。')] : []),
    heading('一、事实经过'),
    ...parts.flatMap((p, n) => partFacts(p, several, n, seen)),
    para('上述行为', consequencesText(d), '。'),
    heading('二、证据'),
    evidenceTable(evidence),
    heading('三、请求事项'),
    ...requests.flatMap((r) => r.asks),
    ...[...new Set(requests.flatMap((r) => r.law))].map(quote),
    quote('public-security-2025:90'),
    ...signature('报案人', date),
  ];
  return assemble('报案材料', body, evidence, true, watch);
}

/** The claims a civil complaint adds for a harm beyond reputation. */
const CLAIM_ZH: Partial<Record<CivilHarm, string>> = {
  privacy: '判令被告立即删除其公开的原告个人信息和私密信息，停止侵害原告的隐私权和个人信息权益；',
  portrait: '判令被告立即停止使用并删除其使用、丑化或伪造的原告肖像；',
  'threat-abuse': '判令被告立即停止以威胁、辱骂、骚扰等方式侵扰原告的私人生活安宁；',
};

export function civilComplaint(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const unknown = facts.poster?.identified === false;
  const platform = platformName(facts.poster?.platform ?? facts.acts[0]?.platform);
  const parts = harmParts(facts, evidence).filter((p): p is HarmPart & { harm: CivilHarm } => p.harm !== 'public-order-rumour');
  const several = parts.length > 1;
  const causes = civilCauses(parts);
  const reputation = parts.some((p) => p.harm === 'defamation' || p.harm === 'insult');
  const claims: Inline[][] = [
    ['判令被告立即删除其发布的侵权内容（网址见下文及证据目录）；'],
    ...parts.flatMap((p) => (CLAIM_ZH[p.harm] ? [[CLAIM_ZH[p.harm]!]] : [])),
    ['判令被告在', orBlank(platformName(facts.acts[0]?.platform), '原发布平台'), `以同等方式公开赔礼道歉、消除影响${reputation ? '、恢复原告名誉' : ''}，持续时间不少于`, blank('天数'), '日；'],
    ['判令被告赔偿原告为制止侵权支出的合理费用', blank('金额（元），如取证、公证费用'), '元；'],
    ['判令被告赔偿原告精神损害抚慰金', blank('金额（元）'), '元；'],
    ['本案诉讼费用由被告承担。'],
    ...(unknown ? [['责令被告提供发布上述内容的网络用户的姓名（名称）、联系方式、网络地址等信息。']] : []),
  ];
  const numbered = claims.map((c, k) => para(`${k + 1}. `, ...c));
  const rights = [...new Set(parts.map((p) => RIGHT_ZH[p.harm]))].join('、');
  const seen = new Set<number>();
  const body = [
    person('原告', facts.victim, PARTY_124),
    unknown
      ? line({ strong: '被告：' }, platform ? `${platform}的运营者：` : '', blank('平台运营公司名称'), '，住所：', blank('平台运营公司住所'), '，法定代表人：', blank('法定代表人'), '。（发帖人真实身份不明，先起诉平台，并申请责令其披露发帖人信息。）')
      : person('被告', facts.poster as Record<string, unknown>, DEFENDANT_124),
    line({ strong: '案由：' }, causes.join('、')),
    heading('诉讼请求'),
    ...numbered,
    heading('事实与理由'),
    ...parts.flatMap((p, n) => [...partFacts(p, several, n, seen), ...(several ? [para(`被告的上述行为侵害了原告的${RIGHT_ZH[p.harm]}：`), ...civilQuotes([p], false)] : [])]),
    para('上述行为', consequencesText(d), '。'),
    para(`被告的行为侵害了原告的${rights}。依照下列规定，原告提出上述诉讼请求：`),
    ...(several ? [] : civilQuotes(parts, false)),
    quote('civil-code:1194'), quote('civil-code:995'), quote('civil-code:1183'), quote('network-tort-rules:12'),
    ...(unknown ? [quote('network-tort-rules:3')] : []),
    heading('证据和证据来源，证人姓名和住所'),
    evidenceTable(evidence),
    line('证人：', blank('证人姓名和住所（没有证人请写“无”）')),
    ...toCourt(facts),
    ...signature('具状人', date),
    line('附：本起诉状副本', blank('份数（按被告人数）'), '份；证据材料', String(evidence.length), '份。'),
  ];
  return assemble('民事起诉状', body, evidence, true, watch);
}

/** One crime of 刑法 246 in a private prosecution: its means, its circumstances (情节) and its law. */
function crimePart(p: HarmPart, several: boolean, n: number, seen: Set<number>): Block[] {
  const insult = p.harm === 'insult';
  const serious = insult ? insultSeriousness(p.facts) : seriousness(p.facts);
  const met = serious.conditions.slice(1).filter((c) => c.met === true && c.kind === 'part');
  return [
    ...(several ? [heading(`（${'一二'[n]}）${insult ? '侮辱罪' : '诽谤罪'}`)] : []),
    para(insult ? '犯罪手段：被告人在信息网络上公然侮辱自诉人，具体如下：' : '犯罪手段：被告人在信息网络上散布捏造的损害自诉人名誉的事实，具体如下：'),
    ...partPosts(p, several, seen),
    para('情节：', met.length ? met.map((c) => zhDatesIn(c.detail.split(' / ')[0]!)).join('；') : blank(insult ? '达到“情节严重”的事实（如侮辱的手段、次数、传播范围和造成的后果）' : '达到“情节严重”的事实（如浏览五千次、转发五百次以上）'), '。'),
    ...(insult ? [] : [quote('defamation-interpretation-2013:2')]),
  ];
}

export function privateProsecution(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const all = harmParts(facts, evidence);
  const crimes = all.filter((p) => p.harm === 'defamation' || p.harm === 'insult');
  const others = all.filter((p) => !crimes.includes(p));
  const names = crimes.map((p) => (p.harm === 'insult' ? '侮辱罪' : '诽谤罪'));
  const charge = names.length ? names.join('、') : null;
  // The time and place of the crimes charged, not of the other harms.
  const charged = crimes.length ? [...new Set(crimes.flatMap((p) => p.facts.acts))] : facts.acts;
  const seen = new Set<number>();
  const body = [
    person('自诉人', facts.victim, PARTY_319),
    person('被告人', facts.poster as Record<string, unknown>, PARTY_319),
    line({ strong: '案由：' }, orBlank(charge, '罪名（侮辱罪、诽谤罪由被害人自诉；其他侵害请向公安机关报案）')),
    heading('诉讼请求'),
    para('依法追究被告人', orBlank(charge, '罪名'), '的刑事责任。'),
    heading('事实与理由'),
    para('犯罪时间：', orBlank(charged.map((a) => a.start).filter((x): x is string => Boolean(x)).sort().map(zhDate)[0] ?? null, '最早发布时间'), '起；犯罪地点：', orBlank(platformName(charged[0]?.platform), '网络平台'),
      '（信息网络），被害人被侵害时所在地：', blank('您当时所在的城市'), '。'),
    ...crimes.flatMap((p, n) => crimePart(p, crimes.length > 1, n, seen)),
    para('危害后果：', consequencesText(d), '。'),
    ...(others.length ? [para(`此外，被告人还实施了${others.map((p) => p.zh).join('、')}的行为。这些行为不属于告诉才处理的案件，自诉人另行向公安机关报案或提起民事诉讼。`)] : []),
    para('被告人的行为已构成', orBlank(charge, '罪名'), '。依照下列规定，自诉人向贵院提起自诉：'),
    quote('criminal-law:246'),
    para('如自诉人提供证据确有困难，请求人民法院依照刑法第二百四十六条第三款要求公安机关提供协助。'),
    quote('criminal-law:246-3'),
    heading('证据的名称、来源'),
    evidenceTable(evidence),
    line('证人的姓名、住址、联系方式：', blank('证人信息（没有证人请写“无”）')),
    ...toCourt(facts, '致送的人民法院'),
    ...signature('自诉人', date),
    line('附：本自诉状副本', blank('份数（按被告人人数）'), '份。'),
  ];
  return assemble('刑事自诉状', body, evidence, true, watch);
}

export function evidenceList({ facts, evidence, date, watch }: DocInput): Doc {
  const body = [
    line({ strong: '提交人：' }, orBlank(facts.victim?.name, '提交人姓名')),
    line({ strong: '案由：' }, blank('案由（如：名誉权纠纷、诽谤罪）')),
    evidenceTable(evidence),
    para('说明：以上电子数据由提交人使用开源工具 guzheng（固证）自行取证。每件证据包含网页存档（WARC）、截图、页面快照、取证过程记录（及录像，如已录制）、文件清单及其 SHA-256 与 SM3 值、数字签名，以及 RFC 3161 可信时间戳（如已取得）；可用 guzheng verify 或证据包中的 verify.html 离线核对，任何改动都会被发现。'),
    ...(evidence.some((e) => e.imported) ? [para('导入的文件（截图、录屏、电子邮件、聊天记录导出）原样保存原始文件，并记录导入人陈述的来源（设备、应用、导出人、原件保存位置）、文件自身记载的时间与设备信息及核查结果；哈希、签名和时间戳只能证明导入后未被改动。原始手机、电脑或邮箱仍由提交人保存，可供当庭核对。')] : []),
    quote('civil-evidence-rules:93'), quote('internet-courts-rules:11'),
    ...signature('提交人', date),
  ];
  return assemble('证据目录', body, evidence, true, watch);
}
