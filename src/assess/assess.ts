/** The assessment of a case: every route, in the order a victim usually takes them, computed for one day (asOf). */
import { NOT_LEGAL_ADVICE } from '../law/disclaimer.js';
import { todayInChina } from './dates.js';
import type { CaseFacts } from './facts.js';
import { civilSuit, demandLetter, platformNotice } from './routes-civil.js';
import { policeReport, privateProsecution, publicProsecution } from './routes-criminal.js';
import { t, type Assessment } from './types.js';

export function assess(f: CaseFacts, asOfOverride?: string): Assessment {
  const asOf = asOfOverride ?? f.asOf ?? todayInChina();
  const warnings: string[] = [];
  if (!f.acts.length) warnings.push(t('案件中没有侵害行为（帖子）：请先取证或在事实文件中列出', 'the case has no acts (posts): capture them or list them in the facts file'));
  if (f.acts.some((a) => !a.start)) warnings.push(t('有帖子缺少发布日期：与日期有关的期限无法计算', 'some posts have no date: deadlines that depend on it cannot be counted'));
  if (f.acts.some((a) => a.observations.length === 0)) warnings.push(t('有帖子没有记录浏览、转发等数字', 'some posts have no recorded views or reposts'));
  warnings.push(t('期限按民法典第二百零一条、第二百零二条的方法计算，未考虑法定节假日顺延和时效中断、中止；请与律师核对', 'deadlines are counted as 民法典 201–202 count periods, without public holidays, interruption or suspension: check them with a lawyer'));
  return {
    asOf,
    routes: [platformNotice(f), demandLetter(f, asOf), policeReport(f, asOf), civilSuit(f, asOf), privateProsecution(f, asOf), publicProsecution(f, asOf)],
    warnings,
    notLegalAdvice: true,
    disclaimer: t(NOT_LEGAL_ADVICE.zh, NOT_LEGAL_ADVICE.en),
  };
}
