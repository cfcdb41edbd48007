/**
 * An organisation's quotas: captures a day (the day in Beijing time, as its staff count it) and bytes stored. A
 * request that would pass one is refused before anything is queued, with what the quota is and what is used.
 */
import { GuzhengError } from '../errors.js';
import type { Vault } from '../vault/vault.js';

/** The start of today in Asia/Shanghai (UTC+8, no daylight saving), as a UTC ISO time. */
export function shanghaiDayStart(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3_600_000).toISOString();
}

export async function checkQuota(vault: Vault, orgId: string, captures: number, now = new Date()): Promise<void> {
  const org = await vault.db.selectFrom('orgs').select(['name', 'captures_per_day', 'storage_bytes']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (org.captures_per_day !== null) {
    const row = await vault.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).where('kind', '=', 'capture')
      .where('created_at', '>=', shanghaiDayStart(now)).executeTakeFirst();
    const used = Number(row?.n ?? 0);
    if (used + captures > org.captures_per_day) {
      throw new GuzhengError('E_QUOTA', `已达到本组织每天 ${org.captures_per_day} 次取证的配额（今天已用 ${used} 次，本次要 ${captures} 次）；明天（北京时间）恢复，或请管理员调整配额`,
        `Your organisation's quota of ${org.captures_per_day} captures a day is reached (${used} used today, ${captures} asked); it renews tomorrow (Beijing time), or ask the administrator`);
    }
  }
  if (org.storage_bytes !== null) {
    const row = await vault.db.selectFrom('artifacts').innerJoin('items', 'items.id', 'artifacts.item_id').innerJoin('cases', 'cases.id', 'items.case_id')
      .select((eb) => eb.fn.sum<number>('artifacts.size').as('bytes')).where('cases.org_id', '=', orgId).executeTakeFirst();
    const used = Number(row?.bytes ?? 0);
    if (used >= org.storage_bytes) {
      throw new GuzhengError('E_QUOTA', `本组织的存储配额已用完（${used} / ${org.storage_bytes} 字节）；请管理员调整配额`,
        `Your organisation's storage quota is used up (${used} of ${org.storage_bytes} bytes); ask the administrator`);
    }
  }
}
