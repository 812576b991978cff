import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { approveInTurn, registeredStudent } from '../support/cases.js';
import { intake } from '../support/students.js';

describe('A14.2 cross-province transfers, filed by the provincial authority', () => {
  it('A14.2: a transfer out is decided by the school and its authority and filed by the province; the person is free to register there', async () => {
    const body = intake();
    const student = await registeredStudent(call, body);
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '随父母迁往四川', details: { type: 'cross-province-transfer', direction: 'out', otherProvince: '四川省', otherSchool: '成都市某职业学校' } },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.steps.map((s: { party: string; organisationId: string }) => `${s.party}:${s.organisationId}`)).toEqual([
      'school:4153010003',
      'authority:530102',
      'provincial-filing:530000',
    ]);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer', 'province-reviewer'])).status).toBe('approved');
    const after = await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' });
    expect(after.body).toMatchObject({ status: 'transferred-out', crossProvince: { direction: 'out', otherProvince: '四川省' } });
    expect((await call('POST', '/registrations', { as: 'kunming-school-registrar', body })).status).toBe(201);
  });

  it('A14.2: a transfer in is filed for the registration the receiving school submitted', async () => {
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake() });
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: submitted.body.studentId, reason: '自贵州省转入', details: { type: 'cross-province-transfer', direction: 'in', otherProvince: '贵州省', otherSchool: '贵阳市某中专' } },
    });
    expect(opened.status).toBe(201);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer', 'province-reviewer'])).status).toBe('approved');
    const after = await call('GET', `/students/${submitted.body.studentId}`, { as: 'school-registrar' });
    expect(after.body).toMatchObject({ status: 'pending-review', crossProvince: { direction: 'in', otherProvince: '贵州省' } });
  });
});
