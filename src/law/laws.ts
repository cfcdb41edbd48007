/**
 * The laws and judicial interpretations quoted, one entry per text version, with the dates from the texts
 * themselves (their headers and commencement articles) or, where a text does not state it, from ../shared/law/README.md
 * and marked as such. All texts here are copies from public mirrors, not read on the official sites: a release must
 * check them against flk.npc.gov.cn and court.gov.cn.
 */
import type { Law } from './types.js';

const MIRROR = 'unofficial-copy' as const;

const law = (l: Law): Law => l;

export const LAWS = {
  civilCode: law({ key: 'civil-code', title: '中华人民共和国民法典', short: '民法典', version: '2020-05-28', effectiveFrom: '2021-01-01', effectiveTo: null,
    file: '民法典_人格权编.md', status: MIRROR }),
  civilCodeGeneral: law({ key: 'civil-code', title: '中华人民共和国民法典', short: '民法典', version: '2020-05-28', effectiveFrom: '2021-01-01', effectiveTo: null,
    file: '民法典_总则.md', status: MIRROR }),
  civilCodeTort: law({ key: 'civil-code', title: '中华人民共和国民法典', short: '民法典', version: '2020-05-28', effectiveFrom: '2021-01-01', effectiveTo: null,
    file: '民法典_侵权责任编.md', status: MIRROR }),
  criminalLaw: law({ key: 'criminal-law', title: '中华人民共和国刑法', short: '刑法', version: '1997-03-14（修正至刑法修正案（十二），2023-12-29）', effectiveFrom: '1997-10-01', effectiveTo: null,
    file: '刑法_刑法.md', status: MIRROR, note: 'consolidated text from a public mirror (LawRefBook/Laws 2f4c5c2); amendments after 2025-04 not checked' }),
  defamationInterpretation2013: law({ key: 'defamation-interpretation-2013', title: '最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释',
    short: '两高2013年网络诽谤解释', version: '2013-09-06', effectiveFrom: '2013-09-10', effectiveTo: null,
    file: '司法解释_最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释(2013-09-06).md', status: MIRROR }),
  publicSecurity2025: law({ key: 'public-security-2025', title: '中华人民共和国治安管理处罚法', short: '治安管理处罚法（2025年修订）', version: '2025-06-27', effectiveFrom: '2026-01-01', effectiveTo: null,
    file: '行政法_治安管理处罚法(2025-06-27).md', status: MIRROR,
    note: 'third-party transcription (Jarvis-starcloud/law-ye-skill 790b83f), cross-checked against two other copies; not checked on flk.npc.gov.cn' }),
  publicSecurity2012: law({ key: 'public-security-2012', title: '中华人民共和国治安管理处罚法', short: '治安管理处罚法（2012年修正）', version: '2012-10-26', effectiveFrom: '2006-03-01', effectiveTo: '2025-12-31',
    file: '行政法_治安管理处罚法(2012-10-26).md', status: MIRROR, note: 'the law in force from 2006-03-01 (第一百一十九条) as amended 2012; replaced by the 2025 revision from 2026-01-01' }),
  civilProcedure: law({ key: 'civil-procedure', title: '中华人民共和国民事诉讼法', short: '民事诉讼法', version: '2023-09-01', effectiveFrom: '2024-01-01', effectiveTo: null,
    file: '诉讼与非诉讼程序法_民事诉讼法(2023-09-01).md', status: MIRROR, note: 'in force 2024-01-01 per the amending decision (not in this text)' }),
  civilEvidence: law({ key: 'civil-evidence-rules', title: '最高人民法院关于民事诉讼证据的若干规定', short: '民事证据规定', version: '2019-12-25', effectiveFrom: '2020-05-01', effectiveTo: null,
    file: '司法解释_最高人民法院关于民事诉讼证据的若干规定(2019-12-25).md', status: MIRROR }),
  internetCourts: law({ key: 'internet-courts-rules', title: '最高人民法院关于互联网法院审理案件若干问题的规定', short: '互联网法院规定', version: '2018-09-06', effectiveFrom: '2018-09-07', effectiveTo: null,
    file: '司法解释_最高人民法院关于互联网法院审理案件若干问题的规定(2018-09-06).md', status: MIRROR }),
  onlineLitigation: law({ key: 'online-litigation-rules', title: '人民法院在线诉讼规则', short: '在线诉讼规则', version: '2021-06-16', effectiveFrom: '2021-08-01', effectiveTo: null,
    file: '司法解释_人民法院在线诉讼规则(2021-06-16).md', status: MIRROR }),
  networkTort: law({ key: 'network-tort-rules', title: '最高人民法院关于审理利用信息网络侵害人身权益民事纠纷案件适用法律若干问题的规定', short: '信息网络侵权规定',
    version: '2020-12-29', effectiveFrom: '2021-01-01', effectiveTo: null,
    file: '司法解释_最高人民法院关于审理利用信息网络侵害人身权益民事纠纷案件适用法律若干问题的规定(2020-12-29).md', status: MIRROR,
    note: 'as amended 2020-12-23; the commencement date 2021-01-01 is from a secondary source' }),
  criminalProcedure: law({ key: 'criminal-procedure', title: '中华人民共和国刑事诉讼法', short: '刑事诉讼法', version: '2018-10-26', effectiveFrom: '2018-10-26', effectiveTo: null,
    file: '诉讼与非诉讼程序法_刑事诉讼法(2018-10-26).md', status: MIRROR, note: 'the date of force of the 2018 amendment is taken as its adoption date (not stated in this text)' }),
  criminalProcedureInterpretation: law({ key: 'criminal-procedure-interpretation', title: '最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释', short: '刑诉法解释',
    version: '2021-01-26', effectiveFrom: '2021-03-01', effectiveTo: null,
    file: '司法解释_最高人民法院关于适用《刑事诉讼法》的解释(2021-01-26).md', status: MIRROR }),
  electronicSignature: law({ key: 'electronic-signature-law', title: '中华人民共和国电子签名法', short: '电子签名法', version: '2019-04-23', effectiveFrom: '2019-04-23', effectiveTo: null,
    file: '民法商法_电子签名法(2019-04-23).md', status: MIRROR, note: 'the date of force of the 2019 amendment is taken as its adoption date (not stated in this text)' }),
  personalInfo: law({ key: 'personal-information-law', title: '中华人民共和国个人信息保护法', short: '个人信息保护法', version: '2021-08-20', effectiveFrom: '2021-11-01', effectiveTo: null,
    file: '行政法_个人信息保护法(2021-08-20).md', status: MIRROR }),
  infoCrimeInterpretation2017: law({ key: 'personal-information-interpretation-2017', title: '最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释',
    short: '两高2017年侵犯公民个人信息解释', version: '2017-05-08', effectiveFrom: '2017-06-01', effectiveTo: null,
    file: '司法解释_最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释(2017-05-08).md', status: MIRROR }),
  provocationInterpretation2013: law({ key: 'provocation-interpretation-2013', title: '最高人民法院、最高人民检察院关于办理寻衅滋事刑事案件适用法律若干问题的解释',
    short: '两高2013年寻衅滋事解释', version: '2013-07-15', effectiveFrom: '2013-07-22', effectiveTo: null,
    file: '司法解释_最高人民法院、最高人民检察院关于办理寻衅滋事刑事案件适用法律若干问题的解释(2013-07-15).md', status: MIRROR }),
} satisfies Record<string, Law>;
