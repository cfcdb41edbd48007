/**
 * The documents sent before or outside court: the notice to the platform (民法典 1195), the application for the
 * poster's identity (信息网络侵权规定 第三条), the demand letter, and the application to a notary office to preserve
 * the web pages (民事诉讼法 第七十二条).
 */
import type { Doc } from './model.js';
import { blank, heading, line, orBlank, para } from './model.js';
import { assemble, evidenceTable, person, postParagraphs, posterName, quote, signature, toCourt, type DocInput } from './common.js';
import { platformName } from './evidence.js';
import { civilCauses, civilQuotes, harmParts, partFacts, partPosts, RIGHT_ZH, WHAT_IT_DID, type HarmPart } from './harms.js';
import { CIVIL_SPECS, piplApplies, type CivilHarm } from '../assess/civil-specs.js';

const VICTIM = ['name', 'idNumber', 'phone', 'address'];

export function platformNotice({ facts, evidence, date, watch }: DocInput): Doc {
  const platform = platformName(facts.poster?.platform ?? facts.acts[0]?.platform) ?? null;
  const parts = harmParts(facts, evidence).filter((p): p is HarmPart & { harm: CivilHarm } => p.harm !== 'public-order-rumour');
  const several = parts.length > 1;
  const rights = [...new Set(parts.map((p) => RIGHT_ZH[p.harm]))].join('、');
  const privacy = parts.find((p) => p.harm === 'privacy');
  const seen = new Set<number>();
  const body = [
    line('致：', orBlank(platform ? `${platform}（网络服务提供者）` : null, '平台名称'), '（投诉渠道：', blank('平台的侵权投诉入口或联系地址'), '）'),
    heading('一、通知人（权利人）的真实身份信息'),
    person('通知人', facts.victim, VICTIM),
    line('附：通知人身份证件复印件（', blank('附身份证件复印件'), '）。'),
    heading('二、侵权内容及其网址'),
    para('下列内容由网络用户', posterName(facts), `利用贵平台的网络服务发布，侵害了通知人的${rights || '名誉权'}：`),
    ...(several ? parts.flatMap((p, n) => [heading(`（${'一二三四五'[n]}）${p.zh}：侵害${RIGHT_ZH[p.harm]}`), ...partPosts(p, true, seen)]) : postParagraphs(evidence)),
    heading('三、构成侵权的初步证据'),
    para('上述内容的网页已由通知人取证固定，证据目录如下，截图附后；完整证据包可供核对：'),
    evidenceTable(evidence),
    ...(parts.length ? parts.map((p) => para(several ? `侵权理由（${p.zh}）：` : '侵权理由：', blank(`${WHAT_IT_DID[p.harm]}（请如实陈述）`))) : [para('侵权理由：', blank('说明上述内容哪些是捏造或歪曲的事实、为何损害您的名誉（请如实陈述）'))]),
    heading('四、要求采取的必要措施'),
    para('请贵平台依照《中华人民共和国民法典》第一千一百九十五条，及时对上述全部网址的内容采取删除、屏蔽、断开链接等必要措施，并将本通知转送相关网络用户；请将处理结果告知通知人。'),
    ...(privacy ? [para('上述内容公开了通知人的个人信息。贵平台处理（展示、传播）这些信息违反法律规定，请依照《中华人民共和国民法典》第一千零三十七条', ...(piplApplies(privacy.facts) ? ['和《中华人民共和国个人信息保护法》第四十七条'] : []), '及时删除；如拒绝，请说明理由。')] : []),
    quote('civil-code:1195'),
    ...(several || parts.some((p) => p.harm !== 'defamation') ? civilQuotes(parts, true) : []),
    heading('五、通知人声明'),
    para('通知人保证本通知内容真实，并知悉：因错误通知造成网络用户或者网络服务提供者损害的，应当承担侵权责任。'),
    ...signature('通知人', date),
  ];
  return assemble('侵权通知书', body, evidence, true, watch);
}

export function disclosureRequest({ facts, evidence, date, watch }: DocInput): Doc {
  const platform = platformName(facts.poster?.platform ?? facts.acts[0]?.platform);
  const body = [
    person('申请人（原告）', facts.victim, ['name', 'gender', 'idNumber', 'address', 'phone']),
    line({ strong: '被申请人（被告）：' }, platform ? `${platform}的运营者：` : '', blank('平台运营公司名称'), '，住所：', blank('平台运营公司住所'), '，法定代表人：', blank('法定代表人'), '。'),
    heading('请求事项'),
    para('请求人民法院责令被申请人提供能够确定下列网络账号使用者的姓名（名称）、联系方式、网络地址等信息：', posterName(facts), '。'),
    heading('事实与理由'),
    para(`申请人以${civilCauses(harmParts(facts, evidence)).join('、')}起诉被申请人。下列侵权内容系被申请人平台的网络用户发布，申请人无法得知其真实身份：`),
    ...postParagraphs(evidence),
    para('依照下列规定，申请人请求人民法院责令被申请人提供上述信息，以便申请人追加该网络用户为被告：'),
    quote('network-tort-rules:3'),
    heading('证据'),
    evidenceTable(evidence),
    ...toCourt(facts),
    ...signature('申请人', date),
  ];
  return assemble('用户信息披露申请书', body, evidence, true, watch);
}

export function demandLetter({ facts, evidence, date, watch }: DocInput): Doc {
  const parts = harmParts(facts, evidence).filter((p): p is HarmPart & { harm: CivilHarm } => p.harm !== 'public-order-rumour');
  const several = parts.length > 1;
  const rights = [...new Set(parts.map((p) => RIGHT_ZH[p.harm]))].join('、') || '名誉权';
  const seen = new Set<number>();
  const body = [
    line('致：', posterName(facts)),
    para('本人', orBlank(facts.victim?.name, '您的姓名'), `现就您发布侵害本人${rights}内容一事，正式告知如下：`),
    heading('一、您发布的内容'),
    ...(several ? parts.flatMap((p, n) => partFacts(p, true, n, seen)) : [...postParagraphs(evidence), para('上述内容', blank(parts[0] ? WHAT_IT_DID[parts[0].harm] : WHAT_IT_DID.defamation), '。')]),
    para(`上述内容已侵害本人的${rights}。相关网页已取证固定并加盖时间戳（见所附证据目录）。`),
    heading('二、本人的要求'),
    para('请您自收到本函之日起', blank('天数'), '日内：（一）删除上述全部内容；（二）在原发布平台以同等方式公开澄清并赔礼道歉；（三）赔偿本人为制止侵权支出的合理费用', blank('金额（元）'), '元及精神损害抚慰金', blank('金额（元）'), '元。'),
    heading('三、法律依据'),
    ...[...new Set(parts.length ? parts.flatMap((p) => CIVIL_SPECS[p.harm].right) : ['civil-code:1024'])].map(quote), quote('civil-code:995'),
    para('如您逾期不履行，本人将依法通知平台删除、向公安机关报案或向人民法院起诉，由此产生的一切后果由您承担。'),
    heading('证据目录'),
    evidenceTable(evidence),
    line('联系方式：', orBlank(facts.victim?.phone as string | undefined, '您的联系方式')),
    ...signature('告知人', date),
  ];
  return assemble('停止侵权告知函', body, evidence, true, watch);
}

export function notarizationRequest({ facts, evidence, date, watch }: DocInput): Doc {
  const body = [
    line('致：', orBlank(facts.notaryOffice, '公证处名称')),
    person('申请人', facts.victim, ['name', 'gender', 'idNumber', 'address', 'phone']),
    heading('申请公证事项'),
    para('申请对下列网页内容进行证据保全公证：在公证员监督下，使用公证处的设备和网络访问下列网址，对页面内容、发布者账号及主页、发布时间、IP属地、转发/评论/点赞/阅读数量及评论区内容进行截图、录屏和下载保存，并出具公证书。'),
    { kind: 'table' as const, columns: ['序号', '网址', '需要保全的内容'], widths: [6, 54, 40],
      rows: evidence.length ? evidence.map((e) => e.imported
        ? [[String(e.n)], [`${e.imported.carrier?.device ?? '申请人的手机或电脑'}中的原始记录（已导入的文件 ${e.imported.name}）`], [e.imported.kind === 'chat' ? '在原设备上登录并展示完整聊天记录、双方账号资料，截图、录屏' : '在原设备上展示原始文件及其来源，截图、录屏']]
        : [[String(e.n)], [orBlank(e.url, '网址')], ['帖子全文及图片视频、发布者信息、发布时间、IP属地、各项数量、前若干条评论']])
        : [[['1'], [blank('网址')], [blank('需要保全的内容')]]] },
    heading('用途'),
    para('用于', blank('用途，如：名誉权纠纷诉讼、刑事自诉'), '。经公证的事实，人民法院应当作为认定事实的根据：'),
    quote('civil-procedure:72'),
    para('申请人已自行取证（见下表），因内容可能被删除，请尽快办理：'),
    evidenceTable(evidence),
    ...signature('申请人', date),
  ];
  return assemble('证据保全公证申请书', body, evidence, false);
}
