import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { intake } from '../support/students.js';

const SCHOOLS = ['4153000001', '4153010002', '4153010003', '4153290004', '4153010005', '4153290006', '4153030007'];
const tokens: string[] = [];

beforeAll(async () => {
  for (const organisationId of SCHOOLS) {
    const issued = await call('POST', '/credentials', {
      as: 'province-admin',
      body: { organisationId, role: 'registrar', holder: { kind: 'system', name: `教务系统 ${organisationId}` } },
    });
    tokens.push(issued.body.token);
  }
});

describe('A9: one active registration per person, enforced by the database', () => {
  it('A9: 50 concurrent registrations of one identity from 7 schools — exactly one succeeds, the rest get 409', async () => {
    const body = intake();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => call('POST', '/registrations', { token: tokens[i % tokens.length], body })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  });
});

describe('batch registration for school systems', () => {
  it('answers every row on its own: created, invalid, and a repeat of an earlier row (A7, A9)', async () => {
    const good = intake();
    const bad = intake({ birthDate: '2010-02-30' });
    const response = await call('POST', '/registrations/batch', {
      as: 'school-system',
      headers: { 'idempotency-key': `batch-${Date.now()}-rows` },
      body: { students: [good, bad, good] },
    });
    expect(response.status).toBe(200);
    expect(response.body.created).toBe(1);
    const byIndex = response.body.results.map((r: { status: number }) => r.status);
    expect(byIndex[1]).toBe(400);
    expect(response.body.results[1].problem.errors[0].field).toBe('body.students.1.birthDate');
    // A7 / A9: the person named twice is registered by the first row, whatever order the rows ran in
    expect([byIndex[0], byIndex[2]]).toEqual([201, 409]);
    expect(response.body.results[2].problem.errors[0]).toMatchObject({ field: 'body.students.2.identityDocument.number', code: 'repeated_person' });
    expect(response.body.results[2].problem.zh.detail).toContain('本批第 1 条');
  });

  it('a retry with the same Idempotency-Key creates nothing twice and returns the first answer', async () => {
    const key = `batch-${Date.now()}-retry`;
    const body = { students: [intake(), intake()] };
    const first = await call('POST', '/registrations/batch', { as: 'school-system', headers: { 'idempotency-key': key }, body });
    expect(first.body.created).toBe(2);
    const retry = await call('POST', '/registrations/batch', { as: 'school-system', headers: { 'idempotency-key': key }, body });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    // the same key from another organisation is another request
    const otherOrganisation = await call('POST', '/registrations/batch', { as: 'kunming-school-registrar', headers: { 'idempotency-key': key }, body });
    expect(otherOrganisation.body.results.map((r: { status: number }) => r.status)).toEqual([409, 409]);

    const changed = await call('POST', '/registrations/batch', { as: 'school-system', headers: { 'idempotency-key': key }, body: { students: [intake()] } });
    expect(changed.status).toBe(422);
    expect(changed.body.zh.detail).toContain('Idempotency-Key');
  });

  it('needs an Idempotency-Key, and at most 100 rows', async () => {
    const missing = await call('POST', '/registrations/batch', { as: 'school-system', body: { students: [intake()] } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('headers.idempotency-key');
    const tooMany = await call('POST', '/registrations/batch', {
      as: 'school-system',
      headers: { 'idempotency-key': `batch-${Date.now()}-big` },
      body: { students: Array.from({ length: 101 }, () => ({})) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.students');
  });
});
