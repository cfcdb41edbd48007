/**
 * The civil routes of a harm: a notice to the platform (民法典 1195), a demand letter, and a civil suit for the right
 * the harm infringes (名誉权, 隐私权和个人信息, 肖像权; the peace of private life for threats and harassment). What differs
 * by harm is in civil-specs.ts. Each lists its conditions with their kind; rule.ts turns them into the answer.
 * - platform notice requires a post with a URL; the preliminary evidence and the victim's identity are what the
 *   notice must include (notes: the victim supplies them, they do not close the route);
 * - demand letter requires a way to reach the poster (an identified person, or the account);
 * - civil suit requires an act: a defendant always exists (the poster, or the platform, which can be ordered to
 *   disclose the poster); the damages period is a note, since stopping and apology never expire.
 */
import { cite } from '../law/index.js';
import { addYears } from './dates.js';
import type { CaseFacts } from './facts.js';
import { actsKnown, route } from './rule.js';
import { CIVIL_SPECS, type CivilSpec } from './civil-specs.js';
import { t, type Condition, type Deadline, type Route } from './types.js';

export function platformNotice(f: CaseFacts, spec: CivilSpec = CIVIL_SPECS.defamation): Route {
  const withUrl = f.acts.filter((a) => a.url);
  const without = f.acts.map((a, i) => (a.url ? null : `acts[${i}]`)).filter(Boolean);
  const evidence = f.acts.some((a) => a.observations.length || a.items?.length);
  const conditions: Condition[] = [
    ...actsKnown(f.acts.length),
    { name: 'post-urls', kind: 'requires', met: withUrl.length ? true : null,
      detail: withUrl.length ? t(`${withUrl.length} 个帖子网址${without.length ? `（${without.join('、')} 缺少网址）` : ''}`, `${withUrl.length} post URL(s)${without.length ? ` (${without.join(', ')} without one)` : ''}`)
        : t('通知须写明每条侵权内容的网址', 'the notice must give the URL of each post'),
      ask: t('每条帖子的网址', 'the URL of each post') },
    { name: 'preliminary-evidence', kind: 'note', met: evidence ? true : null,
      detail: evidence ? t('已有取证记录，可作为构成侵权的初步证据', 'captured evidence serves as the preliminary evidence of infringement') : t('请先用 guzheng capture 取证，作为初步证据', 'capture the posts first (guzheng capture) as preliminary evidence') },
    { name: 'real-identity', kind: 'note', met: f.victim?.name ? true : null,
      detail: f.victim?.name ? t('权利人姓名已知；通知还须附身份证明', 'the victim\'s name is known; attach proof of identity') : t('通知必须包括权利人的真实身份信息（姓名、证件）', 'the notice must include the victim\'s real identity (name, ID)'),
      ask: t('您的姓名（victim.name），用于通知中的真实身份信息', 'your name (victim.name), for the real identity the notice must give') },
  ];
  return route({
    id: 'platform-notice', harm: spec.harm, title: t(`通知平台删除、屏蔽、断开链接（${spec.zh}）`, `Notice to the platform: delete, block, disconnect (${spec.en})`),
    reasons: [
      ...spec.noticeReasons(f),
      t('平台收到合格通知后应及时采取必要措施，否则对扩大的损害与发帖人承担连带责任', 'a platform that does not act on a proper notice is jointly liable for further harm'),
      t('注意：错误通知给发帖人或平台造成损害的，通知人要承担侵权责任', 'warning: a wrongful notice makes its sender liable for the harm it causes'),
      t('发帖人可以提交不侵权声明；收到转送的声明后应在合理期限内投诉或起诉，否则平台会恢复内容', 'the poster may file a counter-notice; after receiving it, complain or sue within a reasonable time or the platform restores the post'),
      t('平台不会直接告诉您发帖人是谁；披露发帖人信息须通过法院（起诉平台并申请责令披露）', 'the platform will not tell you who posted; disclosure goes through the court (sue the platform and ask for an order)'),
    ],
    conditions, deadlines: [],
    citations: [cite('civil-code:1195'), cite('civil-code:1196'), cite('civil-code:1197'), ...spec.noticeCitations(f).map(cite), cite('network-tort-rules:3')],
  });
}

/** The three-year period for damages: from knowing both the harm and the infringer; not begun while the poster is unknown. */
function damagesPeriod(f: CaseFacts, asOf: string): { condition: Condition; deadline: Deadline | null } {
  const knew = f.knewOfHarmAndPoster;
  const name = 'damages-within-three-years';
  if (knew) {
    const last = addYears(knew, 3);
    return { deadline: { what: t('请求赔偿损失的三年诉讼时效届满（向对方发出书面请求可使时效中断、重新计算）', 'the three-year period for damages ends (a written demand to the infringer interrupts it)'), date: last },
      condition: { name, kind: 'note', met: asOf <= last, detail: asOf <= last ? t(`从 ${knew} 起算，至 ${last} 届满`, `counted from ${knew}, ends ${last}`) : t(`已于 ${last} 届满（如有中断事由请告知律师）`, `ended ${last} (tell a lawyer of any interruption)`) } };
  }
  if (f.poster?.identified === false) {
    return { deadline: null, condition: { name, kind: 'note', met: true, detail: t('发帖人身份不明，三年时效尚未开始计算', 'the poster is not identified, so the three-year period has not begun') } };
  }
  return { deadline: null, condition: { name, kind: 'note', met: null,
    detail: t('缺少知道损害和侵权人的日期（knewOfHarmAndPoster），赔偿请求的三年时效无法计算', 'the day you learned of both the harm and the poster is missing (knewOfHarmAndPoster): the three-year period for damages cannot be counted'),
    ask: t('您哪一天知道受到损害并知道发帖人是谁（knewOfHarmAndPoster）', 'on what day did you learn of the harm and who the poster is (knewOfHarmAndPoster)') } };
}

/** Delivery needs an address (an identified poster) or the account (a private message); an explicit null account is "none". */
function reachable(f: CaseFacts): Condition {
  const identified = f.poster?.identified ?? null;
  const account = f.poster?.account;
  const met = identified === true || Boolean(account) ? true : identified === false && account === null ? false : null;
  return { name: 'poster-reachable', kind: 'requires', met,
    detail: identified === true ? t('发帖人身份已知，可以寄送到其地址', 'the poster is identified: send it to their address')
      : met ? t(`可以通过平台私信发给账号 ${account}`, `it can go to the account ${account} by private message`)
        : met === false ? t('发帖人身份不明，也没有可联系的账号：无法送达', 'the poster is not identified and has no account to write to: it cannot be delivered')
          : t('未说明发帖人身份是否已知，也没有其账号', 'not stated whether the poster is identified, and no account is given'),
    ask: t('发帖人是谁（poster.identified、poster.name）或其账号（poster.account）', 'who the poster is (poster.identified, poster.name) or the account (poster.account)') };
}

export function demandLetter(f: CaseFacts, asOf: string, spec: CivilSpec = CIVIL_SPECS.defamation): Route {
  const period = damagesPeriod(f, asOf);
  return route({
    id: 'demand-letter', harm: spec.harm, title: t(`协商或发出停止侵权告知函（${spec.zh}）`, `Negotiate, or send a demand letter (${spec.en})`),
    reasons: [
      t('要求对方删除内容、澄清、赔礼道歉并赔偿；保留寄送和送达凭证', 'ask the poster to delete, correct, apologise and compensate; keep proof of sending and delivery'),
      ...(f.poster?.identified !== true && f.poster?.account ? [t('发帖人身份不明时，只能通过平台私信发给该账号', 'while the poster is not identified, it can only go to the account by private message')] : []),
      t('能证明对方收到的书面请求会使赔偿请求的诉讼时效中断并重新计算', 'a written demand that can be shown to have arrived interrupts the limitation period for damages'),
    ],
    conditions: [...actsKnown(f.acts.length), reachable(f), period.condition],
    deadlines: period.deadline ? [period.deadline] : [],
    citations: [...spec.right.map(cite), cite('civil-code:995'), cite('civil-code:1000'), cite('civil-code:1182'), cite('civil-code:1183'), cite('civil-code:195')],
  });
}

export function civilSuit(f: CaseFacts, asOf: string, spec: CivilSpec = CIVIL_SPECS.defamation): Route {
  const identified = f.poster?.identified ?? null;
  const period = damagesPeriod(f, asOf);
  const first = f.acts.map((a) => a.start).filter((d): d is string => Boolean(d)).sort()[0];
  const longStop = first ? addYears(first, 20) : null;
  const ongoing = f.acts.some((a) => !a.end);
  const conditions: Condition[] = [
    ...actsKnown(f.acts.length),
    { name: 'defendant-known', kind: 'note', met: identified,
      detail: identified ? t('可以起诉发帖人（也可一并起诉未及时处理的平台）', 'sue the poster (and a platform that failed to act)')
        : identified === false ? t('发帖人身份不明：先起诉平台，请求法院责令平台提供发帖人信息，再追加为被告', 'the poster is unknown: sue the platform, ask the court to order disclosure, then add the poster')
          : t('未说明发帖人身份是否已知：已知则起诉发帖人，不知则先起诉平台并请求法院责令披露', 'not stated whether the poster is identified: if so, sue the poster; if not, sue the platform and ask for disclosure'),
      ask: t('发帖人身份是否已知（poster.identified）', 'is the poster identified (poster.identified)') },
    { name: 'stop-and-apology-not-time-barred', kind: 'note', met: true, detail: t('停止侵害、消除影响、恢复名誉、赔礼道歉不受诉讼时效限制', 'stopping, removing effects, restoring reputation and apology are never time-barred') },
    period.condition,
    ...spec.suitConditions(f),
  ];
  if (longStop) conditions.push({ name: 'within-twenty-years', kind: 'note', met: asOf <= longStop, detail: t(`自损害发生起二十年（至 ${longStop}）`, `twenty years from the harm (until ${longStop})`) });
  const claims = [...spec.claims(f)];
  if (ongoing) claims.push(t('侵害仍在继续、不及时制止将造成难以弥补损害的，可以申请人格权侵害禁令', 'if the infringement goes on and would cause irreparable harm, apply for an order to stop it (人格权侵害禁令)'));
  return route({
    id: 'civil-suit', harm: spec.harm, title: t(`民事诉讼（${spec.cause}）`, `Civil suit (${spec.causeEn})`),
    reasons: claims, conditions,
    deadlines: [...(period.deadline ? [period.deadline] : []), ...(longStop ? [{ what: t('自损害发生起二十年的最长保护期限届满', 'the twenty-year long stop from the harm ends'), date: longStop }] : [])],
    citations: [...spec.right.map(cite), cite('civil-code:995'), cite('civil-code:188'), cite('civil-code:1000'), cite('civil-code:1182'), cite('civil-code:1183'), cite('civil-code:997'),
      cite('civil-code:998'), ...spec.suitCitations(f).map(cite), cite('civil-code:1194'), cite('civil-code:1197'), cite('network-tort-rules:3'), cite('network-tort-rules:12'), cite('civil-procedure:124')],
  });
}
