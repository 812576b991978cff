import { expect } from 'vitest';
import { call } from './api.js';
import { intake } from './students.js';

type Api = typeof call;

/** A student of 五华区职业中学, registered through the whole A8.1 path. */
export async function registeredStudent(api: Api = call, overrides: Record<string, unknown> = {}) {
  const submitted = await api('POST', '/registrations', { as: 'school-registrar', body: intake(overrides) });
  expect(submitted.status).toBe(201);
  const id = submitted.body.studentId as string;
  await api('POST', `/students/${id}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
  const verified = await api('POST', `/students/${id}/identity-verification`, { as: 'wuhua-reviewer', body: { checks: ['original-document-inspected'] } });
  expect(verified.body.status).toBe('registered');
  return verified.body;
}

/** Waits until the workflow has opened step `step`: its entry is in the party's inbox. */
export async function stepOpen(api: Api, caseId: string, step: number, as: string, view: 'mine' | 'escalations' = 'mine', timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await api('GET', `/inbox?limit=100&view=${view}`, { as });
    const entry = box.body.items?.find((e: { caseId: string; step: number }) => e.caseId === caseId && e.step === step);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`step ${step} of ${caseId} never reached ${as}'s ${view}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function caseClosed(api: Api, caseId: string, as: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await api('GET', `/cases/${caseId}`, { as });
    if (current.body.status !== 'open') return current.body;
    if (Date.now() > deadline) throw new Error(`case ${caseId} never closed`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every party approves its step in turn, as each step opens; returns the closed case. */
export async function approveInTurn(api: Api, caseId: string, parties: string[]) {
  for (const [step, as] of parties.entries()) {
    await stepOpen(api, caseId, step, as);
    expect((await api('POST', `/cases/${caseId}/steps/${step}/decision`, { as, body: { decision: 'approve', reason: '同意' } })).status).toBe(200);
  }
  return caseClosed(api, caseId, parties.at(-1)!);
}
