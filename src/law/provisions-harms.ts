/**
 * The law of the harms of cyber-violence beyond defamation (issue 14): portraits and privacy in the Civil Code,
 * the Personal Information Protection Law, the 治安管理处罚法 items on threats, harassment, privacy and rumours (2025
 * and 2012), 刑法 第二百五十三条之一 and 第二百九十三条 with their interpretations. Ids of items: '<law>:<n>(<item>)';
 * of a paragraph quoted alone: '<law>:<n>-<paragraph>'; of an article numbered 之一: '<law>:<n>.1'.
 */
import { LAWS } from './laws.js';
import { provision } from './provisions-civil.js';
import type { Provision } from './types.js';

const { civilCode: pc, personalInfo: pipl, publicSecurity2025: ps25, publicSecurity2012: ps12, criminalLaw: cl, defamationInterpretation2013: di,
  infoCrimeInterpretation2017: ii, provocationInterpretation2013: pi } = LAWS;

const FINE_2025 = '有下列行为之一的，处五日以下拘留或者一千元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处一千元以下罚款：';
const FINE_2012 = '有下列行为之一的，处五日以下拘留或者五百元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处五百元以下罚款:';

export const HARMS_LAW: Provision[] = [
  // Civil Code: portraits.
  provision(pc, 1018, '第一千零一十八条', '自然人享有肖像权，有权依法制作、使用、公开或者许可他人使用自己的肖像。\n肖像是通过影像、雕塑、绘画等方式在一定载体上所反映的特定自然人可以被识别的外部形象。',
    '每个人对自己的肖像（照片、视频中能认出本人的形象）享有肖像权。', 'Everyone has the right to their portrait: any image (photo, video, drawing) in which they can be recognised.'),
  provision(pc, 1019, '第一千零一十九条', '任何组织或者个人不得以丑化、污损，或者利用信息技术手段伪造等方式侵害他人的肖像权。未经肖像权人同意，不得制作、使用、公开肖像权人的肖像，但是法律另有规定的除外。',
    '不得丑化、污损他人肖像，不得用P图、换脸等信息技术手段伪造；未经本人同意，不得制作、使用、公开他人的肖像。',
    'No one may uglify or deface a portrait, or fake it by technical means (editing, face swaps); nor make, use or publish it without consent.', { paragraph: 1 }),
  provision(pc, 1020, '第一千零二十条', '合理实施下列行为的，可以不经肖像权人同意：\n（一）为个人学习、艺术欣赏、课堂教学或者科学研究，在必要范围内使用肖像权人已经公开的肖像；\n（二）为实施新闻报道，不可避免地制作、使用、公开肖像权人的肖像；\n（五）为维护公共利益或者肖像权人合法权益，制作、使用、公开肖像权人的肖像的其他行为。',
    '合理使用（个人学习研究、新闻报道中不可避免的使用、为公共利益等）可以不经同意；对方可能以此抗辩，丑化、伪造不属于合理使用。',
    'Reasonable use (private study, unavoidable use in news reports, the public interest…) needs no consent; the poster may plead it, though uglifying or faking is not such a use.'),
  // Civil Code: privacy and personal information.
  provision(pc, 1033, '第一千零三十三条', '除法律另有规定或者权利人明确同意外，任何组织或者个人不得实施下列行为：\n（一）以电话、短信、即时通讯工具、电子邮件、传单等方式侵扰他人的私人生活安宁；\n（三）拍摄、窥视、窃听、公开他人的私密活动；\n（五）处理他人的私密信息；',
    '不得用电话、短信、私信、邮件等方式骚扰他人的私人生活安宁，不得公开他人的私密活动、处理他人的私密信息。',
    'No one may disturb another\'s private life by calls, texts, messages or e-mail, expose their private activities or process their private information.'),
  provision(pc, 1034, '第一千零三十四条', '自然人的个人信息受法律保护。\n个人信息是以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人的各种信息，包括自然人的姓名、出生日期、身份证件号码、生物识别信息、住址、电话号码、电子邮箱、健康信息、行踪信息等。\n个人信息中的私密信息，适用有关隐私权的规定；没有规定的，适用有关个人信息保护的规定。',
    '姓名、身份证号、住址、电话、邮箱、健康信息、行踪等个人信息受法律保护；其中的私密信息按隐私权保护。',
    'Personal information (name, ID number, address, phone, e-mail, health, whereabouts…) is protected by law; its private part is protected as privacy.'),
  provision(pc, 1037, '第一千零三十七条', '自然人发现信息处理者违反法律、行政法规的规定或者双方的约定处理其个人信息的，有权请求信息处理者及时删除。',
    '信息处理者（包括展示、传播这些信息的平台）违法处理您的个人信息的，您有权请求其及时删除。',
    'Where an information handler (a platform showing and spreading it, too) processes your personal information unlawfully, you may require it to delete it promptly.', { paragraph: 2 }),
  // Personal Information Protection Law.
  provision(pipl, 10, '第十条', '任何组织、个人不得非法收集、使用、加工、传输他人个人信息，不得非法买卖、提供或者公开他人个人信息；',
    '任何组织和个人都不得非法买卖、提供或者公开他人的个人信息。', 'No organisation or person may unlawfully trade, provide or publish another\'s personal information.'),
  provision(pipl, 27, '第二十七条', '个人信息处理者可以在合理的范围内处理个人自行公开或者其他已经合法公开的个人信息；个人明确拒绝的除外。个人信息处理者处理已公开的个人信息，对个人权益有重大影响的，应当依照本法规定取得个人同意。',
    '即使信息已经公开，本人明确拒绝的不得再处理；对个人权益有重大影响的，须取得本人同意。对方可能以“信息本来就公开”抗辩。',
    'Even public information may not be processed once the person refuses, and needs consent where it greatly affects them. The poster may plead the information was public already.'),
  provision(pipl, 47, '第四十七条', '有下列情形之一的，个人信息处理者应当主动删除个人信息；个人信息处理者未删除的，个人有权请求删除：\n（四）个人信息处理者违反法律、行政法规或者违反约定处理个人信息；',
    '处理者违法处理个人信息的，应当主动删除；不删除的，本人有权请求删除。', 'A handler that processes personal information unlawfully must delete it; if it does not, the person may require it to.'),
  provision(pipl, 50, '第五十条', '个人信息处理者应当建立便捷的个人行使权利的申请受理和处理机制。拒绝个人行使权利的请求的，应当说明理由。\n个人信息处理者拒绝个人行使权利的请求的，个人可以依法向人民法院提起诉讼。',
    '平台等处理者应当受理删除等请求；拒绝的要说明理由，拒绝后本人可以向法院起诉。', 'Handlers must accept requests such as deletion and give reasons for refusing; a refused person may sue.'),
  provision(pipl, 69, '第六十九条', '处理个人信息侵害个人信息权益造成损害，个人信息处理者不能证明自己没有过错的，应当承担损害赔偿等侵权责任。',
    '处理个人信息造成损害的，处理者不能证明自己没有过错就要赔偿（过错推定）。', 'A handler whose processing causes harm pays damages unless it proves it was not at fault.', { paragraph: 1 }),
  provision(pipl, 72, '第七十二条', '自然人因个人或者家庭事务处理个人信息的，不适用本法。',
    '个人因个人或家庭事务处理个人信息的，不适用个人信息保护法；在网上向公众公开他人信息是否属于个人事务，由法院判断。',
    'The law does not apply to a person processing information for personal or family affairs; whether publishing someone\'s details to the public is such an affair is for the court.', { paragraph: 1 }),
  // 治安管理处罚法 2025: threats, harassment, privacy, personal information, rumours.
  provision(ps25, 50, '第五十条', `${FINE_2025}\n（一）写恐吓信或者以其他方法威胁他人人身安全的；`,
    '2026年1月1日起：威胁他人人身安全的，处五日以下拘留或一千元以下罚款；情节较重的，五至十日拘留，可并处一千元以下罚款。',
    'From 2026-01-01: threatening someone\'s personal safety — up to 5 days or 1,000 yuan; 5–10 days and up to 1,000 yuan if serious.', { id: 'public-security-2025:50(1)', paragraph: 1, item: 1 }),
  provision(ps25, 50, '第五十条', `${FINE_2025}\n（五）多次发送淫秽、侮辱、恐吓等信息或者采取滋扰、纠缠、跟踪等方法，干扰他人正常生活的；`,
    '2026年1月1日起：多次发送侮辱、恐吓等信息，或滋扰、纠缠、跟踪，干扰他人正常生活的，处五日以下拘留或一千元以下罚款；情节较重的，五至十日拘留。',
    'From 2026-01-01: repeatedly sending insulting or threatening messages, or harassing, pestering or stalking, punished as above.', { id: 'public-security-2025:50(5)', paragraph: 1, item: 5 }),
  provision(ps25, 50, '第五十条', `${FINE_2025}\n（六）偷窥、偷拍、窃听、散布他人隐私的。`,
    '2026年1月1日起：散布他人隐私的，处五日以下拘留或一千元以下罚款；情节较重的，五至十日拘留，可并处一千元以下罚款。',
    'From 2026-01-01: spreading another\'s private information — up to 5 days or 1,000 yuan; 5–10 days if serious.', { id: 'public-security-2025:50(6)', paragraph: 1, item: 6 }),
  provision(ps25, 50, '第五十条', '有前款第五项规定的滋扰、纠缠、跟踪行为的，除依照前款规定给予处罚外，经公安机关负责人批准，可以责令其一定期限内禁止接触被侵害人。对违反禁止接触规定的，处五日以上十日以下拘留，可以并处一千元以下罚款。',
    '2026年1月1日起：对滋扰、纠缠、跟踪的人，公安机关除处罚外，可以责令其在一定期限内禁止接触被侵害人；违反的，处五至十日拘留。',
    'From 2026-01-01: besides the penalty, the police may order a harasser, pesterer or stalker not to contact the victim for a period; breaking it means 5–10 days\' detention.', { id: 'public-security-2025:50-2', paragraph: 2 }),
  provision(ps25, 56, '第五十六条', '违反国家有关规定，向他人出售或者提供个人信息的，处十日以上十五日以下拘留；情节较轻的，处五日以下拘留。\n窃取或者以其他方法非法获取个人信息的，依照前款的规定处罚。',
    '2026年1月1日起：违反国家规定出售、提供他人个人信息，或窃取、非法获取个人信息的，处十至十五日拘留；情节较轻的，五日以下拘留。',
    'From 2026-01-01: selling or providing another\'s personal information against state rules, or stealing or unlawfully obtaining it — 10–15 days\' detention; up to 5 days if minor.'),
  provision(ps25, 29, '第二十九条', '有下列行为之一的，处五日以上十日以下拘留，可以并处一千元以下罚款；情节较轻的，处五日以下拘留或者一千元以下罚款：\n（一）故意散布谣言，谎报险情、疫情、灾情、警情或者以其他方法故意扰乱公共秩序的；',
    '2026年1月1日起：故意散布谣言扰乱公共秩序的，处五至十日拘留，可并处一千元以下罚款；情节较轻的，五日以下拘留或一千元以下罚款。',
    'From 2026-01-01: deliberately spreading rumours that disturb public order — 5–10 days and up to 1,000 yuan; up to 5 days or 1,000 yuan if minor.', { id: 'public-security-2025:29(1)', item: 1 }),
  // 治安管理处罚法 2012, for acts before 2026-01-01.
  provision(ps12, 42, '第四十二条', `${FINE_2012}\n（一）写恐吓信或者以其他方法威胁他人人身安全的；`,
    '2026年1月1日前的行为：威胁他人人身安全的，处五日以下拘留或五百元以下罚款；情节较重的，五至十日拘留，可并处五百元以下罚款。',
    'Acts before 2026-01-01: threatening someone\'s personal safety — up to 5 days or 500 yuan; 5–10 days and up to 500 yuan if serious.', { id: 'public-security-2012:42(1)', item: 1 }),
  provision(ps12, 42, '第四十二条', `${FINE_2012}\n（五）多次发送淫秽、侮辱、恐吓或者其他信息，干扰他人正常生活的；`,
    '2026年1月1日前的行为：多次发送侮辱、恐吓等信息干扰他人正常生活的，处五日以下拘留或五百元以下罚款；情节较重的，五至十日拘留。旧法没有禁止接触令。',
    'Acts before 2026-01-01: repeatedly sending insulting or threatening messages, punished as above. The old law has no no-contact order.', { id: 'public-security-2012:42(5)', item: 5 }),
  provision(ps12, 42, '第四十二条', `${FINE_2012}\n（六）偷窥、偷拍、窃听、散布他人隐私的。`,
    '2026年1月1日前的行为：散布他人隐私的，处五日以下拘留或五百元以下罚款；情节较重的，五至十日拘留，可并处五百元以下罚款。',
    'Acts before 2026-01-01: spreading another\'s private information — up to 5 days or 500 yuan; 5–10 days if serious.', { id: 'public-security-2012:42(6)', item: 6 }),
  provision(ps12, 25, '第二十五条', '有下列行为之一的，处五日以上十日以下拘留，可以并处五百元以下罚款；情节较轻的，处五日以下拘留或者五百元以下罚款:\n（一）散布谣言，谎报险情、疫情、警情或者以其他方法故意扰乱公共秩序的；',
    '2026年1月1日前的行为：散布谣言扰乱公共秩序的，处五至十日拘留，可并处五百元以下罚款；情节较轻的，五日以下拘留或五百元以下罚款。',
    'Acts before 2026-01-01: spreading rumours that disturb public order — 5–10 days and up to 500 yuan; up to 5 days or 500 yuan if minor.', { id: 'public-security-2012:25(1)', item: 1 }),
  // 刑法: personal information; picking quarrels (寻衅滋事).
  provision(cl, 253, '第二百五十三条之一', '违反国家有关规定，向他人出售或者提供公民个人信息，情节严重的，处三年以下有期徒刑或者拘役，并处或者单处罚金；情节特别严重的，处三年以上七年以下有期徒刑，并处罚金。\n窃取或者以其他方法非法获取公民个人信息的，依照第一款的规定处罚。',
    '违反国家规定出售、提供（包括在网上发布）公民个人信息，情节严重的构成侵犯公民个人信息罪，最高三年；情节特别严重的，三至七年。由公安机关立案侦查、检察院公诉。',
    'Selling or providing (publishing online included) personal information against state rules is a crime when serious (up to three years), three to seven years when especially serious. The police investigate; the procuratorate prosecutes.', { id: 'criminal-law:253.1' }),
  provision(cl, 293, '第二百九十三条', '有下列寻衅滋事行为之一，破坏社会秩序的，处五年以下有期徒刑、拘役或者管制：\n（二）追逐、拦截、辱骂、恐吓他人，情节恶劣的；\n（四）在公共场所起哄闹事，造成公共场所秩序严重混乱的。',
    '辱骂、恐吓他人情节恶劣、破坏社会秩序的，构成寻衅滋事罪，最高五年（追诉期限十年）；由公安机关立案侦查、检察院公诉。',
    'Abusing or threatening people in a vile way that disrupts social order is the crime of picking quarrels (up to five years; a ten-year limit). The police investigate; the procuratorate prosecutes.', { paragraph: 1 }),
  provision(di, 5, '第五条', '利用信息网络辱骂、恐吓他人，情节恶劣，破坏社会秩序的，依照刑法第二百九十三条第一款第（二）项的规定，以寻衅滋事罪定罪处罚。\n编造虚假信息，或者明知是编造的虚假信息，在信息网络上散布，或者组织、指使人员在信息网络上散布，起哄闹事，造成公共秩序严重混乱的，依照刑法第二百九十三条第一款第（四）项的规定，以寻衅滋事罪定罪处罚。',
    '在网上辱骂、恐吓他人情节恶劣、破坏社会秩序的，按寻衅滋事罪处罚；在网上编造、散布虚假信息起哄闹事、造成公共秩序严重混乱的，也按寻衅滋事罪处罚。',
    'Online abuse or threats that are vile and disrupt social order, and online fabrications that stir up trouble and cause serious public disorder, are punished as picking quarrels.'),
  // 两高2017年侵犯公民个人信息解释.
  provision(ii, 1, '第一条', '刑法第二百五十三条之一规定的“公民个人信息”，是指以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人身份或者反映特定自然人活动情况的各种信息，包括姓名、身份证件号码、通信通讯联系方式、住址、账号密码、财产状况、行踪轨迹等。',
    '能识别特定个人或反映其活动情况的信息，如姓名、身份证号、电话、住址、账号密码、财产状况、行踪轨迹，都是公民个人信息。',
    'Personal information is whatever identifies a person or shows their activities: name, ID number, phone, address, passwords, property, whereabouts…'),
  provision(ii, 3, '第三条', '向特定人提供公民个人信息，以及通过信息网络或者其他途径发布公民个人信息的，应当认定为刑法第二百五十三条之一规定的“提供公民个人信息”。',
    '在网上发布他人的个人信息（人肉搜索后公开），属于刑法所说的“提供公民个人信息”。', 'Publishing someone\'s personal information online (doxxing) counts as "providing" it under the Criminal Law.', { paragraph: 1 }),
  provision(ii, 5, '第五条', '非法获取、出售或者提供公民个人信息，具有下列情形之一的，应当认定为刑法第二百五十三条之一规定的“情节严重”：\n（一）出售或者提供行踪轨迹信息，被他人用于犯罪的；\n（二）知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的；\n（三）非法获取、出售或者提供行踪轨迹信息、通信内容、征信信息、财产信息五十条以上的；\n（四）非法获取、出售或者提供住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息五百条以上的；\n（五）非法获取、出售或者提供第三项、第四项规定以外的公民个人信息五千条以上的；\n（六）数量未达到第三项至第五项规定标准，但是按相应比例合计达到有关数量标准的；\n（七）违法所得五千元以上的；\n（九）曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法获取、出售或者提供公民个人信息的；\n（十）其他情节严重的情形。\n实施前款规定的行为，具有下列情形之一的，应当认定为刑法第二百五十三条之一第一款规定的“情节特别严重”：\n（一）造成被害人死亡、重伤、精神失常或者被绑架等严重后果的；',
    '“情节严重”：提供的行踪轨迹被他人用于犯罪；明知他人用于犯罪而提供；行踪轨迹、通信内容、征信、财产信息五十条以上；住宿、通信记录、健康生理、交易等可能影响人身财产安全的信息五百条以上；其他信息五千条以上；按比例合计达到；违法所得五千元以上；曾受刑事处罚或二年内受过行政处罚又犯。造成死亡、重伤、精神失常或被绑架等后果的，“情节特别严重”。',
    '"Serious": whereabouts provided and used for a crime; providing to someone known to use it for crime; 50+ records of whereabouts, communications, credit or property; 500+ records that may affect safety (lodging, call records, health, transactions); 5,000+ other records; proportional sums; 5,000 yuan gained; a repeat after a criminal penalty or an administrative one within two years. Death, serious injury, mental disorder or kidnapping of the victim make it "especially serious".'),
  // 两高2013年寻衅滋事解释.
  provision(pi, 1, '第一条', '行为人为寻求刺激、发泄情绪、逞强耍横等，无事生非，实施刑法第二百九十三条规定的行为的，应当认定为“寻衅滋事”。\n行为人因婚恋、家庭、邻里、债务等纠纷，实施殴打、辱骂、恐吓他人或者损毁、占用他人财物等行为的，一般不认定为“寻衅滋事”，但经有关部门批评制止或者处理处罚后，继续实施前列行为，破坏社会秩序的除外。',
    '为寻求刺激、发泄情绪等无事生非的，是寻衅滋事；因婚恋、家庭、邻里、债务等纠纷辱骂、恐吓的，一般不算，除非经批评制止或处罚后继续实施、破坏社会秩序。',
    'Stirring up trouble for thrills or to vent is picking quarrels; abuse arising from a dispute over love, family, neighbours or debts usually is not, unless it continues after being stopped or punished.'),
  provision(pi, 3, '第三条', '追逐、拦截、辱骂、恐吓他人，破坏社会秩序，具有下列情形之一的，应当认定为刑法第二百九十三条第一款第二项规定的“情节恶劣”：\n（一）多次追逐、拦截、辱骂、恐吓他人，造成恶劣社会影响的；\n（三）追逐、拦截、辱骂、恐吓精神病人、残疾人、流浪乞讨人员、老年人、孕妇、未成年人，造成恶劣社会影响的；\n（四）引起他人精神失常、自杀等严重后果的；\n（五）严重影响他人的工作、生活、生产、经营的；\n（六）其他情节恶劣的情形。',
    '辱骂、恐吓“情节恶劣”：多次辱骂恐吓造成恶劣社会影响；针对未成年人、老年人、孕妇、残疾人等造成恶劣社会影响；引起精神失常、自杀等后果；严重影响他人工作、生活、生产、经营。',
    '"Vile" abuse or threats: repeated, with a bad social effect; aimed at minors, the old, pregnant women or disabled people, with a bad social effect; leading to mental disorder or suicide; seriously disrupting someone\'s work, life or business.'),
];
