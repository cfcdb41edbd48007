/** Behaviours shared by the platform modules: clicking the page's own "expand" controls, never leaving the page. */
import type { Page } from 'playwright-core';

/** Clicks up to `max` buttons or links whose text matches `label` (e.g. 展开全文), except links that would navigate. */
export async function clickExpanders(page: Page, label: RegExp, max: number, what: string): Promise<string> {
  const clicked = await page.evaluate(({ source, flags, max }) => {
    const re = new RegExp(source, flags);
    let n = 0;
    for (const el of Array.from(document.querySelectorAll('a, span, button'))) {
      if (n >= max || !re.test((el.textContent ?? '').trim())) continue;
      const href = el instanceof HTMLAnchorElement ? el.getAttribute('href') : null;
      if (href && !/^(#|javascript:)/.test(href)) continue; // never leave the page
      (el as HTMLElement).click();
      n++;
    }
    return n;
  }, { source: label.source, flags: label.flags, max }).catch(() => 0);
  if (clicked) await page.waitForTimeout(800);
  return `expanded ${clicked} "${what}" control(s)`;
}
