/**
 * Every request the UI makes, in one place, typed. All go to the app's own origin with its cookie. A failed request
 * throws an ApiError with the server's {code, zh, en}; a request that never got an answer throws E_NETWORK.
 */

export interface Texts { zh: string; en: string }

export class ApiError extends Error {
  constructor(readonly code: string, readonly zh: string, readonly en: string, readonly status: number | null = null, readonly detail?: unknown) {
    super(`${code}: ${en}`);
  }
}

/** No answer at all: the local app may have been closed; the organisation's server may be down or out of reach. */
export const networkError = () => (me?.server
  ? new ApiError('E_NETWORK', '无法连接到固证服务器：服务器可能暂时不可用，或网络已断开。请稍后刷新本页；如果一再出现，请联系本组织的管理员。',
    'Cannot reach the guzheng server: it may be down for a moment, or the network is off. Reload this page later; if it keeps happening, tell your organisation\'s administrator.')
  : new ApiError('E_NETWORK', '无法连接到固证：应用可能已关闭，请重新运行 npm start，然后刷新本页。',
    'Cannot reach guzheng: the app may have been stopped. Run npm start again, then reload this page.'));

/**
 * On the organisation server (guzheng serve) the page must sign in first, and every change carries the session's
 * CSRF token; the local app answers {server: false} (an older one, 404) and has no token. `me` is the last answer of
 * /api/auth: undefined until the first one, null in the local app. Signing in and out are the server's routes only
 * (documented in its OpenAPI document, not the local app's): the page calls them only after /api/auth said server.
 */
const AUTH = '/api/auth';
export type Role = 'owner' | 'lawyer' | 'staff' | 'viewer';
export interface Me { server: boolean; signedIn: boolean; email?: string | null; org?: string; role?: Role; csrf?: string; via?: string }

let me: Me | null | undefined;
let csrf: string | null = null;
let firstAuth: Promise<Me | null> | null = null;
const authListeners = new Set<(m: Me | null) => void>();

function setMe(m: Me | null): void {
  me = m;
  csrf = m?.signedIn ? m.csrf ?? null : null;
  for (const f of authListeners) f(m);
}

/** Calls f whenever the page learns it is signed in or out (sign-in, sign-out, a session that expired). */
export function onAuth(f: (m: Me | null) => void): () => void {
  authListeners.add(f);
  return () => authListeners.delete(f);
}

const notSignedIn = () => new ApiError('E_AUTH', '未登录：请先登录', 'Not signed in: sign in first', 401);

async function request<T>(method: string, url: string, body?: unknown, raw = false): Promise<T> {
  if (!url.startsWith(AUTH)) {
    // Nothing is asked before the page knows whether it must sign in (screens load as soon as they are drawn).
    await (firstAuth ??= api.auth()).catch(() => undefined);
    if (me?.server && !me.signedIn) throw notSignedIn();
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    init.body = raw ? (body as Blob) : JSON.stringify(body);
    headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw networkError();
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = json as Partial<{ code: string; zh: string; en: string; detail: unknown }> | null;
    // The server's session ended (expired, signed out in another tab): the page goes back to signing in.
    if (res.status === 401 && e?.code === 'E_AUTH' && me?.server && me.signedIn) setMe({ server: true, signedIn: false });
    if (e && typeof e.code === 'string') throw new ApiError(e.code, e.zh ?? e.en ?? e.code, e.en ?? e.zh ?? e.code, res.status, e.detail);
    throw new ApiError(`E_HTTP_${res.status}`, `固证返回了错误（HTTP ${res.status}）。`, `guzheng answered with an error (HTTP ${res.status}).`, res.status);
  }
  return json as T;
}

const get = <T>(url: string) => request<T>('GET', url);
const post = <T>(url: string, body: unknown = {}) => request<T>('POST', url, body);
const put = <T>(url: string, body: unknown) => request<T>('PUT', url, body);
const enc = encodeURIComponent;

// ---- Types of the answers ----

export interface Session { version: string; disclaimer: Texts; demo: boolean }
export interface Deadline { date: string; what: string; route?: string }
export interface CaseSummary { id: string; title: string; createdAt: string; default: boolean; items: number; nearestDeadline: Deadline | null }
export interface CaseInfo { id: string; title: string; createdAt: string; default: boolean }
export type ItemStatus = 'COMPLETE' | 'PARTIAL' | 'FAILED' | 'capturing' | 'interrupted';
export type SealState = 'timestamped' | 'awaiting-timestamp' | 'unsealed' | null;
export interface ItemSummary { id: string; kind: string; status: ItemStatus; url: string | null; name: string | null; seal: SealState; startedAt: string; thumbnail: string | null }

export interface Step { name: string; outcome: 'ok' | 'failed' | 'skipped' | string; detail?: string }
export type JobState = 'queued' | 'running' | 'done' | 'failed';
export interface Job {
  id: string; kind: 'capture' | 'export' | string; state: JobState; url?: string; item?: string;
  error?: { code: string; zh: string; en: string }; steps: Step[]; result?: any;
}

export interface Reason { code: string; zh: string; en: string; detail?: unknown }
export interface ItemFile { path: string; role: string; mediaType: string; size: number; sha256: string; sm3: string }
export interface CustodyEvent { seq?: number; type: string; at: string; actor?: string; detail?: unknown; hash?: string }
export interface Fact<T> { value: T; source: string; raw?: string }
export interface Comment {
  author?: string | null; time?: string | null; timeRaw?: string | null; text?: string | null; ipLocation?: string | null;
  likes?: number | null; replies?: Comment[]; source?: string;
}
export interface PostFacts {
  platform?: string; state?: (Fact<string> & { reason?: string }) | null;
  author?: { name?: Fact<string> | null; id?: Fact<string> | null; profileUrl?: Fact<string> | null } | null;
  title?: Fact<string> | null; publishedAt?: Fact<string> | null; editedAt?: Fact<string> | null;
  ipLocation?: Fact<string> | null; text?: Fact<string> | null;
  counts?: Record<string, Fact<number> | undefined> | null; countsReadAt?: string;
  comments?: Comment[] | null; reposts?: Comment[] | null;
  checks?: { name?: string; field?: string; ok: boolean; detail?: string }[] | null;
  missing?: string[] | null; notes?: string[] | null;
  loggedIn?: { platform: string; account: string | null; savedAt: string } | null;
}
export interface ItemDetail {
  id: string; case: string; kind: string; url: string | null; finalUrl: string | null; status: ItemStatus; seal: SealState;
  startedAt: string; endedAt: string | null; reasons: Reason[]; warnings: Reason[]; files: ItemFile[];
  post: PostFacts | null; network: Record<string, any> | null; environment: Record<string, any> | null; events: CustodyEvent[];
  imported: ImportRecord | null;
}
/** An imported file's record (import.json): its source, carrier, checks and what it proves. */
export interface ImportRecord {
  kind: string; fileFormat: string; source: { name: string; size: number; sha256: string; sm3: string; fileTimes: { modified: string } };
  carrier: Record<string, string> | null; summary: Record<string, any>; checks: ImportCheck[]; statement: Texts; timeZone: { zone: string };
}
export interface ImportCheck { id: string; result: 'ok' | 'flag' | 'info'; zh: string; en: string; evidence?: unknown }
export interface ImportOutcome {
  file: string; item: string | null; case: string | null; kind: string | null; format: string | null; status: 'COMPLETE' | 'PARTIAL' | 'duplicate' | 'error';
  checks: ImportCheck[]; reasons: Reason[]; summary: Record<string, any>; seal: SealState;
}
export interface Carrier { device?: string; os?: string; app?: string; appVersion?: string; account?: string; exportedBy?: string; exportedAt?: string; originalKeptAt?: string; note?: string }
export interface ChatMessage {
  index: number; sender: { name: string | null; id: string | null; isOwner?: boolean }; time: { raw: string; utc: string | null; zone: string; zoneAssumed: boolean };
  type: string; text: string; media?: { ref: string; file?: { path: string; sha256: string } }[];
}
export interface IdentityChecklist { party: { name: string | null; id: string | null }; have: { field: string; value: string; source: string }[]; missing: string[] }
export interface WatchObservation { at: string; state: string; counts: Record<string, number>; raw: Record<string, string>; http: number | null; error: string | null; mode: string | null; access: string | null; warc: string | null }
export interface WatchAlert { at: string; kind: string; zh: string; en: string; detail: Record<string, unknown>; evidence?: { warc: string | null; capture: string | null } }
export interface WatchSummary {
  id: string; url: string; state: string | null; schedule: string; everySeconds: number; paused: boolean; lastAt: string | null; last: WatchObservation | null; alerts: WatchAlert[];
  captures: number; timestamps: number;
}
export interface WatchNotify { webhook: string | null; smtp: { url: string; from: string; to: string } | null }
export interface ChatSelection { ranges: string; indexes: number[]; at: string }
export interface ChatView { item: string; format: string; title: string | null; total: number; messages: ChatMessage[]; selection: ChatSelection | null }
export type VerifyState = 'valid' | 'intact-time-not-fixed' | 'invalid';
export interface VerifyCheck { name: string; ok: boolean; zh?: string; en?: string; detail?: string; warning?: boolean }
export interface VerifyResult { state: VerifyState; checks: VerifyCheck[]; items?: string[]; signedBy?: unknown }

// The case facts are the assessment's own types (src/assess/facts.ts), imported as types only: nothing of the server
// is bundled into the page.
import type { Abuse, Act, CaseFacts, Consequence, Goal, HarmKind, InfoKind, Observation, PersonalInfo, SocialOrderHarm } from '../../assess/facts';
export type { Abuse, Act, CaseFacts, Consequence, Goal, HarmKind, InfoKind, Observation, PersonalInfo, SocialOrderHarm };
export type CountKey = Exclude<keyof Observation, 'at' | 'item'>;
export const COUNT_KEYS: readonly CountKey[] = ['views', 'reads', 'plays', 'reposts', 'shares', 'comments', 'likes'];

export interface Condition { name: string; met: boolean | null; detail: string; kind: 'requires' | 'exception' | 'part' | 'note'; ask?: string }
/** A citation with the quoted words of its article (verbatim from ../shared/law), its plain explanation and how far its text is verified. */
export interface Citation { law: string; version?: string; article: string; text?: string; explain?: { zh: string; en: string }; status?: string; title?: string; id?: string }
/**
 * A route of one harm. Its id is one of platform-notice, demand-letter, police-report, civil-suit, private-prosecution,
 * public-prosecution, criminal-report (a crime the police investigate), no-contact-order (禁止接触, from 2026); the
 * same id appears once per harm that has it.
 */
export interface Route {
  id: string; harm: HarmKind; title: string; available: boolean | null; reasons: string[]; conditions: Condition[]; deadlines: Deadline[];
  citations: Citation[]; missing: string[]; caveats: string[]; questions: string[]; blockedBy?: string[];
}
/** One harm the case's acts did: its title ("中文 / English"), the acts (places in the effective facts' acts) and its routes' ids, in order. */
export interface HarmSection { harm: HarmKind; title: string; acts: number[]; routes: string[] }
export interface Assessment {
  asOf: string; harms: HarmSection[]; routes: Route[]; warnings: string[]; disclaimer: string | Texts;
  /** Texts that bear on the case but are not quoted: no full official text was read. */
  unverified: string[];
}
export interface DocumentKind { id: string; zh: string; en: string }
export interface MadeDocument { id: string; kind: string; blanks: string[]; evidence: number; pdf: string; docx: string }
export interface ExportResult { download: string; sha256: string; size: number; items: string[]; skipped: { item: string; status: string }[] }
export interface Login { platform: string; savedAt: string; account: string | null }
export interface BackupDestination { id: string; location: string; addedAt: string }
export interface BackupReport { location: string; copied: number; alreadyThere: number; error?: string }
export interface LoginPlatform { id: string; zh: string; en: string }

// ---- Calls ----

export const api = {
  /** Whether this is the organisation server and who is signed in; null in the local app ({server: false}, or 404). */
  auth: async (): Promise<Me | null> => {
    try {
      const m = await get<Me>(AUTH);
      setMe(m.server ? m : null);
      return m.server ? m : null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setMe(null);
        return null;
      }
      throw e;
    }
  },
  /** The page's first answer of /api/auth (asked once; every other call waits for it). */
  firstAuth: (): Promise<Me | null> => (firstAuth ??= api.auth()),
  login: async (email: string, password: string): Promise<Me> => {
    const m = await post<Me>(`${AUTH}/login`, { email, password });
    setMe(m);
    return m;
  },
  logout: async (): Promise<void> => {
    try {
      await post<{ signedIn: false }>(`${AUTH}/logout`);
    } finally {
      setMe({ server: true, signedIn: false });
    }
  },
  session: () => get<Session>('/api/session'),
  cases: () => get<{ cases: CaseSummary[] }>('/api/cases'),
  createCase: (title: string) => post<{ id: string }>('/api/cases', { title }),
  case: (id: string) => get<CaseInfo>(`/api/cases/${enc(id)}`),
  items: (caseId: string) => get<{ items: ItemSummary[] }>(`/api/cases/${enc(caseId)}/items`),
  capture: (caseId: string, body: { urls: string[]; video?: boolean; comments?: number; login?: string }) =>
    post<{ jobs: { id: string; url: string }[] }>(`/api/cases/${enc(caseId)}/captures`, body),
  demo: () => post<{ url: string }>('/api/demo'),
  job: (id: string) => get<Job>(`/api/jobs/${enc(id)}`),
  item: (id: string) => get<ItemDetail>(`/api/items/${enc(id)}`),
  verifyItem: (id: string) => post<VerifyResult>(`/api/items/${enc(id)}/verify`),
  addNote: (id: string, text: string) => post<object>(`/api/items/${enc(id)}/notes`, { text }),
  facts: (caseId: string) => get<{ stated: CaseFacts | null; effective: CaseFacts }>(`/api/cases/${enc(caseId)}/facts`),
  saveFacts: (caseId: string, facts: CaseFacts) => put<{ saved: true }>(`/api/cases/${enc(caseId)}/facts`, facts),
  assessment: (caseId: string) => get<Assessment>(`/api/cases/${enc(caseId)}/assessment`),
  documentKinds: () => get<{ kinds: DocumentKind[] }>('/api/document-kinds'),
  makeDocument: (caseId: string, kind: string, date?: string) =>
    post<MadeDocument>(`/api/cases/${enc(caseId)}/documents`, date ? { kind, date } : { kind }),
  exportCase: (caseId: string) => post<{ job: { id: string } }>(`/api/cases/${enc(caseId)}/exports`),
  verifyPackage: (file: Blob) => request<VerifyResult>('POST', '/api/verify', file, true),
  pendingSeals: () => get<{ items: { id: string; url: string | null; startedAt: string }[] }>('/api/seals/pending'),
  timestampPending: () => post<{ results: { item: string; state: string }[] }>('/api/seals/pending'),
  backups: () => get<{ destinations: BackupDestination[] }>('/api/backups'),
  checkVault: () => post<{ job: { id: string } }>('/api/check'),
  addBackup: (location: string) => post<BackupDestination>('/api/backups', { location }),
  runBackups: () => post<{ results: BackupReport[]; sealed: { item: string; state: string }[] }>('/api/backups/run'),
  logins: () => get<{ logins: Login[] }>('/api/logins'),
  loginPlatforms: () => get<{ platforms: LoginPlatform[] }>('/api/login-platforms'),
  startLogin: (platform: string) => post<{ job: { id: string } }>('/api/logins', { platform }),
  loginDone: (jobId: string) => post<{ job: { id: string } }>(`/api/logins/${enc(jobId)}/done`),
  /** One file, its bytes unchanged; a file not imported is an ApiError (422) with the reason. */
  importFile: (caseId: string, file: File, options: { tz?: string; carrier?: Carrier }) => {
    const q = new URLSearchParams({ name: file.name, modified: String(file.lastModified) });
    if (options.tz) q.set('tz', options.tz);
    if (options.carrier && Object.keys(options.carrier).length) q.set('carrier', JSON.stringify(options.carrier));
    return request<ImportOutcome>('POST', `/api/cases/${enc(caseId)}/imports` + `?${q}`, file, true);
  },
  chat: (itemId: string, search?: string) => get<ChatView>(`/api/items/${enc(itemId)}/chat` + (search ? `?search=${enc(search)}` : '')),
  watches: (caseId: string) => get<{ watches: WatchSummary[] }>(`/api/cases/${enc(caseId)}/watches`),
  addWatches: (caseId: string, urls: string[], every: string, capture: boolean) => post<{ watches: { id: string; url: string; existed: boolean }[] }>(`/api/cases/${enc(caseId)}/watches`, { urls, every, capture }),
  watchNotify: () => get<WatchNotify>('/api/watch-notify'),
  setWatchNotify: (change: { webhook?: string; smtp?: string; from?: string; to?: string; off?: boolean }) => put<WatchNotify>('/api/watch-notify', change),
  testWatchNotify: () => post<{ sent: { to: string; ok: boolean; error?: string }[] }>('/api/watch-notify/test'),
  pauseWatch: (id: string) => post<{ id: string }>(`/api/watches/${enc(id)}/pause`),
  resumeWatch: (id: string) => post<{ id: string }>(`/api/watches/${enc(id)}/resume`),
  identity: (itemId: string) => get<{ parties: IdentityChecklist[] }>(`/api/items/${enc(itemId)}/identity`),
  linkIdentity: (itemId: string, party: string, link: string) => post<{ parties: IdentityChecklist[] }>(`/api/items/${enc(itemId)}/identity`, { party, link }),
  selectMessages: (itemId: string, ranges: string) => post<{ selection: ChatSelection; messages: ChatMessage[] }>(`/api/items/${enc(itemId)}/chat/selection`, { ranges }),
};

export const fileUrl = (itemId: string, path: string) => `/api/items/${enc(itemId)}/files/${path.split('/').map(enc).join('/')}`;
export const packageUrl = (itemId: string) => `/api/items/${enc(itemId)}/package`;
export const watchChartUrl = (caseId: string, n: number) => `/api/cases/${enc(caseId)}/watch-chart` + `?n=${n}`;
export const watchPostChartUrl = (id: string, n: number) => `/api/watches/${enc(id)}/chart` + `?n=${n}`;

const finished = (j: Job) => j.state === 'done' || j.state === 'failed';

/**
 * Follows a job live: Server-Sent Events first (steps as they happen, then the whole job on each state change); if
 * the stream fails before the job ends, polls GET /api/jobs/{id} every second. Returns a function that stops.
 */
export function watchJob(id: string, onJob: (job: Job) => void, onError: (e: ApiError | null) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Job = { id, kind: '', state: 'queued', steps: [] };
  const emit = (j: Job) => {
    current = { ...j, steps: Array.isArray(j.steps) ? j.steps : current.steps };
    onJob(current);
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const j = await api.job(id);
      onError(null);
      emit(j);
      if (finished(j)) return;
    } catch (e) {
      onError(e instanceof ApiError ? e : networkError());
      if (e instanceof ApiError && e.status === 404) return;
    }
    if (!stopped) timer = setTimeout(poll, 1000);
  };
  if (typeof EventSource === 'undefined') {
    void poll();
    return () => { stopped = true; clearTimeout(timer); };
  }
  const es = new EventSource(`/api/jobs/${enc(id)}/events`);
  // The job as it is now (a job followed again after a reload may be well under way); never older than the stream.
  api.job(id).then((j) => {
    if (stopped || finished(current)) return;
    if (finished(j) || (j.steps?.length ?? 0) >= current.steps.length) emit(j);
    if (finished(j)) es.close();
  }, () => undefined);
  es.addEventListener('step', (ev) => {
    try {
      const step = JSON.parse((ev as MessageEvent).data) as Step;
      emit({ ...current, state: current.state === 'queued' ? 'running' : current.state, steps: [...current.steps, step] });
    } catch { /* a malformed event: the next state event carries every step anyway */ }
  });
  es.addEventListener('state', (ev) => {
    try {
      const j = JSON.parse((ev as MessageEvent).data) as Job;
      emit(j);
      if (finished(j)) es.close();
    } catch { /* ignored as above */ }
  });
  es.onerror = () => {
    es.close();
    if (!stopped && !finished(current)) void poll();
  };
  return () => { stopped = true; es.close(); clearTimeout(timer); };
}
