/** What every route of the app shares: the open vault, the data folder, the jobs, the API's declarations. */
import type { Vault } from '../vault/vault.js';
import type { Api } from './openapi.js';
import type { Jobs } from './jobs.js';

export interface AppContext {
  vault: Vault;
  home: string;
  jobs: Jobs;
  api: Api;
  /** The bundled fictional demo post, served on 127.0.0.1 once asked for; its URL. */
  demoUrl(): Promise<string>;
}

/** Ids the app makes itself (jobs, documents, exports): only these ever become part of a file name. */
export const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
