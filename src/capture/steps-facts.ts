/** Steps that write the facts files from what was recorded: page.json + text.txt, network.json, environment.json. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractPageFacts } from './facts/page-facts.js';
import { dnsAnswers } from './facts/dns.js';
import { attestEnvironment } from './environment/attest.js';
import { dualTime } from './time.js';
import type { Visit } from './visit-state.js';

const json = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

export async function pageFacts(v: Visit): Promise<string> {
  const domPath = join(v.dir, 'dom.html');
  const stated = existsSync(domPath) ? await extractPageFacts(await readFile(domPath, 'utf8'), v.page?.url() ?? v.url.href) : null;
  const finalUrl = v.mainResponse?.url() ?? null;
  const facts = {
    requestedUrl: v.url.href,
    finalUrl,
    redirectChain: v.redirectChain,
    httpStatus: v.mainResponse?.status() ?? null,
    httpStatusText: v.mainResponse?.statusText() ?? null,
    contentType: v.contentType,
    isWebPage: v.isDocument,
    title: stated?.title ?? null,
    language: stated?.language ?? null,
    author: stated?.author ?? null,
    site: stated?.site ?? null,
    publishedTime: stated?.publishedTime ?? null,
    modifiedTime: stated?.modifiedTime ?? null,
    description: stated?.description ?? null,
    canonicalUrl: stated?.canonicalUrl ?? null,
    factsSource: stated ? 'dom.html (the DOM snapshot recorded in this capture)' : 'no DOM snapshot',
    jsonLd: stated?.jsonLd ?? [],
    openGraph: stated?.openGraph ?? {},
    meta: stated?.meta ?? {},
    readability: stated?.readability ?? null,
    mainTextSource: stated?.mainTextSource ?? null,
    layout: { viewport: v.options.viewport, pageHeight: v.layout.scrollHeight ?? null, fullScreenshotHeight: v.layout.screenshotHeight ?? null, scrolls: v.layout.scrolls ?? 0 },
    userAgent: v.userAgent,
    capture: { startedAt: dualTime(v.startedAt), visitEndedAt: v.visitEndedAt ? dualTime(v.visitEndedAt) : null },
  };
  await writeFile(join(v.dir, 'page.json'), json(facts));
  if (stated) await writeFile(join(v.dir, 'text.txt'), stated.mainText + '\n');
  return `title: ${facts.title ?? '—'}; author: ${facts.author?.value ?? '—'}; published: ${facts.publishedTime?.value ?? '—'}`;
}

export async function networkFacts(v: Visit): Promise<string> {
  const hosts = [...(v.network?.hosts ?? new Set([v.url.hostname]))];
  if (!hosts.includes(v.url.hostname)) hosts.unshift(v.url.hostname);
  const dns = await dnsAnswers(hosts, v.options.dnsServer, v.options.envCheckTimeoutMs);
  const dnsOverride = v.launched.flags.filter((f) => f.startsWith('--host-resolver-rules'));
  await writeFile(join(v.dir, 'network.json'), json({
    origins: [...(v.origins?.origins.values() ?? [])],
    presentedCertificate: v.presentedCertificate ?? null,
    dns,
    browserDnsOverride: dnsOverride.length ? { flags: dnsOverride, note: 'The browser was told to resolve some host names itself (--host-resolver-rules); its DNS did not come from the resolver above.' } : null,
    exchanges: v.network?.exchanges ?? 0,
    bodyBytes: v.network?.bodyBytes ?? 0,
    truncatedBodies: v.network?.truncatedCount ?? 0,
    failures: v.network?.failures ?? [],
  }));
  return `${v.origins?.origins.size ?? 0} origin(s), ${dns.length} host(s) looked up`;
}

export async function environment(v: Visit): Promise<string> {
  if (!v.checks) return 'no browser context was opened';
  const env = await attestEnvironment({ launched: v.launched, options: v.options, checks: v.checks,
    freshness: v.freshness ?? { name: 'profile-fresh', measured: false, notMeasured: 'not measured: no context', at: new Date().toISOString() },
    hostsVisited: [...(v.network?.hosts ?? [])], userAgent: v.userAgent });
  await writeFile(join(v.dir, 'environment.json'), json(env));
  const c = env.checks;
  return `clock: ${c.clock.measured ? `${(c.clock.value as { offsetMs: number }).offsetMs} ms` : c.clock.notMeasured}; public IP: ${c.publicIp.measured ? 'measured' : c.publicIp.notMeasured}`;
}

/** post.json: the post's facts by the platform's module, read from the WARC and the DOM snapshot just written. */
export async function postFacts(v: Visit): Promise<string> {
  const [{ loadRecorded }, { extractPost }] = await Promise.all([import('../platforms/recorded.js'), import('../platforms/registry.js')]);
  const recorded = await loadRecorded(v.dir, v.url.href, v.mainResponse?.url() ?? null, v.startedAt.toISOString());
  const facts = await extractPost(recorded);
  const login = v.options.login;
  if (login) {
    facts.loggedIn = { platform: login.platform, account: login.account, savedAt: login.savedAt };
    if (facts.state.value === 'login-wall') facts.notes.push(`保存的登录似乎已失效，请重新运行 guzheng login ${login.platform} / the saved login seems to have expired: run guzheng login ${login.platform} again`);
  }
  const { checkAgainstScreenshot } = await import('../platforms/screenshot-check.js');
  await checkAgainstScreenshot(facts, join(v.dir, 'screenshot-viewport.png'), undefined, v.ocr);
  const { saveMedia } = await import('../platforms/media.js');
  const media = await saveMedia(v.dir, facts, v.launched.gate ? `socks5://127.0.0.1:${v.launched.gate.port}` : undefined);
  await writeFile(join(v.dir, 'post.json'), json(facts));
  const flagged = facts.checks.filter((c) => !c.ok).length;
  return `${facts.module}: state ${facts.state.value}; ${media}; author ${facts.author.name?.value ?? '—'}; missing ${facts.missing.join(', ') || 'nothing'}${flagged ? `; ${flagged} fact(s) disagree with the visible page` : ''}`;
}

/** What the platform's module does on the page before it is recorded (展开全文 and the like). */
export async function platformBehaviour(v: Visit): Promise<string> {
  const { platformFor } = await import('../platforms/registry.js');
  const module = platformFor(v.url);
  if (!module.behaviour || !v.page) return `${module.id}: nothing to do`;
  const [{ runBehaviour }, { waitQuiet }, { remainingMs }] = await Promise.all([import('../platforms/behave.js'), import('./behaviours/scroll.js'), import('./visit-state.js')]);
  const settle = async () => void (await waitQuiet(v.network!, v.options.networkIdleQuietMs, Math.min(v.options.networkIdleTimeoutMs, remainingMs(v))));
  return `${module.id}: ${await runBehaviour(v.page, module.behaviour, { comments: v.options.comments, settle })}`;
}
