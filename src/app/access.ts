/**
 * What each API route touches and needs, declared with the route, and the guard that enforces it. The local app has
 * one user (whoever opened its address), so its guard lets every route through. The organisation server's guard
 * (src/server/guard.ts) signs the caller in, finds the case the route touches and checks the caller's role and
 * membership before the handler runs, and names the caller in the custody events the handler writes.
 */
import type { FastifyRequest } from 'fastify';
import type { Need } from '../identity/roles.js';
import type { CaseScope } from '../vault/vault.js';

export interface Access {
  /** 'public': open to anyone (signing in); 'none': to any signed-in caller; a Need: checked against the caller's role. */
  need: Need | 'none' | 'public';
  /** What the route's :id (or :file) names, whose case is checked. */
  target?: 'case' | 'item' | 'watch' | 'job' | 'document' | 'export';
  /** Only in the local app (a window on this machine, its folders, its backups): not offered by the server. */
  local?: boolean;
}

export interface RouteGuard {
  /** True when the route is not offered at all (the server's local-only routes). */
  skip(access: Access): boolean;
  /** Throws E_AUTH, E_NOT_FOUND or E_FORBIDDEN when the caller may not make this call. */
  check(req: FastifyRequest, access: Access): Promise<void>;
  /** Runs the handler as the caller (custody events name them). */
  around<T>(req: FastifyRequest, fn: () => Promise<T>): Promise<T>;
  /** The cases the caller may see (null: all). */
  scope(req: FastifyRequest): Promise<CaseScope>;
  /** The organisation (and the member) a case made by this caller belongs to; null in the local app. */
  owner(req: FastifyRequest): { id: string; member: string | null } | null;
}

/** The local app's: the launch token (security.ts) already decided. */
export const LOCAL_GUARD: RouteGuard = {
  skip: () => false,
  check: async () => undefined,
  around: (_req, fn) => fn(),
  scope: async () => null,
  owner: () => null,
};
