/** The document kinds and how one is written to DOCX or PDF. */
import { writeFile, link, unlink } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';
import type { DocInput } from './common.js';
import type { Doc } from './model.js';
import { demandLetter, disclosureRequest, notarizationRequest, platformNotice } from './kinds-notices.js';
import { civilComplaint, evidenceList, policeReport, privateProsecution } from './kinds-filings.js';

export const KINDS: Record<string, { zh: string; en: string; build: (d: DocInput) => Doc }> = {
  'platform-notice': { zh: '平台侵权通知书', en: 'notice to the platform', build: platformNotice },
  'disclosure-request': { zh: '用户信息披露申请', en: 'application for the poster\'s identity', build: disclosureRequest },
  'demand-letter': { zh: '停止侵权告知函', en: 'demand letter', build: demandLetter },
  'police-report': { zh: '报案材料', en: 'police report', build: policeReport },
  'civil-complaint': { zh: '民事起诉状', en: 'civil complaint', build: civilComplaint },
  'private-prosecution': { zh: '刑事自诉状', en: 'private prosecution', build: privateProsecution },
  'evidence-list': { zh: '证据目录', en: 'evidence list', build: evidenceList },
  'notarization-request': { zh: '证据保全公证申请', en: 'application for notarial preservation', build: notarizationRequest },
};

/** Writes the document to `out` (.docx or .pdf) without ever replacing an existing file or leaving a partial one. */
export async function writeDocument(doc: Doc, out: string): Promise<void> {
  const tmp = `${out}.partial-${process.pid}`;
  try {
    if (/\.docx$/i.test(out)) {
      const { renderDocx } = await import('./render-docx.js');
      await writeFile(tmp, await renderDocx(doc));
    } else if (/\.pdf$/i.test(out)) {
      const [{ renderHtml }, { renderPdf }] = await Promise.all([import('./render-html.js'), import('../package/pdf.js')]);
      await renderPdf(renderHtml(doc), tmp);
    } else {
      throw new GuzhengError('E_USAGE', `输出文件应以 .docx 或 .pdf 结尾：${out}`, `The output must end in .docx or .pdf: ${out}`);
    }
    await link(tmp, out).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not replaced: ${out}`) : e;
    });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
