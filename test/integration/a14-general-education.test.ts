import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { approveInTurn, registeredStudent } from '../support/cases.js';
import { intake } from '../support/students.js';

describe('A14.3 transfers between a vocational school and a general high school', () => {
  it('A14.3: the receiving general high school opens it by student number; both schools and both authorities decide; the student leaves the registry', async () => {
    const student = await registeredStudent();
    const byVocational = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '转入普通高中', details: { type: 'general-education-transfer', direction: 'to-general', generalHighSchoolId: '4153010008' } },
    });
    expect(byVocational.status).toBe(403);
    const opened = await call('POST', '/cases', {
      as: 'general-school-registrar',
      body: { studentNumber: student.studentNumber, reason: '学生申请转入普通高中', details: { type: 'general-education-transfer', direction: 'to-general', generalHighSchoolId: '4153010008' } },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.steps.map((s: { organisationId: string }) => s.organisationId)).toEqual(['4153010003', '530102', '4153010008', '530100']);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer', 'general-school-registrar', 'kunming-reviewer'])).status).toBe('approved');
    const after = await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' });
    expect(after.body).toMatchObject({ status: 'transferred-out', generalEducation: { direction: 'to-general', generalHighSchoolId: '4153010008' } });
  });

  it('A14.3: from a general high school, the receiving vocational school opens it for the registration it submitted', async () => {
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake() });
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: submitted.body.studentId, reason: '自普通高中转入', details: { type: 'general-education-transfer', direction: 'from-general', generalHighSchoolId: '4153010008' } },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.steps.map((s: { party: string }) => s.party)).toEqual(['general-high-school', 'general-high-school-authority', 'vocational-school', 'vocational-authority']);
    expect((await approveInTurn(call, opened.body.caseId, ['general-school-registrar', 'kunming-reviewer', 'school-registrar', 'wuhua-reviewer'])).status).toBe('approved');
  });

  it('A2: a general high school registers no students here', async () => {
    const refused = await call('POST', '/registrations', { as: 'general-school-registrar', body: intake() });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('A2');
  });
});
