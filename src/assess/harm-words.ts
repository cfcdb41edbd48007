/**
 * The harm kinds in plain words: each one's name, the question the facts form asks and an example. Kept apart from
 * harms.ts, which reads the statutes, so that the app's page can show them without the law texts.
 */
import type { HarmKind, InfoKind } from './facts.js';

export interface HarmInfo {
  zh: string;
  en: string;
  /** The question the facts form asks, and an example, in plain words. */
  ask: { zh: string; en: string };
  example: { zh: string; en: string };
}

export const HARMS: Record<HarmKind, HarmInfo> = {
  defamation: { zh: '诽谤', en: 'defamation',
    ask: { zh: '编造或歪曲事实，损害您的名誉', en: 'made-up or twisted facts that harm your reputation' },
    example: { zh: '例如：“她收了黑钱”“他出轨骗婚”，而这不是事实', en: 'e.g. "she took bribes", "he cheated and lied to marry", when it is not true' } },
  insult: { zh: '侮辱', en: 'insult',
    ask: { zh: '辱骂、贬低您的人格（不一定编造事实）', en: 'abuse that demeans you (not necessarily false facts)' },
    example: { zh: '例如：骂您“贱人”“垃圾”，发侮辱性的图片、表情包', en: 'e.g. calling you vile names, posting degrading images or memes' } },
  privacy: { zh: '泄露隐私和个人信息（人肉搜索）', en: 'privacy and personal information disclosed (doxxing)',
    ask: { zh: '公开了您的私密信息或个人信息', en: 'published your private or personal information' },
    example: { zh: '例如：公布您的电话、住址、工作单位、身份证号、家人信息、行踪，或聊天记录、病历', en: 'e.g. your phone, home address, workplace, ID number, family, whereabouts, chats or medical records' } },
  portrait: { zh: '侵害肖像权', en: 'portrait misused',
    ask: { zh: '未经同意使用、丑化或伪造您的照片、视频', en: 'your photos or videos used, made ugly or faked without consent' },
    example: { zh: '例如：把您的照片P成不雅图、换脸视频，或拿您的照片配上侮辱文字', en: 'e.g. your photo edited into an obscene picture, a face-swap video, your picture captioned with insults' } },
  'threat-abuse': { zh: '威胁、辱骂和骚扰', en: 'threats, abuse and harassment',
    ask: { zh: '威胁您的人身安全，或反复发消息辱骂、骚扰、纠缠您', en: 'threats to your safety, or repeated abusive messages and harassment' },
    example: { zh: '例如：“知道你住哪，小心点”，评论区和私信里成批的辱骂，反复打电话、上门纠缠', en: 'e.g. "I know where you live, watch out", waves of abuse in comments and messages, repeated calls or visits' } },
  'public-order-rumour': { zh: '散布谣言扰乱公共秩序', en: 'rumours that disturb public order',
    ask: { zh: '散布谣言，引起公众恐慌或扰乱公共秩序', en: 'rumours that cause public panic or disorder' },
    example: { zh: '例如：谎称您传播疫情、您所在的学校发生命案，引起围观、恐慌', en: 'e.g. claiming you spread a disease or that a murder happened at your school, drawing crowds and panic' } },
};

/** The kinds of personal information, as 两高2017年解释 and the facts form name them. */
export const INFO_ZH: Record<InfoKind, string> = {
  whereabouts: '行踪轨迹', 'communication-content': '通信内容', credit: '征信信息', property: '财产信息', lodging: '住宿信息', 'call-records': '通信记录', health: '健康生理信息',
  transactions: '交易信息', name: '姓名', 'id-number': '身份证件号码', phone: '电话号码', address: '住址', workplace: '工作单位', photo: '照片', family: '家人信息', account: '账号', other: '其他信息',
};
