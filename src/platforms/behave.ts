/**
 * What a platform module does on the page before it is recorded, as data: expand the full text, open the repost list
 * where it is public, load the first N comments and open their replies. One runner carries it out for every module,
 * clicking only the page's own controls and never leaving the page: a control that is a link to another page is
 * skipped, and if a click moves the page elsewhere anyway the runner stops and says so.
 */
import type { Page } from 'playwright-core';

export interface Behaviour {
  /** 展开全文 / 阅读全文: controls that show the rest of the text in place. */
  expand?: { label: RegExp; max: number; what: string };
  /** The repost (转发) list: the tab that opens it and the tab that returns to the comments. */
  reposts?: { open: RegExp; back: RegExp; within?: string };
  /** "Load more comments" controls; infinite lists load by scrolling to the bottom, which every round does too. */
  moreComments?: RegExp;
  /** "共3条回复" / "展开 5 条回复": controls that open a comment's replies in place. */
  moreReplies?: RegExp;
  /** Comments one load brings (to know how many rounds reach N); 10 if not given. */
  commentsPerLoad?: number;
}

export interface BehaveContext {
  /** Load about this many comments (0: none beyond what the page shows by itself). */
  comments: number;
  /** Waits until the page's network is quiet again. */
  settle(): Promise<void>;
}

/** Clicks up to `max` visible controls whose own text matches `label`, innermost first, except links to other pages. */
async function clickControls(page: Page, label: RegExp, max: number, within?: string): Promise<number> {
  return page.evaluate(({ source, flags, max, within }) => {
    const re = new RegExp(source, flags);
    const scope = within ? Array.from(document.querySelectorAll(within)) : [document.body];
    const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const candidates = scope.flatMap((s) => Array.from(s.querySelectorAll('a, span, button, div, h4, li, [role="button"], [role="tab"]')))
      .filter((el) => re.test(text(el)) && !Array.from(el.children).some((c) => re.test(text(c))));
    let n = 0;
    for (const el of new Set(candidates)) {
      if (n >= max) break;
      const link = el.closest('a');
      const href = link?.getAttribute('href');
      if (href && !/^(#|javascript:)/.test(href)) continue; // never leave the page
      const box = (el as HTMLElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      (el as HTMLElement).click();
      n++;
    }
    return n;
  }, { source: label.source, flags: label.flags, max, within }).catch(() => 0);
}

const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight).catch(() => 0);
const toBottom = (page: Page) => page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)).catch(() => undefined);

/** Carries out a module's behaviour; returns what was done, for the capture log. Never throws. */
export async function runBehaviour(page: Page, b: Behaviour, ctx: BehaveContext): Promise<string> {
  const done: string[] = [];
  const start = page.url();
  const moved = () => page.url().split('#')[0] !== start.split('#')[0];
  const step = async (what: string, clicks: number) => {
    if (clicks) await ctx.settle();
    done.push(`${what}: ${clicks}`);
    return !moved();
  };
  try {
    if (b.expand && !(await step(`expanded "${b.expand.what}"`, await clickControls(page, b.expand.label, b.expand.max)))) return stopped(done, page);
    if (b.reposts && ctx.comments > 0) {
      const opened = await clickControls(page, b.reposts.open, 1, b.reposts.within);
      if (!(await step('opened the repost list', opened))) return stopped(done, page);
      if (opened) {
        await toBottom(page);
        await ctx.settle();
        if (!(await step('back to the comments', await clickControls(page, b.reposts.back, 1, b.reposts.within)))) return stopped(done, page);
      }
    }
    if (ctx.comments > 0 && (b.moreComments || b.moreReplies)) {
      const rounds = Math.max(0, Math.ceil(ctx.comments / (b.commentsPerLoad ?? 10)) - 1);
      let loads = 0;
      let scrolled = 0;
      for (let i = 0; i < rounds; i++) {
        const before = await height(page);
        await toBottom(page);
        await ctx.settle();
        const clicked = b.moreComments ? await clickControls(page, b.moreComments, 1) : 0;
        if (clicked) {
          loads++;
          await ctx.settle();
        } else if ((await height(page)) > before) {
          scrolled++;
        } else {
          break;
        }
        if (moved()) return stopped(done, page);
      }
      done.push(`loaded more comments: ${loads} click(s), ${scrolled} scroll(s)`);
      if (b.moreReplies && !(await step('opened replies', await clickControls(page, b.moreReplies, Math.min(ctx.comments, 10))))) return stopped(done, page);
    }
    await page.evaluate(() => window.scrollTo(0, 0)).catch(() => undefined);
    await ctx.settle();
  } catch (err) {
    done.push(`stopped: ${(err as Error).message.split('\n')[0]}`);
  }
  return done.join('; ') || 'nothing to do';
}

function stopped(done: string[], page: Page): string {
  done.push(`stopped: a click moved the page to ${page.url()}`);
  return done.join('; ');
}
