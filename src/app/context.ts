/** What every route of the app shares: the open vault, the data folder, the jobs, the API's declarations. */
import type { Vault } from '../vault/vault.js';
import type { Api } from './openapi.js';
import type { Jobs } from './jobs.js';
import type { RouteGuard } from './access.js';
import type { Work } from './work.js';
import type { DocumentFiles } from './document-files.js';

export interface AppContext {
  vault: Vault;
  home: string;
  /** Jobs of this process (the local app's logins and checks). */
  jobs: Jobs;
  /** Captures and exports: run here (the local app) or queued for workers (the server). */
  work: Work;
  api: Api;
  /** Who may do what (the local app: its one user; the server: signed-in users by role and case). */
  guard: RouteGuard;
  /** The documents written for download (in the data folder; on the server, in the bucket). */
  documents: DocumentFiles;
  /** The folder whose key signs what is made for a case (the data folder; on the server, the organisation's). */
  signingHome(caseId: string): Promise<string>;
  /** The bundled fictional demo post, served on 127.0.0.1 once asked for; its URL. */
  demoUrl(): Promise<string>;
}

/** Ids the app makes itself (jobs, documents, exports): only these ever become part of a file name. */
export const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
