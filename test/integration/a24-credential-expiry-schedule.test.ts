import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/runtime.js';
import { demoCredentials } from '../../infra/local/demo-credentials.js';

/**
 * The schedules run on the one clock: a stack of its own, started five minutes before midnight (Asia/Shanghai) and
 * running 120× faster, reaches the daily 00:10 sweep in under ten seconds of real time.
 */
let stack: LocalStack;
const scheduleLog: string[] = [];
const admin = { authorization: `Bearer ${demoCredentials[0]!.token}`, 'content-type': 'application/json' };

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, clock: '2026-12-31T23:55:00+08:00', clockSpeed: 120, logLevel: 'ERROR', onSchedule: (l) => scheduleLog.push(l) });
});
afterAll(async () => {
  await stack?.stop();
});

describe('schedules on the local clock', () => {
  it('A24: a credential valid for one day is expired by the 00:10 sweep of the next day, with an audit event', async () => {
    const issued = await fetch(`${stack.url}/credentials`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ organisationId: '530100', role: 'reviewer', holder: { kind: 'person', name: '临时审核员' }, validDays: 1 }),
    }).then((r) => r.json() as Promise<any>);
    expect(issued.validUntil).toBe('2026-12-31');

    const deadline = Date.now() + 20_000;
    while (!scheduleLog.some((l) => l.includes('expire-credentials ran for 2026-12-31T16:10:00.000Z'))) {
      if (Date.now() > deadline) throw new Error(`the sweep did not run: ${scheduleLog.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(scheduleLog.join('\n')).toMatch(/"expired":1/);

    const list = await fetch(`${stack.url}/credentials?organisationId=530100`, { headers: admin }).then((r) => r.json() as Promise<any>);
    expect(list.items.find((c: { credentialId: string }) => c.credentialId === issued.credentialId).status).toBe('expired');
    const refused = await fetch(`${stack.url}/me`, { headers: { authorization: `Bearer ${issued.token}` } });
    expect(refused.status).toBe(401);
  }, 40_000);
});
