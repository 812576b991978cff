import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { approveInTurn, caseClosed, stepOpen } from '../support/cases.js';
import { intake, randomBirthDate } from '../support/students.js';

describe('A11: two authorities approved the same person', () => {
  it('A11: the case goes to their lowest common superior, which decides which registration stands', async () => {
    const dali = await call('POST', '/credentials', { as: 'province-admin', body: { organisationId: '4153290004', role: 'registrar', holder: { kind: 'person', name: '大理学籍管理员' } } });
    const daliReviewer = await call('POST', '/credentials', { as: 'province-admin', body: { organisationId: '532901', role: 'reviewer', holder: { kind: 'person', name: '大理市审核员' } } });
    const person = intake({ birthDate: randomBirthDate(), name: '无证件重复', identityDocument: { type: 'none' } });

    const first = await call('POST', '/registrations', { as: 'school-registrar', body: person });
    await call('POST', `/students/${first.body.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
    const second = await call('POST', '/registrations', { token: dali.body.token, body: person });
    expect(second.body.registration.possibleDuplicates).toBe(1);
    const approved = await call('POST', `/students/${second.body.studentId}/registration-decision`, { token: daliReviewer.body.token, body: { decision: 'approve', reason: '同意' } });
    expect(approved.status).toBe(200);

    // 五华区 (530102, under 昆明市) and 大理市 (532901, under 大理州) meet at the province
    let entry: { caseId: string; step: number } | undefined;
    for (let tries = 0; !entry && tries < 100; tries++) {
      const box = await call('GET', '/inbox?limit=100', { as: 'province-reviewer' });
      entry = box.body.items.find((e: { studentId: string; type: string }) => e.studentId === second.body.studentId && e.type === 'duplicate-resolution');
      if (!entry) await new Promise((r) => setTimeout(r, 100));
    }
    expect(entry).toBeDefined();
    await stepOpen(call, entry!.caseId, 0, 'province-reviewer');
    const noChoice = await call('POST', `/cases/${entry!.caseId}/steps/0/decision`, { as: 'province-reviewer', body: { decision: 'approve', reason: '保留先注册者' } });
    expect(noChoice.status).toBe(422);
    expect(noChoice.body.rule).toBe('A11');
    const decided = await call('POST', `/cases/${entry!.caseId}/steps/0/decision`, {
      as: 'province-reviewer',
      body: { decision: 'approve', reason: '保留先注册者', keep: first.body.studentId },
    });
    expect(decided.status).toBe(200);
    expect((await caseClosed(call, entry!.caseId, 'province-reviewer')).status).toBe('approved');
    expect((await call('GET', `/students/${second.body.studentId}`, { as: 'province-reviewer' })).body.status).toBe('cancelled');
    expect((await call('GET', `/students/${first.body.studentId}`, { as: 'province-reviewer' })).body.status).toBe('approved');
  });
});

describe('A11: correction request for a registration that cannot complete', () => {
  it('A11: the school files the correction with its proof, the authority decides, the registration carries on corrected', async () => {
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ programLength: 3 }) });
    expect(submitted.body.registration.expectedGraduation).toBe('2029-07');
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: submitted.body.studentId, reason: '招生计划为四年制，录取通知书为证', details: { type: 'correction', changes: { programLength: 4, major: { code: '710202', name: '计算机网络技术' } } } },
    });
    expect(opened.status).toBe(201);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer'])).status).toBe('approved');
    const after = await call('GET', `/students/${submitted.body.studentId}`, { as: 'school-registrar' });
    expect(after.body).toMatchObject({ status: 'pending-review', enrolment: { programLength: 4, major: { code: '710202' } }, registration: { expectedGraduation: '2030-07' } });
  });

  it('A11: a completed registration is not corrected this way', async () => {
    const { registeredStudent } = await import('../support/cases.js');
    const student = await registeredStudent();
    const refused = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '更正', details: { type: 'correction', changes: { programLength: 4 } } } });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('A11');
  });
});
