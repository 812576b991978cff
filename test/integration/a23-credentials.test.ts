import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';

describe('credentials (A3.2, A23, A24)', () => {
  it('A23: the province issues a personal credential, shown once; it works, then revoked it is refused', async () => {
    const issued = await call('POST', '/credentials', {
      as: 'province-admin',
      body: { organisationId: '4153010002', role: 'registrar', holder: { kind: 'person', name: '测试 学籍管理员' }, reason: '新任学籍管理员' },
    });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { token, credentialId } = issued.body;
    expect(token).toMatch(new RegExp(`^${credentialId}\\.`));

    const me = await call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.organisation.id).toBe('4153010002');

    const listed = await call('GET', '/credentials?organisationId=4153010002', { as: 'province-admin' });
    const entry = listed.body.items.find((c: { credentialId: string }) => c.credentialId === credentialId);
    expect(entry).toMatchObject({ status: 'active', issuedBy: 'demo-province-admin' });
    expect(entry.lastUsedAt).toBeDefined();
    expect(JSON.stringify(listed.body)).not.toMatch(/secret|token/i);

    const revoked = await call('POST', `/credentials/${credentialId}/revoke`, { as: 'province-admin', body: { reason: '调离岗位' } });
    expect(revoked.status).toBe(200);
    const after = await call('GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/revoked/);
    expect((await call('POST', `/credentials/${credentialId}/revoke`, { as: 'province-admin', body: { reason: '重复' } })).status).toBe(409);

    const audit = await call('GET', '/organisations/530000/audit-events?limit=10', { as: 'province-admin' });
    const actions = audit.body.items.filter((e: { target: { id: string } }) => e.target.id === credentialId).map((e: { action: string }) => e.action);
    expect(actions).toEqual(['credential.revoked', 'credential.issued']);
  });

  it('A23: roles are bound to levels — no registrar at an authority, no reviewer at a school', async () => {
    const wrong = await call('POST', '/credentials', { as: 'province-admin', body: { organisationId: '530100', role: 'registrar', holder: { kind: 'person', name: '张三' } } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ rule: 'A23', errors: [{ field: 'body.role' }] });
    const admin = await call('POST', '/credentials', { as: 'province-admin', body: { organisationId: '530100', role: 'administrator', holder: { kind: 'person', name: '张三' } } });
    expect(admin.status).toBe(422);
  });

  it('A3.2: only the province administrator issues, lists and revokes credentials', async () => {
    const body = { organisationId: '4153010003', role: 'registrar', holder: { kind: 'system', name: '某厂商教务系统' } };
    expect((await call('POST', '/credentials', { as: 'kunming-reviewer', body })).status).toBe(403);
    expect((await call('GET', '/credentials?organisationId=4153010003', { as: 'school-registrar' })).status).toBe(403);
    expect((await call('POST', '/credentials/demo-province-admin/revoke', { as: 'school-registrar', body: { reason: '恶意' } })).status).toBe(403);
  });
});
