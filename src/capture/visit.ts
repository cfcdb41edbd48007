/**
 * One capture, as the protocol a court would ask about: these steps, in this order. Every step is logged in
 * log.jsonl with its start, end and outcome; the manifest is written last, then the folder is moved into place.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { CaptureLog, type LoggedEntry } from './log.js';
import { runSteps, type Step } from './steps.js';
import { openProfile, startRecorders, load, waitNetworkIdle, scroll, returnToTop, closeProfile, egressRefusals } from './steps-browser.js';
import { screenshotViewport, screenshotFull, frameScreenshots, framedScreenshotsWritten, snapshotDom, snapshotMhtml, snapshotPdf, saveTarget, certificates, writeWarc, encodeVideo } from './steps-record.js';
import { redactSecrets } from './steps-redact.js';
import { pageFacts, networkFacts, environment, postFacts, platformBehaviour } from './steps-facts.js';
import { listFiles, writeManifest, type CaptureStatus, type Manifest } from './manifest.js';
import { dualTime } from './time.js';
import type { CaptureOptions } from './options.js';
import type { LaunchedBrowser } from './browser/launch.js';
import { shownUrl, type Visit } from './visit-state.js';
import { sealCapture, type SealSummary } from '../seal/seal.js';

const notLoaded = (v: Visit) => (v.loaded ? null : 'the page did not load');
const notDocument = (v: Visit) => notLoaded(v) ?? (v.isDocument ? null : 'the target is not a web page');

export const CAPTURE_STEPS: Step[] = [
  { name: 'open-fresh-profile', main: openProfile },
  { name: 'start-recorders', main: startRecorders },
  { name: 'load', main: load },
  { name: 'wait-network-idle', skipIf: notLoaded, main: waitNetworkIdle },
  { name: 'scroll-lazy-content', skipIf: notDocument, main: scroll },
  { name: 'return-to-top', skipIf: notDocument, main: returnToTop },
  { name: 'platform-behaviour', skipIf: notDocument, main: platformBehaviour },
  { name: 'screenshot-viewport', skipIf: (v) => (v.page ? null : 'no page'), afterLoadFailure: true, main: screenshotViewport },
  { name: 'screenshot-full-page', skipIf: notDocument, main: screenshotFull },
  { name: 'frame-screenshots', skipIf: (v) => (v.shotAt.viewport ? null : 'no screenshot'), afterLoadFailure: true, main: frameScreenshots },
  { name: 'snapshot-dom', skipIf: notDocument, main: snapshotDom },
  { name: 'snapshot-mhtml', skipIf: notDocument, main: snapshotMhtml },
  { name: 'snapshot-pdf', skipIf: notDocument, main: snapshotPdf },
  { name: 'save-target-file', skipIf: (v) => notLoaded(v) ?? (v.isDocument ? 'the target is a web page' : null), main: saveTarget },
  { name: 'certificates-from-live-connection', skipIf: (v) => (v.origins ? null : 'no recorder'), main: certificates },
  { name: 'close-profile', alwaysRun: true, main: closeProfile },
  { name: 'egress-refusals', alwaysRun: true, skipIf: (v) => (v.launched.gate ? null : 'not an organisation server\'s capture'), main: egressRefusals },
  { name: 'write-warc', alwaysRun: true, main: writeWarc },
  { name: 'framed-screenshots-written', alwaysRun: true, skipIf: (v) => (v.framing ? null : 'no screenshot was framed'), main: framedScreenshotsWritten },
  { name: 'encode-video', alwaysRun: true, skipIf: (v) => (v.video ? null : v.options.video ? 'no video was recorded' : 'video off (--no-video)'), main: encodeVideo },
  { name: 'extract-page-facts', alwaysRun: true, main: pageFacts },
  { name: 'extract-post-facts', alwaysRun: true, main: postFacts },
  { name: 'network-facts', alwaysRun: true, main: networkFacts },
  { name: 'environment-attestation', alwaysRun: true, main: environment },
  { name: 'redact-secrets', alwaysRun: true, skipIf: (v) => (v.secrets ? null : 'not a logged-in capture'), main: redactSecrets },
];

export interface CaptureResult {
  manifest: Manifest;
  /** The seal, or why sealing failed (the capture is kept either way, and says so). */
  seal: SealSummary | { state: 'unsealed'; error: string } | null;
  /** The temporary folder holding the finished capture, ready to be moved into place. */
  tmpDir: string;
}

function statusOf(v: Visit): CaptureStatus {
  if (v.error) return v.loaded && v.error.code === 'E_BROWSER_CRASHED' ? 'PARTIAL' : 'FAILED';
  if (v.crashed) return v.loaded ? 'PARTIAL' : 'FAILED';
  return v.reasons.length ? 'PARTIAL' : 'COMPLETE';
}

export async function captureOne(id: string, url: URL, tmpDir: string, launched: LaunchedBrowser, options: CaptureOptions, onLog?: (entry: LoggedEntry) => void): Promise<CaptureResult> {
  await mkdir(tmpDir, { recursive: true });
  const v: Visit = {
    id, url, options, dir: tmpDir, workDir: join(tmpDir, '.work'), log: new CaptureLog(join(tmpDir, 'log.jsonl'), onLog), launched,
    startedAt: new Date(), deadline: Date.now() + options.totalTimeoutMs, reasons: [], warnings: [], error: null,
    userAgent: null, mainResponse: null, redirectChain: [], loaded: false, isDocument: true, contentType: null, crashed: false, layout: {}, shotAt: {},
  };
  v.log.write({ type: 'capture', event: 'start', url: url.href });
  await runSteps(v, CAPTURE_STEPS);
  if (v.crashed && !v.reasons.some((r) => r.code === 'E_BROWSER_CRASHED') && v.error?.code !== 'E_BROWSER_CRASHED') {
    v.reasons.push({ code: 'E_BROWSER_CRASHED', zh: '取证过程中浏览器崩溃，已保存崩溃前记录的内容', en: 'The browser crashed during the visit; what was recorded before is kept' });
  }
  await rm(v.workDir, { recursive: true, force: true });
  const status = statusOf(v);
  // A logged-in capture names its URLs with their secret parameters redacted, as the WARC does.
  v.log.write({ type: 'capture', event: 'end', url: shownUrl(v, url.href), status });
  const endedAt = new Date();
  const files = await listFiles(tmpDir, v.isDocument ? undefined : (v.contentType ?? '').split(';')[0]!.trim() || undefined);
  const manifest: Manifest = {
    format: 'guzheng-capture/1', id, status, url: shownUrl(v, url.href), finalUrl: v.mainResponse ? shownUrl(v, v.mainResponse.url()) : null,
    startedAt: dualTime(v.startedAt), endedAt: dualTime(endedAt),
    reasons: v.reasons, warnings: v.warnings, error: v.error, tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...(v.network?.openAtEnd.length ? { openRequests: v.network.openAtEnd.map((o) => ({ ...o, url: shownUrl(v, o.url) })) } : {}), files,
  };
  await writeManifest(tmpDir, manifest);
  let seal: CaptureResult['seal'] = null;
  if (options.seal) {
    try {
      seal = await sealCapture(tmpDir, options.seal);
    } catch (err) {
      seal = { state: 'unsealed', error: (err as Error).message.split('\n')[0]! };
    }
  }
  return { manifest, tmpDir, seal };
}
