/**
 * A worker's store: the vault's, but a commit that meets an outage of the bucket or the database is not lost. The
 * finished capture stays in its temporary folder while the worker waits ("awaiting storage") and tries the commit
 * again, until it goes in or the job's time is up (then the queue gives the job to a worker again).
 */
import type { CaptureStore } from '../vault/store.js';
import { patiently, type Outage } from './transient.js';

export function patientStore(store: CaptureStore, deadline: () => number, onWait: (o: Outage, err: unknown) => void | Promise<void>, onResume: () => void | Promise<void>): CaptureStore {
  return {
    begin: (id, url) => patiently(() => store.begin(id, url), deadline(), onWait, onResume),
    commit: (slot, result) => patiently(() => store.commit(slot, result), deadline(), onWait, onResume),
    close: () => store.close(),
    // A capture that reached a TSA also timestamps the earlier ones that wait for one (as on one's own computer).
    ...(store.completePendingSeals ? { completePendingSeals: (config) => store.completePendingSeals!(config) } : {}),
  };
}
