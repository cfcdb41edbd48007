/** The vault's tables, as Kysely sees them (the same on SQLite and PostgreSQL). */
import type { Generated } from 'kysely';

/** The index before the vault (0001–0003); migrated into items by 0004. */
export interface CapturesTable {
  id: string;
  url: string;
  final_url: string | null;
  status: string;
  dir: string | null;
  started_at: string;
  ended_at: string | null;
  manifest_sha256: string | null;
  pid: number | null;
  seal_state: string | null;
}

export interface CasesTable {
  id: string;
  title: string;
  created_at: string;
  /** 1 for the case that items without a case go to. */
  is_default: number;
  /** The organisation that holds the case (an organisation's server); null in the local app. */
  org_id: string | null;
}

/** An organisation using the witness server (a legal-aid group, a law firm, a notary office). */
export interface OrgsTable {
  id: string;
  name: string;
  created_at: string;
  /** Quotas: captures a day, bytes stored; null for no limit. */
  captures_per_day: number | null;
  storage_bytes: number | null;
}

/** A person who signs in to the server. One organisation each, with one role in it. */
export interface UsersTable {
  id: string;
  email: string;
  org_id: string;
  /** owner | lawyer | staff | viewer */
  role: string;
  /** scrypt$N$r$p$salt$hash, or null for a user who has no password yet (tokens only). */
  password_hash: string | null;
  created_at: string;
  disabled: number;
}

/** Who works on a case: besides the organisation's owners, only its members see it. */
export interface CaseMembersTable {
  case_id: string;
  user_id: string;
  added_at: string;
}

/** An API token: random, kept only as its SHA-256, scoped to an organisation and optionally a user and some cases. */
export interface ApiTokensTable {
  id: string;
  org_id: string;
  /** The user it acts as (with that user's role), or null for the organisation with `role`. */
  user_id: string | null;
  role: string;
  /** JSON list of case ids it is limited to, or null for every case it may otherwise see. */
  cases: string | null;
  sha256: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** A signed-in browser: the cookie's SHA-256, its CSRF token and when it ends. */
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** Failed sign-ins by e-mail and by address, for rate limiting shared by every server process. */
export interface LoginFailuresTable {
  key: string;
  at: string;
}

export interface ItemsTable {
  id: string;
  case_id: string;
  kind: string;
  url: string | null;
  final_url: string | null;
  /** capturing → COMPLETE | PARTIAL | FAILED, or interrupted. */
  status: string;
  /** 'timestamped', 'awaiting-timestamp', 'unsealed', or null (not sealed). */
  seal_state: string | null;
  started_at: string;
  ended_at: string | null;
  manifest_sha256: string | null;
  /** The process that was capturing (to tell a capture in progress from one that was interrupted). */
  pid: number | null;
  /** The working copy: a plain folder the user may open; the evidence itself is in blobs/. */
  dir: string | null;
  /** 1 when indexed by a version before the vault: its files were never put in the blob store. */
  legacy: number;
}

export interface ArtifactsTable {
  item_id: string;
  path: string;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  added_at: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  sm3: string;
  stored_at: string;
}

export interface CustodyTable {
  seq: number;
  /** The item or case the event is about; each stream is its own hash chain. */
  stream: string;
  at: string;
  type: string;
  actor: string;
  /** JSON. */
  detail: string;
  prev_hash: string | null;
  hash: string;
}

export interface ReplicasTable {
  id: string;
  location: string;
  added_at: string;
  /** For S3-compatible replicas: the service's endpoint URL and region (credentials are never stored). */
  endpoint: string | null;
  region: string | null;
}

/** A metric of a post at a time (views, reads, plays, reposts, comments, likes, favourites, state). */
export interface ObservationsTable {
  id: string;
  item_id: string | null;
  url: string;
  at: string;
  metric: string;
  /** A count, or null for a state. */
  value: number | null;
  /** For metric "state": normal, deleted, removed, not-found, login-wall, unavailable, unknown. */
  state: string | null;
  /** Where it was read, e.g. "post.json of item …". */
  source: string;
}

/** What the user states about a case (victim, poster, dates, consequences, goals), as a facts JSON; one row per case. */
export interface CaseFactsTable {
  case_id: string;
  json: string;
  updated_at: string;
}

/** A post watched on a schedule (src/watch/): one row per case and URL. */
export interface WatchesTable {
  id: string;
  case_id: string;
  url: string;
  every_seconds: number;
  until: string | null;
  paused: number;
  created_at: string;
  next_at: string;
  last_at: string | null;
  /** normal, gone-suspected, deleted-confirmed, restored, failed, or null before the first check. */
  state: string | null;
  /** Consecutive checks that found the post gone (a deletion is confirmed only after several). */
  gone_streak: number;
  /** 'fixed' (every_seconds) or 'adaptive' (often at first, hourly for a week, daily after; more often near a threshold). */
  schedule: string;
  /** 1: full captures on the first check, once a day and on every event; 0: light checks only. */
  capture: number;
  last_capture_at: string | null;
  /** When the log's head was last timestamped by a TSA, and when that was last tried. */
  stamped_at: string | null;
  stamp_tried_at: string | null;
  /** 1 while an event waits for its timestamp. */
  stamp_needed: number;
  /** The post's text and media (JSON list) at the last check that read them: an edit is a change of either. */
  last_text: string | null;
  last_media: string | null;
  /** The saved login to check with (guzheng login), or null for visitor mode. */
  login: string | null;
  /** The last state a check could tell (normal, gone-suspected, deleted-confirmed, restored, edited): a failed or
   *  blocked check in between changes nothing of it, so that alerts follow the post, not the network. */
  known_state: string | null;
}

/** A platform identity's back-off after a blocking answer, kept across runs (the app runs one pass every few seconds). */
export interface WatchGatesTable {
  key: string;
  ready_at: string;
  backoff_ms: number;
}

/**
 * A job of the organisation server (a capture, an export), as its page follows it. The queue (pg-boss) delivers
 * the work to a worker; this row is what the API shows: state, steps, result. A capture's item id is fixed when the
 * job is made, so that a job retried after a crash can never make a second item.
 */
export interface JobsTable {
  id: string;
  org_id: string;
  case_id: string;
  /** capture | export */
  kind: string;
  url: string | null;
  /** queued | running | awaiting-storage | done | failed */
  state: string;
  item_id: string | null;
  /** The same URL in the same case is queued once: case id and URL. */
  dedupe_key: string | null;
  /** JSON: what the worker needs (capture options), what the job steps through, its result and error. */
  payload: string;
  steps: string;
  result: string | null;
  error: string | null;
  /** Who asked (custody events of the work name them). */
  actor: string;
  attempts: number;
  worker: string | null;
  created_at: string;
  updated_at: string;
}

/** An organisation's signing key (ECDSA P-256): its private half encrypted with the server's GUZHENG_KEY_SECRET. */
export interface OrgKeysTable {
  org_id: string;
  public_pem: string;
  fingerprint: string;
  /** base64 of salt (16) | iv (12) | tag (16) | AES-256-GCM ciphertext of the PKCS#8 PEM. */
  private_enc: string;
  created_at: string;
}

/** A document written on the organisation server (PDF and DOCX in the bucket), so that any server can hand it out. */
export interface DocumentsTable {
  id: string;
  case_id: string;
  kind: string;
  pdf_sha256: string;
  docx_sha256: string;
  created_at: string;
}

export interface Schema {
  documents: DocumentsTable;
  org_keys: OrgKeysTable;
  jobs: JobsTable;
  orgs: OrgsTable;
  users: UsersTable;
  case_members: CaseMembersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  watches: WatchesTable;
  watch_gates: WatchGatesTable;
  case_facts: CaseFactsTable;
  observations: ObservationsTable;
  cases: CasesTable;
  items: ItemsTable;
  artifacts: ArtifactsTable;
  blobs: BlobsTable;
  custody: Omit<CustodyTable, 'seq'> & { seq: Generated<number> };
  replicas: ReplicasTable;
}
