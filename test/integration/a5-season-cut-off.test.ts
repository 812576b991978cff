import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/runtime.js';
import { demoCredentials } from '../../infra/local/demo-credentials.js';
import { intake } from '../support/students.js';

/**
 * A5.2 / A5.3 on a stack of its own whose clock starts one minute before the autumn cut-off ends (2026-11-20 23:59
 * Asia/Shanghai) and runs 30× faster: midnight comes after two real seconds.
 */
let stack: LocalStack;
const token = (id: string) => demoCredentials.find((c) => c.credentialId === `demo-${id}`)!.token;

async function call(method: string, path: string, as: string, body?: unknown): Promise<any> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token(as)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, clock: '2026-11-20T23:59:00+08:00', clockSpeed: 30, logLevel: 'ERROR' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('A5.2 / A5.3 season cut-off', () => {
  it('A5.3: submitted before the cut-off, completed after it — the registration moves to spring 2027 and graduates half a year later', async () => {
    const submitted = await call('POST', '/registrations', 'school-registrar', intake());
    expect(submitted.registration).toMatchObject({ season: { season: 'autumn', year: 2026 }, expectedGraduation: '2029-07' });
    await call('POST', `/students/${submitted.studentId}/registration-decision`, 'wuhua-reviewer', { decision: 'approve', reason: '同意' });

    const { now } = await import('../../shared/platform/clock.js');
    while (now() < new Date('2026-11-21T00:00:05+08:00')) await new Promise((r) => setTimeout(r, 100));

    const verified = await call('POST', `/students/${submitted.studentId}/identity-verification`, 'wuhua-reviewer', { checks: ['original-document-inspected'] });
    expect(verified.status).toBe('registered');
    expect(verified.registration).toMatchObject({
      season: { season: 'spring', year: 2027 },
      expectedGraduation: '2030-01',
      rolledOver: { from: { season: 'autumn', year: 2026 }, on: '2026-11-21' },
    });
  });

  it('A5.3: an autumn-2026 student enrolled on 2026-11-21 registers in spring 2027, graduation moved', async () => {
    const submitted = await call('POST', '/registrations', 'school-registrar', intake({ enrolmentDate: '2026-11-21' }));
    expect(submitted.registration).toMatchObject({
      season: { season: 'spring', year: 2027 },
      expectedGraduation: '2030-01',
      rolledOver: { from: { season: 'autumn', year: 2026 }, on: '2026-11-21' },
    });
  });
});
