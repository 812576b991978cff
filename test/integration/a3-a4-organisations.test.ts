import { describe, expect, it } from 'vitest';
import { call, uniqueSchoolCode } from '../support/api.js';

describe('organisations (A3.2, A4)', () => {
  it('A3.2: only the provincial administrator creates organisations', async () => {
    const body = { level: 'school', id: uniqueSchoolCode(), name: '测试学校', parentId: '530102', schoolType: 'vocational-high', owningLevel: 'county' };
    const reviewer = await call('POST', '/organisations', { as: 'province-reviewer', body });
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.type).toBe('/problems/forbidden');
    const registrar = await call('POST', '/organisations', { as: 'school-registrar', body });
    expect(registrar.status).toBe(403);
    const admin = await call('POST', '/organisations', { as: 'province-admin', body });
    expect(admin.status).toBe(201);
    expect(admin.headers.get('location')).toBe(`/organisations/${body.id}`);
  });

  it.each([
    ['a county-run school', 'vocational-high', 'county', '530102', '530102'],
    ['a prefecture-run school', 'vocational-high', 'prefecture', '530102', '530100'],
    ['a province-run school', 'secondary-specialised', 'province', '532901', '530000'],
    ['a higher-education institution in Kunming', 'higher-education-affiliated', 'prefecture', '530114', '530000'],
    ['a higher-education institution in Dali', 'higher-education-affiliated', 'prefecture', '532900', '532900'],
    ['a five-year program', 'five-year-higher-vocational', 'prefecture', '530381', '530000'],
  ])('A4: %s gets its supervising authority derived', async (_what, schoolType, owningLevel, parentId, supervisor) => {
    const id = uniqueSchoolCode();
    const created = await call('POST', '/organisations', { as: 'province-admin', body: { level: 'school', id, name: '测试学校', parentId, schoolType, owningLevel } });
    expect(created.status).toBe(201);
    expect(created.body.supervisingAuthorityId).toBe(supervisor);
    expect(created.body.supervisionPath.at(-2)).toBe(supervisor);
  });

  it('A4: a school in the wrong place is a rule violation (422) naming the article', async () => {
    const response = await call('POST', '/organisations', {
      as: 'province-admin',
      body: { level: 'school', id: uniqueSchoolCode(), name: '测试学校', parentId: '530100', schoolType: 'vocational-high', owningLevel: 'county' },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ type: '/problems/rule-violation', rule: 'A4' });
    expect(response.body.zh.detail).toContain('县');
  });

  it('A25: an organisation that exists already is a 409, and no audit event is written for the refused change', async () => {
    const response = await call('POST', '/organisations', { as: 'province-admin', body: { level: 'prefecture', id: '530100', name: '昆明市', parentId: '530000' } });
    expect(response.status).toBe(409);
    const audit = await call('GET', '/organisations/530000/audit-events?limit=100', { as: 'province-admin' });
    expect(audit.body.items.map((e: { requestId: string }) => e.requestId)).not.toContain(response.body.requestId);
  });

  it('A4: an authority sees its jurisdiction; outside it, an organisation is 404 (existence not revealed)', async () => {
    expect((await call('GET', '/organisations/4153010003', { as: 'wuhua-reviewer' })).status).toBe(200);
    expect((await call('GET', '/organisations/4153010003', { as: 'kunming-reviewer' })).status).toBe(200);
    expect((await call('GET', '/organisations/4153290004', { as: 'wuhua-reviewer' })).status).toBe(404);
    expect((await call('GET', '/organisations/4153010002', { as: 'school-registrar' })).status).toBe(404);
    expect((await call('GET', '/organisations/4999999999', { as: 'wuhua-reviewer' })).status).toBe(404);
    // a school sees its own supervisors
    expect((await call('GET', '/organisations/530102', { as: 'school-registrar' })).status).toBe(200);
  });

  it('A4: lists a jurisdiction page by page with opaque cursors that cannot be edited or reused elsewhere', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/organisations?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: 'kunming-reviewer' });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['530100', '530102', '4153010002', '4153010003']));
    expect(seen).not.toContain('530000');
    expect(seen).not.toContain('4153000001'); // province-run, though it lies in Kunming
    expect(seen).not.toContain('532900');

    const first = await call('GET', '/organisations?limit=2', { as: 'kunming-reviewer' });
    const next = first.body.nextCursor as string;
    const [body, signature] = next.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), gsi1sk: '530000/' })).toString('base64url');
    const tampered = await call('GET', `/organisations?cursor=${encodeURIComponent(`${edited}.${signature}`)}`, { as: 'kunming-reviewer' });
    expect(tampered.status).toBe(400);
    expect(tampered.body.errors[0].field).toBe('query.cursor');
    const elsewhere = await call('GET', `/organisations?cursor=${encodeURIComponent(next)}`, { as: 'wuhua-reviewer' });
    expect(elsewhere.status).toBe(400);
  });

  it('A3.2 / A25: an organisation maintains its own basic information, and the change is audited with who, why and what', async () => {
    const other = await call('PATCH', '/organisations/530102', { as: 'kunming-reviewer', body: { basicInfo: { phone: '0871-1' }, reason: '测试' } });
    expect(other.status).toBe(403);

    const phone = `0871-${Date.now() % 10_000_000}`;
    const updated = await call('PATCH', '/organisations/4153010003', {
      as: 'school-registrar',
      body: { basicInfo: { phone, contactPerson: '陈静' }, reason: '更换办公电话', expectedVersion: (await call('GET', '/organisations/4153010003', { as: 'school-registrar' })).body.version },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.basicInfo.phone).toBe(phone);

    const stale = await call('PATCH', '/organisations/4153010003', { as: 'school-registrar', body: { basicInfo: { phone: '1234567' }, reason: '测试', expectedVersion: 1 } });
    expect(stale.status).toBe(409);

    const audit = await call('GET', '/organisations/4153010003/audit-events?about=record&limit=5', { as: 'wuhua-reviewer' });
    expect(audit.status).toBe(200);
    const [latest] = audit.body.items;
    expect(latest).toMatchObject({
      action: 'organisation.basic-info-updated',
      actor: { kind: 'person', credentialId: 'demo-school-registrar', role: 'registrar', organisationId: '4153010003' },
      target: { type: 'organisation', id: '4153010003' },
      reason: '更换办公电话',
      requestId: updated.headers.get('apigw-requestid'),
    });
    expect(latest.changes).toContainEqual(expect.objectContaining({ field: 'basicInfo.phone', to: phone }));
  });

  it('A25: audit trails are newest first and visible to the organisation and its superiors only', async () => {
    const mine = await call('GET', '/organisations/530000/audit-events?limit=3', { as: 'province-admin' });
    expect(mine.status).toBe(200);
    const times = mine.body.items.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await call('GET', '/organisations/530000/audit-events', { as: 'kunming-reviewer' })).status).toBe(404);
    expect((await call('GET', '/organisations/4153010003/audit-events', { as: 'kunming-reviewer' })).status).toBe(200);
  });
});
