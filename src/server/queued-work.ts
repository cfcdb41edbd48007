/**
 * The server's Work: captures and exports become rows of the jobs table (what the API shows) and jobs of the queue
 * (what the workers take). The same URL in the same case, while queued or running, is one job. Quotas are checked
 * before anything is queued, and a request over them is refused in words. A page follows a job by reading its row.
 */
import type PgBoss from 'pg-boss';
import { GuzhengError } from '../errors.js';
import { planCapture } from '../actions/capture.js';
import { uuidv7 } from '../capture/ids.js';
import type { Work, CaptureAsk } from '../app/work.js';
import type { JobEvent, JobState, JobStep, JobView } from '../app/jobs.js';
import { actor } from '../vault/custody.js';
import type { JobsTable } from '../vault/schema.js';
import type { Vault } from '../vault/vault.js';
import { INTERACTIVE_URLS, priorityFor, QUEUES } from './queue.js';
import { checkQuota } from './quota.js';
import { isIP } from 'node:net';
import { allowed, forbiddenReason, parseAllowList } from '../capture/egress/addresses.js';

const OPEN = ['queued', 'running', 'awaiting-storage'];

export function jobView(r: JobsTable): JobView {
  const steps = JSON.parse(r.steps) as JobStep[];
  return {
    id: r.id, kind: r.kind as JobView['kind'], state: r.state as JobState, ...(r.url ? { url: r.url } : {}),
    ...(r.item_id && r.kind === 'capture' && r.state !== 'queued' ? { item: r.item_id } : {}),
    ...(r.error ? { error: JSON.parse(r.error) } : {}), steps, ...(r.result ? { result: JSON.parse(r.result) } : {}), createdAt: r.created_at,
  };
}

/**
 * An address given as such (or localhost) that the egress gate would refuse, refused at once with the reason. Names
 * are judged by the gate when the capture runs, on the address it actually connects to.
 */
function refuseInternal(urls: URL[]): void {
  const allow = parseAllowList(process.env.GUZHENG_SSRF_ALLOW);
  for (const u of urls) {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const address = host.toLowerCase() === 'localhost' ? '127.0.0.1' : isIP(host) ? host : null;
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    const why = address ? forbiddenReason(address) : null;
    if (address && why && !allowed(allow, host, port, address)) {
      throw new GuzhengError('E_SSRF', `拒绝访问：${u.host} 是内部或保留地址（${why}），组织服务器不访问这些地址`, `Refused: ${u.host} is an internal or reserved address (${why}); the organisation server does not reach such addresses`);
    }
  }
}

export class QueuedWork implements Work {
  constructor(private readonly vault: Vault, private readonly home: string, private readonly boss: PgBoss) {}

  private async orgOf(caseId: string): Promise<string> {
    const row = await this.vault.db.selectFrom('cases').select('org_id').where('id', '=', caseId).executeTakeFirst();
    if (!row?.org_id) throw new GuzhengError('E_NOT_FOUND', `找不到案件“${caseId}”`, `No case "${caseId}"`);
    return row.org_id;
  }

  async capture(caseId: string, ask: CaptureAsk) {
    const plan = planCapture({ urls: ask.urls, video: ask.video ?? true, comments: ask.comments, login: ask.login }, this.home);
    if (plan.login) throw new GuzhengError('E_USAGE', '组织服务器暂不支持登录取证（登录保存在个人电脑上）', 'The organisation server does not capture with a saved login yet (logins are kept on a person\'s own computer)');
    refuseInternal(plan.urls);
    const org = await this.orgOf(caseId);
    await checkQuota(this.vault, org, plan.urls.length);
    const klass = plan.urls.length <= INTERACTIVE_URLS ? 'interactive' : 'batch';
    const out: { id: string; url: string }[] = [];
    for (const url of plan.urls) {
      const key = `${caseId} ${url.href}`;
      const now = new Date().toISOString();
      const made = await this.vault.write(async (trx) => {
        const existing = await trx.selectFrom('jobs').select('id').where('dedupe_key', '=', key).where('state', 'in', OPEN).executeTakeFirst();
        if (existing) return { id: existing.id, fresh: false };
        const id = uuidv7();
        await trx.insertInto('jobs').values({ id, org_id: org, case_id: caseId, kind: 'capture', url: url.href, state: 'queued', item_id: uuidv7(), dedupe_key: key,
          payload: JSON.stringify({ video: Boolean(plan.options.video), comments: plan.options.comments }), steps: '[]', result: null, error: null,
          actor: actor(), attempts: 0, worker: null, created_at: now, updated_at: now }).execute();
        return { id, fresh: true };
      });
      if (made.fresh) {
        const priority = await priorityFor(this.vault, org, klass);
        await this.boss.send(QUEUES.capture, { job: made.id }, { id: made.id, singletonKey: key, priority });
      }
      out.push({ id: made.id, url: url.href });
    }
    return out;
  }

  async exportCase(caseId: string) {
    const org = await this.orgOf(caseId);
    const id = uuidv7();
    const now = new Date().toISOString();
    await this.vault.db.insertInto('jobs').values({ id, org_id: org, case_id: caseId, kind: 'export', url: null, state: 'queued', item_id: null, dedupe_key: null,
      payload: '{}', steps: '[]', result: null, error: null, actor: actor(), attempts: 0, worker: null, created_at: now, updated_at: now }).execute();
    await this.boss.send(QUEUES.export, { job: id }, { id, singletonKey: id, priority: await priorityFor(this.vault, org, 'interactive') });
    return { id };
  }

  private async row(id: string): Promise<JobsTable | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return this.vault.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async view(id: string) {
    const r = await this.row(id);
    return r ? jobView(r) : undefined;
  }

  async caseOf(id: string) {
    return (await this.row(id))?.case_id ?? null;
  }

  /** Reads the job's row twice a second, telling each new step and each change of state, until it finishes. */
  async follow(id: string, fn: (e: JobEvent) => void) {
    let stopped = false;
    const first = await this.view(id);
    let steps = first?.steps.length ?? 0;
    let state = first?.state;
    const tick = async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 500));
        const v = await this.view(id).catch(() => undefined);
        if (!v || stopped) continue;
        for (const s of v.steps.slice(steps)) fn({ type: 'step', step: s });
        steps = v.steps.length;
        if (v.state !== state || v.state === 'done' || v.state === 'failed') {
          state = v.state;
          fn({ type: 'state', job: v });
          if (v.state === 'done' || v.state === 'failed') return;
        }
      }
    };
    void tick();
    return () => {
      stopped = true;
    };
  }

  async exportFile(id: string) {
    const r = await this.row(id);
    const sha = r?.result ? (JSON.parse(r.result) as { sha256?: string }).sha256 : undefined;
    if (!sha) throw new GuzhengError('E_NOT_FOUND', '证据包还没有导出完成', 'The package is not exported yet');
    return this.vault.blobs.local(sha);
  }

  async idle() {
    // The work itself is the workers'.
  }
}
