import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';

describe('API contract through the local server', () => {
  it('serves the OpenAPI 3.1 document and a readable reference page without a credential', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/organisations/{organisationId}');
    expect(doc.body.components.schemas.Problem).toBeDefined();
    const page = await call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('createOrganisation');
    expect(page.body).not.toMatch(/<script/);
  });

  it('A23: a call without a credential gets a 401 problem+json, in English and Chinese, with the request id', async () => {
    const response = await call('GET', '/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toMatchObject({ type: '/problems/not-authenticated', status: 401, instance: '/me' });
    expect(response.body.zh.title).toBe('需要有效的账号凭证');
    expect(response.body.requestId).toBe(response.headers.get('apigw-requestid'));
  });

  it.each([
    ['a malformed header', 'Basic abc', /not `Bearer/],
    ['an unknown credential', 'Bearer demo-province-admin.not-the-right-secret-at-all', /not known/],
  ])('A23: %s gets 401', async (_what, authorization, detail) => {
    const response = await call('GET', '/me', { headers: { authorization } });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(detail);
  });

  it('tells who the credential belongs to', async () => {
    const response = await call('GET', '/me', { as: 'school-system' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ role: 'registrar', holderKind: 'system', organisation: { id: '4153010003', supervisingAuthorityId: '530102' } });
  });

  it('answers an unknown route as API Gateway does', async () => {
    const response = await call('GET', '/nowhere', { as: 'province-admin' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'Not Found' });
  });

  it('names every field at fault, and changes nothing', async () => {
    const response = await call('POST', '/organisations', {
      as: 'province-admin',
      body: { level: 'school', id: '12', name: 'x', parentId: '530102', schoolType: 'bakery', owningLevel: 'county', colour: 'red' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.id', 'body.name', 'body.schoolType', 'body']));
    const id = response.body.errors.find((e: { field: string }) => e.field === 'body.id');
    expect(id).toMatchObject({ message: 'must be a 10-digit school code', zh: '必须是10位学校标识码' });
    expect((await call('GET', '/organisations/12', { as: 'province-admin' })).status).toBe(400);
  });

  it('refuses a body that is not JSON, and a body sent as another media type (API Gateway base64-encodes it)', async () => {
    const notJson = await call('POST', '/organisations', { as: 'province-admin', rawBody: '{oops', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors[0]).toMatchObject({ field: 'body', code: 'invalid_json' });
    const binary = await call('POST', '/organisations', { as: 'province-admin', rawBody: Buffer.from([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } });
    expect(binary.status).toBe(400);
    expect(binary.body.errors[0]).toMatchObject({ field: 'headers.content-type', code: 'unsupported_media_type' });
  });

  it('refuses an out-of-range page size with a clear error', async () => {
    const response = await call('GET', '/organisations?limit=1000', { as: 'province-admin' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.limit');
  });
});
