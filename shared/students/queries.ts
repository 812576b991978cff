import { keys } from '../platform/keys.js';
import { indexPage, shardedIndexPage, type Page } from '../platform/pagination.js';
import { NotFoundError } from '../platform/errors.js';
import { maskIdentityNumber } from '../audit/audit.js';
import { isWithinJurisdiction } from '../organisations/model.js';
import { loadOrganisation } from '../organisations/service.js';
import { listOfTarget } from '../audit/service.js';
import type { Principal } from '../auth/principal.js';
import type { StudentRecord } from './model.js';
import { getStudent, toStudent } from './registration.js';

/**
 * A24: the identity number in full only for those who work with it — the school and its supervising authority;
 * every other authority on the supervision line sees it masked.
 */
export function present(principal: Principal, student: StudentRecord): StudentRecord {
  const entitled = principal.organisationId === student.schoolId || principal.organisationId === student.supervisingAuthorityId;
  const number = student.person.identityDocument.number;
  if (entitled) return student;
  return {
    ...student,
    ...(student.studentNumber ? { studentNumber: maskIdentityNumber(student.studentNumber) } : {}),
    person: { ...student.person, identityDocument: { ...student.person.identityDocument, ...(number ? { number: maskIdentityNumber(number) } : {}) } },
  };
}

/** #4: a school's students, optionally of one status, in the school's or a superior's view. */
export async function listSchoolStudents(principal: Principal, schoolId: string, query: { status?: string; cursor?: string; limit: number }): Promise<Page<StudentRecord>> {
  const school = await loadOrganisation(schoolId);
  if (!school || school.level !== 'school' || !isWithinJurisdiction(principal.organisationId, school)) {
    throw new NotFoundError({ en: 'The school', zh: '该学校' });
  }
  const bySchool = keys.studentsOfSchool;
  return indexPage(
    bySchool.index,
    bySchool.pk(schoolId),
    { cursor: query.cursor, limit: query.limit, scope: `school-students:${schoolId}:${query.status ?? ''}` },
    (item) => present(principal, toStudent(item)),
    { prefix: query.status && `${query.status}#` },
  );
}

/**
 * #5: registrations waiting for the caller's authority, oldest deadline first. The queue is sharded (keys.ts);
 * each page queries every shard from the cursor's position and merges them in deadline order.
 */
export async function reviewQueue(principal: Principal, query: { cursor?: string; limit: number }): Promise<Page<StudentRecord>> {
  const queue = keys.reviewQueue;
  return shardedIndexPage(
    queue.index,
    (shard) => queue.pk(principal.organisationId, shard),
    { ...query, scope: `review-queue:${principal.organisationId}` },
    (item) => present(principal, toStudent(item)),
  );
}

/** #8 / A25: a student's audit trail, newest first, for whoever may read the student. */
export async function studentAudit(principal: Principal, studentId: string, page: { cursor?: string; limit: number }) {
  await getStudent(principal, studentId);
  return listOfTarget('student', studentId, page);
}
