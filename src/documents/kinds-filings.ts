/**
 * The filings: the report to the police (治安管理处罚法 of the act's day), the civil complaint (民事诉讼法 第一百二十四条),
 * the private prosecution (刑诉法解释 第三百一十九条) and the evidence list. The seriousness and the law applied come
 * from the same assessment `guzheng assess` prints.
 */
import { provision, publicSecurityLawOn } from '../law/index.js';
import { seriousness } from '../assess/seriousness.js';
import type { Doc } from './model.js';
import { blank, heading, line, orBlank, para } from './model.js';
import { assemble, evidenceTable, person, postParagraphs, posterName, quote, signature, toCourt, type DocInput } from './common.js';
import { platformName } from './evidence.js';
import { zhDate, zhDatesIn } from './dates.js';

const PARTY_124 = ['name', 'gender', 'age', 'ethnicity', 'occupation', 'employer', 'address', 'phone'];
const DEFENDANT_124 = ['name', 'gender', 'employer', 'address'];
const PARTY_319 = ['name', 'gender', 'age', 'ethnicity', 'birthplace', 'education', 'occupation', 'employer', 'address', 'phone'];

const CONSEQUENCE_ZH: Record<string, string> = { 'mental-disorder': '精神失常', 'self-harm': '自残', suicide: '自杀' };

function consequencesText(d: DocInput) {
  const c = d.facts.consequences;
  return c === undefined ? blank('造成的后果（如精神失常、自残、就医、工作和生活受到的影响）') : c?.length ? `造成被害人${c.map((x) => CONSEQUENCE_ZH[x]).join('、')}等严重后果` : blank('造成的影响');
}

export function policeReport(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const day = facts.acts.map((a) => a.end ?? a.start).filter((x): x is string => Boolean(x)).sort().at(-1);
  const law = day ? publicSecurityLawOn(day) : null;
  const body = [
    line('致：', orBlank(facts.policeStation, '公安机关名称')),
    person('报案人', facts.victim, ['name', 'gender', 'idNumber', 'address', 'phone']),
    line({ strong: '被举报人：' }, posterName(facts), facts.poster?.account ? `，网络账号：${facts.poster.account}` : '', facts.poster?.platform ? `（${platformName(facts.poster.platform)}）` : '', '。'),
    heading('一、事实经过'),
    ...postParagraphs(evidence),
    para('上述内容', blank('说明哪些是捏造的事实或侮辱性言辞'), '，', consequencesText(d), '。'),
    heading('二、证据'),
    evidenceTable(evidence),
    heading('三、请求事项'),
    para('请求贵局依法立即立案调查，查明被举报人身份，依照', law ? `《中华人民共和国治安管理处罚法》（${zhDatesIn(law.law.version)}）${provision(law.offence).article}` : blank('适用的治安管理处罚法条文（取决于行为日期）'),
      '对其公然侮辱、诽谤他人的行为给予处罚；如查明其行为已达到刑法第二百四十六条规定的“情节严重”并严重危害社会秩序，请依法立案侦查。'),
    ...(law ? [quote(law.offence)] : []),
    quote('public-security-2025:90'),
    ...signature('报案人', date),
  ];
  return assemble('报案材料', body, evidence, true, watch);
}

export function civilComplaint(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const unknown = facts.poster?.identified === false;
  const platform = platformName(facts.poster?.platform ?? facts.acts[0]?.platform);
  const body = [
    person('原告', facts.victim, PARTY_124),
    unknown
      ? line({ strong: '被告：' }, platform ? `${platform}的运营者：` : '', blank('平台运营公司名称'), '，住所：', blank('平台运营公司住所'), '，法定代表人：', blank('法定代表人'), '。（发帖人真实身份不明，先起诉平台，并申请责令其披露发帖人信息。）')
      : person('被告', facts.poster as Record<string, unknown>, DEFENDANT_124),
    line({ strong: '案由：' }, '名誉权纠纷'),
    heading('诉讼请求'),
    para('1. 判令被告立即删除其发布的侵权内容（网址见下文及证据目录）；'),
    para('2. 判令被告在', orBlank(platformName(facts.acts[0]?.platform), '原发布平台'), '以同等方式公开赔礼道歉、消除影响、恢复原告名誉，持续时间不少于', blank('天数'), '日；'),
    para('3. 判令被告赔偿原告为制止侵权支出的合理费用', blank('金额（元），如取证、公证费用'), '元；'),
    para('4. 判令被告赔偿原告精神损害抚慰金', blank('金额（元）'), '元；'),
    para('5. 本案诉讼费用由被告承担。'),
    ...(unknown ? [para('6. 责令被告提供发布上述内容的网络用户的姓名（名称）、联系方式、网络地址等信息。')] : []),
    heading('事实与理由'),
    ...postParagraphs(evidence),
    para('上述内容', blank('说明哪些内容是捏造或歪曲的事实、为何贬损原告名誉'), '，', consequencesText(d), '。'),
    para('被告的行为侵害了原告的名誉权。依照下列规定，原告提出上述诉讼请求：'),
    quote('civil-code:1024'), quote('civil-code:1194'), quote('civil-code:995'), quote('civil-code:1183'), quote('network-tort-rules:12'),
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

export function privateProsecution(d: DocInput): Doc {
  const { facts, evidence, date, watch } = d;
  const serious = seriousness(facts);
  const met = serious.conditions.slice(1).filter((c) => c.met === true);
  const body = [
    person('自诉人', facts.victim, PARTY_319),
    person('被告人', facts.poster as Record<string, unknown>, PARTY_319),
    line({ strong: '案由：' }, '诽谤罪'),
    heading('诉讼请求'),
    para('依法追究被告人诽谤罪的刑事责任。'),
    heading('事实与理由'),
    para('犯罪时间：', orBlank(facts.acts.map((a) => a.start).filter((x): x is string => Boolean(x)).sort().map(zhDate)[0] ?? null, '最早发布时间'), '起；犯罪地点：', orBlank(platformName(facts.acts[0]?.platform), '网络平台'),
      '（信息网络），被害人被侵害时所在地：', blank('您当时所在的城市'), '。'),
    para('犯罪手段：被告人在信息网络上散布捏造的损害自诉人名誉的事实，具体如下：'),
    ...postParagraphs(evidence),
    para('情节：', met.length ? met.map((c) => zhDatesIn(c.detail.split(' / ')[0]!)).join('；') : blank('达到“情节严重”的事实（如浏览五千次、转发五百次以上）'), '。'),
    para('危害后果：', consequencesText(d), '。'),
    para('被告人的行为已构成诽谤罪。依照下列规定，自诉人向贵院提起自诉：'),
    quote('criminal-law:246'), quote('defamation-interpretation-2013:2'),
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
