import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { approveInTurn, registeredStudent } from '../support/cases.js';
import { intake } from '../support/students.js';

/** The stack's clock stands at 2026-11-18 (global-setup.ts). */
describe('personal-information change (A16) and joint-enrolment hand-over (A17)', () => {
  it('A16: opened within 10 working days of the proof; applied on approval, the old values kept in the history', async () => {
    const student = await registeredStudent();
    const late = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '更名', details: { type: 'information-change', changes: { name: '李晓明' }, proofReceivedOn: '2026-10-01' } },
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ rule: 'A16', errors: [{ field: 'body.details.proofReceivedOn' }] });

    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '公安机关更名证明', details: { type: 'information-change', changes: { name: '李晓明' }, proofReceivedOn: '2026-11-16' } },
    });
    expect(opened.status).toBe(201);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer'])).status).toBe('approved');
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body.person.name).toBe('李晓明');
    const audit = await call('GET', `/students/${student.studentId}/audit-events?limit=1`, { as: 'school-registrar' });
    expect(audit.body.items[0]).toMatchObject({ action: 'case.applied.information-change' });
    expect(audit.body.items[0].changes).toContainEqual({ field: 'person.name', from: student.person.name, to: '李晓明' });
  });

  it('A17: approving a jointly recruited student opens the hand-over to the partner school, which completes as a transfer', async () => {
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ recruitmentType: 'joint', jointPartnerSchoolId: '4153010002' }) });
    const approved = await call('POST', `/students/${submitted.body.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
    expect(approved.status).toBe(200);
    let handOver: { caseId: string } | undefined;
    for (let tries = 0; !handOver && tries < 100; tries++) {
      const box = await call('GET', '/inbox?limit=100', { as: 'school-registrar' });
      handOver = box.body.items.find((e: { studentId: string }) => e.studentId === submitted.body.studentId);
      if (!handOver) await new Promise((r) => setTimeout(r, 100));
    }
    expect(handOver).toMatchObject({ type: 'transfer', party: 'sending-school' });
    const c = await call('GET', `/cases/${handOver!.caseId}`, { as: 'school-registrar' });
    expect(c.body.steps[0].deadline.date).toBe('2026-12-02');
    expect(c.body.openedBy.organisationId).toBe('system');
  });
});
