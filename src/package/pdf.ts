/** HTML to PDF with the user's own browser (the one captures use), offline: the page may load nothing. */
import { findBrowser } from '../capture/browser/discover.js';
import { launchBrowser } from '../capture/browser/launch.js';

/** `footer`: HTML Chromium prints at the foot of every page (its .pageNumber and .totalPages spans are filled in). */
export async function renderPdf(html: string, file: string, options: { footer?: string } = {}): Promise<void> {
  const { browser } = await launchBrowser(findBrowser());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(/^(?!data:)/, (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true,
      ...(options.footer ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: options.footer } : {}) });
  } finally {
    await browser.close();
  }
}
