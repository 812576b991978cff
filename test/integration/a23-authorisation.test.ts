import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/api/routes.js';
import { routeKey } from '../../shared/api/route.js';
import { ROLES } from '../../shared/auth/principal.js';
import { call } from '../support/api.js';

/** A credential of each role, from the demo data. */
const credentialOf = { registrar: 'school-registrar', reviewer: 'kunming-reviewer', administrator: 'province-admin' } as const;

function samplePath(path: string): string {
  return path
    .replace('{organisationId}', '4153010003')
    .replace('{credentialId}', 'demo-school-registrar')
    .replace('{studentId}', '00000000-0000-4000-8000-000000000000')
    .replace('{jobId}', '00000000-0000-4000-8000-000000000000')
    .replace('{caseId}', '00000000-0000-4000-8000-000000000000')
    .replace('{step}', '0')
    .replace('{evidenceId}', '00000000-0000-4000-8000-000000000000')
    .replace('{schoolId}', '4153010003')
    .replace('{year}', '2027');
}

const protectedRoutes = routeList.filter((r) => 'roles' in r.access);

describe('A23 authorisation matrix: every protected route, every role', () => {
  it.each(protectedRoutes.map((r) => [routeKey(r), r] as const))('%s without a credential → 401', async (_key, r) => {
    const response = await call(r.method, samplePath(r.path), { body: r.method === 'GET' ? undefined : {} });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  const denied = protectedRoutes.flatMap((r) =>
    ROLES.filter((role) => 'roles' in r.access && !r.access.roles.includes(role)).map((role) => [routeKey(r), role, r] as const),
  );
  it.each(denied)('%s as %s → 403, before anything is read or written', async (_key, role, r) => {
    const response = await call(r.method, samplePath(r.path), { as: credentialOf[role], body: r.method === 'GET' ? undefined : {} });
    expect(response.status).toBe(403);
    expect(response.body.type).toBe('/problems/forbidden');
  });
});
