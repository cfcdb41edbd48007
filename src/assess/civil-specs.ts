/**
 * What the civil routes say for each harm that has them: the right infringed and its articles, what the notice to
 * the platform adds, the claims of the suit, and the exceptions the other side may plead (民法典 第一千零二十五条 for
 * reporting; 第一千零二十条 for the reasonable use of a portrait; 个人信息保护法 第二十七条、第七十二条).
 */
import { LAWS, inForce } from '../law/index.js';
import type { CaseFacts, HarmKind } from './facts.js';
import { t, type Condition } from './types.js';

export interface CivilSpec {
  harm: HarmKind;
  /** The harm in the route's title. */
  zh: string;
  en: string;
  /** The cause of action (案由). */
  cause: string;
  causeEn: string;
  /** The articles that give the right. */
  right: string[];
  noticeReasons: (f: CaseFacts) => string[];
  noticeCitations: (f: CaseFacts) => string[];
  claims: (f: CaseFacts) => string[];
  suitConditions: (f: CaseFacts) => Condition[];
  suitCitations: (f: CaseFacts) => string[];
}

const DAMAGES = [
  t('赔偿财产损失，包括为制止侵权支出的调查、取证等合理费用（如公证费、本工具之外的存证费）；难以确定的由法院在50万元以下酌定', 'damages for property loss, including reasonable costs of investigation and evidence (e.g. notary fees); up to 500,000 yuan set by the court if hard to prove'),
  t('造成严重精神损害的，可请求精神损害赔偿', 'compensation for serious mental harm'),
];

/** The personal information law applies to acts from its first day in force; an act with no date is given it, with the law's own date in view. */
export const piplApplies = (f: CaseFacts) => f.acts.some((a) => !a.start || inForce(LAWS.personalInfo, a.end ?? a.start));

const REPORTING: Condition = {
  name: 'not-public-interest-reporting', kind: 'exception', presumed: true, met: null,
  detail: t('对方可能主张是为公共利益的新闻报道、舆论监督；即便如此，捏造、歪曲事实，对他人提供的严重失实内容未尽到合理核实义务，或使用侮辱性言辞等贬损他人名誉的，仍要承担责任',
    'the poster may argue it was news reporting or public-opinion supervision in the public interest; that still gives no excuse for fabricating or distorting facts, failing to check seriously false content from others, or insulting words'),
};

/** The harms with civil routes: all but rumours that disturb public order. */
export type CivilHarm = Exclude<HarmKind, 'public-order-rumour'>;

export const CIVIL_SPECS: Record<CivilHarm, CivilSpec> = {
  defamation: {
    harm: 'defamation', zh: '诽谤', en: 'defamation', cause: '名誉权纠纷', causeEn: 'right to reputation', right: ['civil-code:1024'],
    noticeReasons: () => [], noticeCitations: () => ['civil-code:1028'],
    claims: () => [t('诉讼请求：停止侵害（删除）、消除影响、恢复名誉、赔礼道歉，方式与影响范围相当', 'claims: stop (delete), remove effects, restore reputation, apologise — matching the reach of the act'), ...DAMAGES],
    suitConditions: () => [REPORTING], suitCitations: () => ['civil-code:1025'],
  },
  insult: {
    harm: 'insult', zh: '侮辱', en: 'insult', cause: '名誉权纠纷（侮辱）', causeEn: 'right to reputation: insult', right: ['civil-code:1024'],
    noticeReasons: () => [t('侮辱性内容不需要证明是捏造的：指出哪些言辞、图片贬损您的人格即可', 'insults need not be shown false: point to the words and pictures that demean you')],
    noticeCitations: () => [],
    claims: () => [t('诉讼请求：删除侮辱内容、消除影响、恢复名誉、赔礼道歉，方式与影响范围相当', 'claims: delete the insults, remove effects, restore reputation, apologise — matching the reach of the act'), ...DAMAGES],
    suitConditions: () => [], suitCitations: () => ['civil-code:1025'],
  },
  privacy: {
    harm: 'privacy', zh: '隐私和个人信息', en: 'privacy and personal information', cause: '隐私权、个人信息保护纠纷', causeEn: 'privacy and personal information', right: ['civil-code:1032', 'civil-code:1034'],
    noticeReasons: (f) => [t('要求平台删除公开的私密信息和个人信息（电话、住址、身份证号等）；平台作为信息处理者违法处理您的个人信息的，您也有权请求其删除',
      'ask the platform to delete the private and personal information (phone, address, ID number…); as a handler of your information it must also delete what it processes unlawfully'),
      ...(piplApplies(f) ? [t('平台拒绝删除的，应当说明理由；拒绝后您可以向法院起诉', 'a platform that refuses must say why, and you may then sue it')] : [])],
    noticeCitations: (f) => ['civil-code:1032', 'civil-code:1034', 'civil-code:1037', ...(piplApplies(f) ? ['personal-information-law:47', 'personal-information-law:50'] : [])],
    claims: (f) => [t('诉讼请求：删除公开的信息、停止侵害、消除影响、赔礼道歉', 'claims: delete what was published, stop, remove effects, apologise'), ...DAMAGES,
      ...(piplApplies(f) ? [t('按个人信息保护法，处理个人信息造成损害的，处理者不能证明自己没有过错就要赔偿', 'under the personal information law a handler whose processing caused harm pays unless it proves no fault')] : [])],
    suitConditions: (f) => piplApplies(f) ? [
      { name: 'not-personal-affairs', kind: 'exception', presumed: true, met: null,
        detail: t('个人信息保护法不适用于个人因个人或者家庭事务处理个人信息；向公众公开他人信息一般不属于个人事务，但对方可能以此抗辩，由法院判断（隐私权的请求不受影响）',
          'the personal information law does not apply to processing for personal or family affairs; publishing someone to the public is usually not such an affair, but the poster may plead it and the court decides (the privacy claim is not affected)') },
      { name: 'not-already-public', kind: 'exception', presumed: true, met: null,
        detail: t('对方可能主张这些信息本来已经公开；即便如此，您明确拒绝或对您权益有重大影响的，仍不得处理', 'the poster may argue the information was already public; even so it may not be processed once you refuse, or where it greatly affects you') },
    ] : [],
    suitCitations: (f) => ['civil-code:1033', ...(piplApplies(f) ? ['personal-information-law:10', 'personal-information-law:27', 'personal-information-law:69', 'personal-information-law:72'] : [])],
  },
  portrait: {
    harm: 'portrait', zh: '肖像', en: 'portrait', cause: '肖像权纠纷', causeEn: 'right to one\'s portrait', right: ['civil-code:1018', 'civil-code:1019'],
    noticeReasons: () => [t('写明哪些图片、视频使用了您的肖像，是否经过丑化、P图或换脸，以及您没有同意', 'say which pictures or videos use your likeness, whether they were uglified, edited or face-swapped, and that you did not consent')],
    noticeCitations: () => ['civil-code:1018', 'civil-code:1019'],
    claims: () => [t('诉讼请求：停止使用并删除您的肖像、消除影响、赔礼道歉', 'claims: stop using and delete your likeness, remove effects, apologise'), ...DAMAGES,
      t('丑化、P图伪造的肖像同时贬损人格的，也可以主张名誉权（侮辱）', 'an uglified or faked portrait that also demeans you gives a reputation claim (insult) too')],
    suitConditions: () => [{ name: 'not-reasonable-use', kind: 'exception', presumed: true, met: null,
      detail: t('对方可能主张合理使用（如新闻报道中不可避免地使用、为公共利益）；丑化、污损或者伪造不属于合理使用', 'the poster may plead reasonable use (unavoidable in news reporting, the public interest); uglifying, defacing or faking is not such a use') }],
    suitCitations: () => ['civil-code:1020'],
  },
  'threat-abuse': {
    harm: 'threat-abuse', zh: '威胁、骚扰', en: 'threats and harassment', cause: '隐私权纠纷（侵扰私人生活安宁）', causeEn: 'privacy: disturbing the peace of private life', right: ['civil-code:1032', 'civil-code:1033'],
    noticeReasons: () => [t('要求平台删除威胁、辱骂内容，并对发送者采取限制措施；平台还有屏蔽陌生人、关闭私信等防护功能可以使用', 'ask the platform to delete the threats and abuse and restrict the senders; use its protections too (blocking strangers, closing private messages)')],
    noticeCitations: () => ['civil-code:1032', 'civil-code:1033'],
    claims: () => [t('诉讼请求：停止骚扰、删除内容、赔礼道歉；骚扰仍在继续的，可以先申请人格权侵害禁令', 'claims: stop the harassment, delete, apologise; while it goes on, apply first for an order to stop it (人格权侵害禁令)'), ...DAMAGES],
    suitConditions: () => [], suitCitations: () => [],
  },
};
