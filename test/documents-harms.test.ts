/**
 * The documents of a mixed case (issue 14) name every harm with its own posts, what the victim must say and its law:
 * the 报案材料 asks the police under the provision of each harm (by the day of its act) and for a 禁止接触 order after
 * 2026-01-01; the 民事起诉状 has one cause per right; the 刑事自诉状 charges 诽谤罪 and 侮辱罪 and names the harms it
 * cannot charge; the platform notice cites the personal information rules for personal information. A case whose acts
 * only defame reads as before. Facts are SYNTHETIC.
 */
import { describe, expect, it } from 'vitest';
import { checkFacts, type CaseFacts } from '../src/assess/facts.js';
import { KINDS } from '../src/documents/build.js';
import { evidenceFromFacts } from '../src/documents/evidence.js';
import { plain, type Block, type Doc } from '../src/documents/model.js';

const MIXED = checkFacts({
  asOf: '2026-03-10', victim: { name: '张三' }, poster: { identified: false, account: 'xx123', platform: 'weibo' },
  acts: [
    { url: 'https://weibo.com/1/AAA', platform: 'weibo', start: '2026-02-01', harms: ['defamation', 'privacy'], summary: '张三收黑钱，她家住某小区3栋，电话138…（合成）',
      personalInfo: { kinds: ['phone', 'address'], records: 2 }, observations: [{ at: '2026-02-03T10:00:00+08:00', reposts: 620 }] },
    { url: 'https://weibo.com/1/BBB', platform: 'weibo', start: '2025-12-20', end: '2026-01-05', harms: ['threat-abuse'], summary: '知道你住哪，小心点（合成）', observations: [] },
    { url: 'https://weibo.com/1/CCC', platform: 'weibo', start: '2026-02-10', harms: ['insult', 'portrait'], summary: 'P图配辱骂（合成）', observations: [] },
  ],
  abuse: { harassment: true },
});

function text(doc: Doc): string {
  const out: string[] = [];
  const walk = (b: Block) => {
    if (b.kind === 'title' || b.kind === 'heading') out.push(b.text);
    else if (b.kind === 'para') out.push(plain(b.parts));
    else if (b.kind === 'table') out.push(b.rows.map((r) => r.map((c) => plain(c)).join(' | ')).join('\n'));
  };
  doc.blocks.forEach(walk);
  return out.join('\n');
}

const build = (kind: string, facts: CaseFacts) => text(KINDS[kind]!.build({ facts, evidence: evidenceFromFacts(facts), date: '2026-03-10' }));
const count = (s: string, what: string) => s.split(what).length - 1;

describe('the documents of a mixed case name every harm', () => {
  it('报案材料: each harm its facts and its provision; portraits sent to the civil route; a 禁止接触 request; each provision quoted once', () => {
    const s = build('police-report', MIXED);
    for (const h of ['（一）诽谤', '（二）侮辱', '（三）泄露隐私和个人信息', '（四）侵害肖像权', '（五）威胁、辱骂和骚扰']) expect(s).toContain(h);
    expect(s).toContain('被举报的行为：诽谤、侮辱、泄露隐私和个人信息（人肉搜索）、侵害肖像权、威胁、辱骂和骚扰。');
    expect(s).toContain('第五十条第一款第（六）项');
    expect(s).toContain('第五十六条');
    expect(s).toContain('第五十条第一款第（一）项');
    expect(s).toContain('侵犯公民个人信息罪');
    expect(s).toContain('寻衅滋事罪');
    expect(s).toContain('侵害肖像权属于民事侵权');
    expect(s).toContain('责令其在一定期限内禁止接触报案人');
    // One post that defames and discloses is told once and referred to under the second harm.
    expect(count(s, '张三收黑钱')).toBe(1);
    expect(s).toContain('即上文第 1 项（https://weibo.com/1/AAA）');
    // 第五十条第一款第（二）项 serves defamation and insult: quoted once.
    expect(count(s, '（二）公然侮辱他人或者捏造事实诽谤他人的；”')).toBe(1);
  });

  it('报案材料 for harassment only before 2026: the 2012 items, and no 禁止接触 request (the old law has none)', () => {
    const old = checkFacts({ ...MIXED, acts: [{ ...MIXED.acts[1]!, end: null, start: '2025-10-01' }] });
    const s = build('police-report', old);
    expect(s).toContain('第四十二条第（一）项');
    expect(s).not.toContain('禁止接触');
  });

  it('民事起诉状: one cause per right, a claim per harm, each right with its articles', () => {
    const s = build('civil-complaint', MIXED);
    expect(s).toContain('案由：名誉权纠纷、隐私权纠纷、个人信息保护纠纷、肖像权纠纷');
    expect(s).toContain('判令被告立即删除其公开的原告个人信息和私密信息');
    expect(s).toContain('判令被告立即停止使用并删除其使用、丑化或伪造的原告肖像');
    expect(s).toContain('侵扰原告的私人生活安宁');
    expect(s).toContain('被告的上述行为侵害了原告的肖像权');
    expect(s).toContain('第一千零一十九条');
    expect(s).toContain('个人信息保护法》（2021年8月20日）第六十九条');
    // Defences are the other side's to plead, not quoted in the complaint.
    expect(s).not.toContain('第一千零二十条');
    expect(s).not.toContain('第七十二条');
  });

  it('刑事自诉状: 诽谤罪、侮辱罪, each with its own 情节; the other harms named as reported elsewhere', () => {
    const s = build('private-prosecution', MIXED);
    expect(s).toContain('案由：诽谤罪、侮辱罪');
    // The threats began on 2025-12-20, but they are not charged here: the crimes charged began on 2026-02-01.
    expect(s).toContain('犯罪时间：2026年2月1日起');
    expect(s).toContain('（一）诽谤罪');
    expect(s).toContain('（二）侮辱罪');
    expect(s).toContain('被告人在信息网络上公然侮辱自诉人');
    expect(s).toContain('有帖子达到五千次浏览或五百次转发');
    expect(s).toContain('此外，被告人还实施了泄露隐私和个人信息（人肉搜索）、侵害肖像权、威胁、辱骂和骚扰的行为');
  });

  it('the platform notice: every right, a reason per harm, and the personal information rules for personal information', () => {
    const s = build('platform-notice', MIXED);
    expect(s).toContain('侵害了通知人的名誉权、隐私权和个人信息权益、肖像权、隐私权（私人生活安宁）');
    for (const h of ['侵权理由（诽谤）', '侵权理由（侮辱）', '侵权理由（泄露隐私和个人信息（人肉搜索））', '侵权理由（侵害肖像权）', '侵权理由（威胁、辱骂和骚扰）']) expect(s).toContain(h);
    expect(s).toContain('《中华人民共和国民法典》第一千零三十七条和《中华人民共和国个人信息保护法》第四十七条');
    expect(s).toContain('个人信息保护法》（2021年8月20日）第五十条');
    expect(count(s, '第一千零三十二条：')).toBe(1);
  });

  it('a case whose acts only defame reads as before: no harm headings, 名誉权纠纷, 诽谤罪', () => {
    const only = checkFacts({ ...MIXED, acts: [{ ...MIXED.acts[0]!, harms: undefined, personalInfo: undefined }] });
    expect(build('civil-complaint', only)).toContain('案由：名誉权纠纷');
    expect(build('civil-complaint', only)).not.toContain('（一）诽谤');
    expect(build('private-prosecution', only)).toContain('案由：诽谤罪');
    expect(build('platform-notice', only)).toContain('侵害了通知人的名誉权：');
    expect(build('police-report', only)).not.toContain('被举报的行为');
  });
});
