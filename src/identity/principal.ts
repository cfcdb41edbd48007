/**
 * Who is calling the witness server, and which cases they may see and change. A caller is a signed-in user (a
 * browser session) or an API token. Nobody outside an organisation sees its cases; inside it, an owner sees every
 * case, the others the cases they are members of; a token may be limited further to some cases. A case the caller
 * may not see is answered as if it did not exist.
 */
import { GuzhengError } from '../errors.js';
import type { CaseScope, Vault } from '../vault/vault.js';
import { allows, ROLE_ZH, type Need, type Role } from './roles.js';

export interface Principal {
  org: { id: string; name: string };
  user: { id: string; email: string } | null;
  role: Role;
  /** The cases a token is limited to, or null. */
  tokenCases: string[] | null;
  via: 'session' | 'token';
  /** Session id or token id (for signing out, for the log). */
  ref: string;
}

/** How custody events name the caller: the person (or the organisation's token), the organisation, the role. */
export function actorOf(p: Principal): string {
  const who = p.user ? p.user.email : `token ${p.ref.slice(0, 8)}`;
  return `${who} (${p.org.name}, ${p.role}) via guzheng server`;
}

export function need(p: Principal, what: Need): void {
  if (!allows(p.role, what)) {
    const zh = { view: '查看', work: '取证或修改', manage: '新建案件或添加成员', own: '管理本组织' }[what];
    const en = { view: 'view', work: 'capture or change evidence', manage: 'open cases or add members', own: 'manage the organisation' }[what];
    throw new GuzhengError('E_FORBIDDEN', `您的角色（${ROLE_ZH[p.role]}）不能${zh}`, `Your role (${p.role}) may not ${en}`);
  }
}

/** The cases the caller may see, as the vault's list takes them. */
export async function scopeOf(vault: Vault, p: Principal): Promise<NonNullable<CaseScope>> {
  let cases: string[] | null = null;
  if (p.role !== 'owner' && p.user) {
    const rows = await vault.db.selectFrom('case_members').innerJoin('cases', 'cases.id', 'case_members.case_id')
      .select('case_members.case_id').where('case_members.user_id', '=', p.user.id).where('cases.org_id', '=', p.org.id).execute();
    cases = rows.map((r) => r.case_id);
  }
  if (p.tokenCases) cases = cases ? cases.filter((c) => p.tokenCases!.includes(c)) : [...p.tokenCases];
  return { org: p.org.id, cases };
}

/** Throws "not found" unless the caller may see the case, and "forbidden" unless they may also do what is asked. */
export async function authorizeCase(vault: Vault, p: Principal, caseId: string, what: Need): Promise<void> {
  const row = await vault.db.selectFrom('cases').select('org_id').where('id', '=', caseId).executeTakeFirst();
  const scope = row && row.org_id === p.org.id ? await scopeOf(vault, p) : null;
  if (!scope || (scope.cases && !scope.cases.includes(caseId))) {
    throw new GuzhengError('E_NOT_FOUND', `找不到案件“${caseId}”`, `No case "${caseId}"`);
  }
  need(p, what);
}
