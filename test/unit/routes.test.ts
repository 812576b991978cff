import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/api/routes.js';
import { routeKey } from '../../shared/api/route.js';
import { ROLES } from '../../shared/auth/principal.js';
import { schedules } from '../../shared/platform/schedules.js';

describe('route table', () => {
  it.each(routeList.map((r) => [routeKey(r), r] as const))('A23 deny by default: %s declares who may call it', (_key, r) => {
    expect(r.access, 'a route without an access policy').toBeDefined();
    if ('public' in r.access) {
      expect(r.access.public).toBe(true);
      expect(r.grants.table, 'public routes never touch student data').toBeUndefined();
    } else {
      expect(r.access.roles.length).toBeGreaterThan(0);
      for (const role of r.access.roles) expect(ROLES).toContain(role);
    }
  });
  it('every route and schedule has its function module, and route keys are unique', () => {
    for (const entry of [...routeList.map((r) => r.handler), ...schedules.map((s) => s.handler), 'authorizer']) {
      expect(existsSync(new URL(`../../functions/${entry}.ts`, import.meta.url)), entry).toBe(true);
    }
    const keys = routeList.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('only public documentation is public', () => {
    expect(routeList.filter((r) => 'public' in r.access).map((r) => r.path).sort()).toEqual(['/docs', '/openapi.json']);
  });
});
