/**
 * Roles in an organisation and what each may do. Each role may do what the roles below it may:
 *   viewer  sees the cases they are a member of (items, files, facts, routes, documents);
 *   staff   also works on them: captures, imports, watches, notes, facts, documents, exports;
 *   lawyer  also opens cases and adds members to them;
 *   owner   sees and does all of that in every case of the organisation.
 */
import { GuzhengError } from '../errors.js';

export const ROLES = ['viewer', 'staff', 'lawyer', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** What a call needs: to see, to work on, to manage (open cases, add members), to own the organisation. */
export type Need = 'view' | 'work' | 'manage' | 'own';

const NEEDS: Record<Need, Role> = { view: 'viewer', work: 'staff', manage: 'lawyer', own: 'owner' };

export const ROLE_ZH: Record<Role, string> = { owner: '负责人', lawyer: '律师', staff: '工作人员', viewer: '只读' };

export function parseRole(value: unknown): Role {
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw new GuzhengError('E_USAGE', `角色应为 owner、lawyer、staff 或 viewer：${String(value)}`, `The role must be owner, lawyer, staff or viewer: ${String(value)}`);
}

export function allows(role: Role, need: Need): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(NEEDS[need]);
}
