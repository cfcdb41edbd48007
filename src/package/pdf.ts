/** HTML to PDF with the user's own browser (the one captures use), offline: the page may load nothing. */
import { findBrowser } from '../capture/browser/discover.js';
import { launchBrowser } from '../capture/browser/launch.js';

export async function renderPdf(html: string, file: string): Promise<void> {
  const { browser } = await launchBrowser(findBrowser());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(/^(?!data:)/, (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
