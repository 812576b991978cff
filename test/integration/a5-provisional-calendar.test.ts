import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/runtime.js';
import { demoCredentials } from '../../infra/local/demo-credentials.js';
import { intake } from '../support/students.js';

/** A stack of its own at the end of 2026, the last year chinese-days has a schedule for. */
let stack: LocalStack;
const token = (id: string) => demoCredentials.find((c) => c.credentialId === `demo-${id}`)!.token;

async function call(method: string, path: string, as: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token(as)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, clock: '2026-12-28T10:00:00+08:00', logLevel: 'ERROR' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('A5.1 deadlines through a year without an official calendar', () => {
  it('A5.1: the deadline is provisional and names the year to load; once the province loads it, deadlines are official', async () => {
    const before = await call('GET', '/calendar/2027', 'school-registrar');
    expect(before.body).toMatchObject({ year: 2027, official: false });

    const provisional = await call('POST', '/registrations', 'school-registrar', intake({ enrolmentDate: '2026-12-21', season: 'spring', intakeYear: 2027 }));
    expect(provisional.status).toBe(201);
    expect(provisional.body.registration.deadline).toMatchObject({ date: '2027-01-18', provisional: true, missingYears: [2027] });
    expect(provisional.body.registration.deadline.note.zh).toContain('PUT /calendar/{year}');

    // the State Council's 2027 schedule (New Year's Day) as the province would load it
    expect((await call('PUT', '/calendar/2027', 'school-registrar', { holidays: ['2027-01-01'], makeUpWorkdays: [], reason: '国务院办公厅通知' })).status).toBe(403);
    const loaded = await call('PUT', '/calendar/2027', 'province-admin', { holidays: ['2027-01-01'], makeUpWorkdays: [], reason: '国务院办公厅关于2027年部分节假日安排的通知' });
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ year: 2027, official: true, source: 'loaded' });
    const wrong = await call('PUT', '/calendar/2027', 'province-admin', { holidays: [], makeUpWorkdays: ['2027-01-04'], reason: '测试' });
    expect(wrong.status).toBe(422);

    const official = await call('POST', '/registrations', 'school-registrar', intake({ enrolmentDate: '2026-12-21', season: 'spring', intakeYear: 2027 }));
    expect(official.body.registration.deadline).toEqual({ date: '2027-01-19', provisional: false, missingYears: [] });
  });
});
