/**
 * The assessment of a case: for each harm its acts did (defamation first), every route the law gives, in the order a
 * victim usually takes them, computed for one day (asOf). Each route reads only the acts that did its harm.
 */
import { NOT_LEGAL_ADVICE } from '../law/disclaimer.js';
import { todayInChina } from './dates.js';
import type { CaseFacts, HarmKind } from './facts.js';
import { actsOf, caseHarms, HARMS } from './harms.js';
import { CIVIL_SPECS } from './civil-specs.js';
import { civilSuit, demandLetter, platformNotice } from './routes-civil.js';
import { policeReport, privateProsecution, publicProsecution } from './routes-criminal.js';
import { criminalReport, noContactOrder } from './routes-harms.js';
import { t, type Assessment, type Route } from './types.js';

function routesOf(harm: HarmKind, f: CaseFacts, asOf: string): Route[] {
  if (harm === 'public-order-rumour') return [policeReport(f, asOf, harm), criminalReport(f, asOf, harm)];
  const civil = CIVIL_SPECS[harm];
  switch (harm) {
    case 'defamation': case 'insult':
      return [platformNotice(f, civil), demandLetter(f, asOf, civil), policeReport(f, asOf, harm), civilSuit(f, asOf, civil), privateProsecution(f, asOf, harm), publicProsecution(f, asOf, harm)];
    case 'privacy':
      return [platformNotice(f, civil), demandLetter(f, asOf, civil), policeReport(f, asOf, harm), civilSuit(f, asOf, civil), criminalReport(f, asOf, harm)];
    case 'portrait':
      return [platformNotice(f, civil), demandLetter(f, asOf, civil), civilSuit(f, asOf, civil)];
    case 'threat-abuse':
      return [platformNotice(f, civil), policeReport(f, asOf, harm), noContactOrder(f, asOf), civilSuit(f, asOf, civil), criminalReport(f, asOf, harm)];
  }
}

/** Texts on cyber-violence that exist but whose full official wording was not read: named, never quoted. */
export const UNVERIFIED_TEXTS = [
  t('两高一部《关于依法惩治网络暴力违法犯罪的指导意见》（2023年）：存在，但本工具没有读到其完整官方文本，未引用、未核实；其中关于人肉搜索、公诉条件等内容请向律师核实',
    'the 2023 guidance on punishing cyber-violence (两高一部《关于依法惩治网络暴力违法犯罪的指导意见》) exists, but its full official text was not read here: not quoted, not verified; check its points on doxxing and public prosecution with a lawyer'),
  t('《网络暴力信息治理规定》（国家网信办等，2024年8月1日起施行）：存在，规定了平台的处置和防护义务，但本工具没有读到其完整官方文本，未引用、未核实',
    'the 2024 Provisions on the Governance of Cyber-Violence Information (in force 2024-08-01) exist and set platforms\' duties, but their full official text was not read here: not quoted, not verified'),
];

export function assess(f: CaseFacts, asOfOverride?: string): Assessment {
  const asOf = asOfOverride ?? f.asOf ?? todayInChina();
  const warnings: string[] = [];
  if (!f.acts.length) warnings.push(t('案件中没有侵害行为（帖子）：请先取证或在事实文件中列出', 'the case has no acts (posts): capture them or list them in the facts file'));
  if (f.acts.some((a) => !a.start)) warnings.push(t('有帖子缺少发布日期：与日期有关的期限无法计算', 'some posts have no date: deadlines that depend on it cannot be counted'));
  if (f.acts.some((a) => a.observations.length === 0)) warnings.push(t('有帖子没有记录浏览、转发等数字', 'some posts have no recorded views or reposts'));
  if (f.acts.some((a) => !a.harms) && f.acts.length) warnings.push(t(`有帖子没有写明造成了哪些侵害（acts[].harms），按诽谤${f.doxxing ? '和泄露个人信息（doxxing）' : ''}处理；如果还有侮辱、泄露个人信息、肖像、威胁骚扰等，请写明`, `some posts do not say which harms they did (acts[].harms) and are taken as defamation${f.doxxing ? ' and privacy (doxxing)' : ''}; name insult, personal information, portrait, threats or rumours where they apply`));
  warnings.push(t('期限按民法典第二百零一条、第二百零二条的方法计算，未考虑法定节假日顺延和时效中断、中止；请与律师核对', 'deadlines are counted as 民法典 201–202 count periods, without public holidays, interruption or suspension: check them with a lawyer'));
  // A case with no acts still gets the defamation routes, so that it says what it needs.
  const harms = f.acts.length ? caseHarms(f) : (['defamation'] as HarmKind[]);
  const sections = harms.map((harm) => {
    const { facts, indices } = actsOf(f, harm);
    const routes = routesOf(harm, facts, asOf);
    return { section: { harm, title: t(HARMS[harm].zh, HARMS[harm].en), acts: indices, routes: routes.map((r) => r.id) }, routes };
  });
  return {
    asOf,
    harms: sections.map((s) => s.section),
    routes: sections.flatMap((s) => s.routes),
    unverified: UNVERIFIED_TEXTS,
    warnings,
    notLegalAdvice: true,
    disclaimer: t(NOT_LEGAL_ADVICE.zh, NOT_LEGAL_ADVICE.en),
  };
}
