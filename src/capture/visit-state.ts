/** The state of one capture while its steps run. Steps read and fill it top to bottom. */
import { redactUrl, type Secrets } from './redact.js';
import type { BrowserContext, CDPSession, Page, Response } from 'playwright-core';
import type { CaptureOptions } from './options.js';
import type { CaptureLog } from './log.js';
import type { LaunchedBrowser } from './browser/launch.js';
import type { WarcWriter } from './recorders/warc-writer.js';
import type { NetworkRecorder } from './recorders/network.js';
import type { VideoRecorder } from './recorders/video.js';
import type { DocumentBodies } from './recorders/document-bodies.js';
import type { OriginWatcher, CertificateInfo } from './facts/network-facts.js';
import type { NetworkChecks } from './environment/attest.js';
import type { CheckResult } from './environment/check.js';
import type { Reason } from './manifest.js';

export interface RedirectHop {
  url: string;
  status: number | null;
  location: string | null;
}

export interface Visit {
  id: string;
  url: URL;
  options: CaptureOptions;
  /** The temporary capture folder (renamed into place at the end). */
  dir: string;
  /** Scratch space inside it, removed before the manifest is written. */
  workDir: string;
  log: CaptureLog;
  launched: LaunchedBrowser;
  startedAt: Date;
  deadline: number;
  reasons: Reason[];
  warnings: Reason[];
  error: Reason | null;

  context?: BrowserContext;
  page?: Page;
  cdp?: CDPSession;
  warc?: WarcWriter;
  /** A logged-in capture's secret values, scrubbed from every file at the end. */
  secrets?: Secrets;
  network?: NetworkRecorder;
  origins?: OriginWatcher;
  video?: VideoRecorder;
  documentBodies?: DocumentBodies;
  checks?: NetworkChecks;
  freshness?: CheckResult;
  userAgent: string | null;

  mainResponse: Response | null;
  redirectChain: RedirectHop[];
  /** The main document answered (any status). */
  loaded: boolean;
  /** The target is a web page (HTML/XML/text), not a PDF, image or video. */
  isDocument: boolean;
  contentType: string | null;
  crashed: boolean;
  visitEndedAt?: Date;
  /** Page height, full-screenshot height and scrolls, as measured during the visit. */
  layout: { scrollHeight?: number; screenshotHeight?: number; scrolls?: number };
  /** OCR of the first-screen screenshot, started as soon as it is taken (null: no Tesseract with Chinese). */
  ocr?: Promise<string | Error> | null;
  /** The framed pictures being written (started by the frame-screenshots step). */
  framing?: Promise<string>;
  /** When each raw screenshot was taken (shown in its framed copy). */
  shotAt: { viewport?: Date; full?: Date };
  presentedCertificate?: { chain: CertificateInfo[]; error?: string; how: string };
}

export function addReason(list: Reason[], reason: Reason): void {
  if (!list.some((r) => r.code === reason.code && r.detail === reason.detail)) list.push(reason);
}

/** A URL as the capture states it: in a logged-in capture, with its secret parameters redacted (redact.ts). */
export function shownUrl(v: Visit, url: string): string {
  return v.secrets ? redactUrl(url, v.secrets) : url;
}

export function remainingMs(v: Visit): number {
  return Math.max(0, v.deadline - Date.now());
}
