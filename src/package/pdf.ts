/** HTML to PDF with the user's own browser (the one captures use), offline: the page may load nothing. */
import { findBrowser } from '../capture/browser/discover.js';
import { launchBrowser } from '../capture/browser/launch.js';

export interface PdfJob {
  html: string;
  file: string;
  /** HTML Chromium prints at the foot of every page (its .pageNumber and .totalPages spans are filled in). */
  footer?: string;
}

/** Several documents printed by one browser, one after another (a long transcript in volumes). */
export async function renderPdfs(jobs: PdfJob[]): Promise<void> {
  const { browser } = await launchBrowser(findBrowser());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(/^(?!data:)/, (route) => route.abort());
    for (const job of jobs) {
      const page = await context.newPage();
      await page.setContent(job.html, { waitUntil: 'load' });
      await page.pdf({ path: job.file, format: 'A4', printBackground: true, preferCSSPageSize: true,
        ...(job.footer ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: job.footer } : {}) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

export async function renderPdf(html: string, file: string, options: { footer?: string } = {}): Promise<void> {
  await renderPdfs([{ html, file, ...options }]);
}
