/** Small parts of the organisation server, each with what it must refuse: rate limits, quota days, expiry, sizes, listen addresses. */
import { describe, expect, it } from 'vitest';
import { PerMinute, USER_LIMITS } from '../src/server/guard.js';
import { shanghaiDayStart } from '../src/server/quota.js';
import { parseExpiry } from '../src/identity/credentials.js';
import { parseBytes } from '../src/actions/admin.js';
import { parseListen } from '../src/cli/serve.js';
import { allows } from '../src/identity/roles.js';
import { outageOf } from '../src/server/transient.js';
import { GuzhengError } from '../src/errors.js';

describe('server parts', () => {
  it('a user past the changes a minute is refused with E_RATE_LIMIT; another user is not', () => {
    const r = new PerMinute();
    for (let i = 0; i < USER_LIMITS.changesPerMinute; i++) r.hit('a', true);
    expect(() => r.hit('a', true)).toThrow(expect.objectContaining({ code: 'E_RATE_LIMIT' }));
    expect(() => r.hit('b', true)).not.toThrow();
  });

  it('the quota day is Beijing\'s: 23:30 UTC is already the next day there', () => {
    expect(shanghaiDayStart(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-03T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-02T16:00:00.000Z');
  });

  it('token expiry, sizes and listen addresses are read as written, and nonsense is refused', () => {
    const now = new Date('2026-12-03T00:00:00Z');
    expect(parseExpiry('30d', now)).toBe('2027-01-02T00:00:00.000Z');
    expect(parseExpiry('12h', now)).toBe('2026-12-03T12:00:00.000Z');
    expect(() => parseExpiry('soon', now)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => parseExpiry('2020-01-01', now)).toThrow(GuzhengError);
    expect(parseBytes('500GB')).toBe(500e9);
    expect(parseBytes('2TiB')).toBe(2 * 2 ** 40);
    expect(() => parseBytes('lots')).toThrow(GuzhengError);
    expect(parseListen('0.0.0.0:443')).toEqual({ host: '0.0.0.0', port: 443 });
    expect(parseListen('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseListen('8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(() => parseListen('host:99999')).toThrow(GuzhengError);
  });

  it('roles: each may do what the roles below it may', () => {
    expect(allows('viewer', 'view')).toBe(true);
    expect(allows('viewer', 'work')).toBe(false);
    expect(allows('staff', 'work')).toBe(true);
    expect(allows('staff', 'manage')).toBe(false);
    expect(allows('lawyer', 'manage')).toBe(true);
    expect(allows('lawyer', 'own')).toBe(false);
    expect(allows('owner', 'own')).toBe(true);
  });

  it('outages are told from the work\'s own failures', () => {
    expect(outageOf(new GuzhengError('E_STORAGE_UNAVAILABLE', 'x', 'x'))).toBe('storage');
    expect(outageOf(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('database');
    expect(outageOf(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(outageOf(new GuzhengError('E_URL_INVALID', 'x', 'x'))).toBeNull();
    expect(outageOf(new Error('duplicate key value violates unique constraint'))).toBeNull();
  });
});
