import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { indexKey, keys, shardOf } from '../platform/keys.js';
import { nowIso, shanghaiDate } from '../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError, type FieldError } from '../platform/errors.js';
import { isConditionFailure } from '../platform/transactions.js';
import { withoutKeys } from '../platform/items.js';
import { actorOf, auditPut, diff } from '../audit/audit.js';
import type { Caller, Principal } from '../auth/principal.js';
import { canRead } from '../organisations/model.js';
import { readOrganisation } from '../organisations/service.js';
import { deadlineAfter } from '../calendar/service.js';
import { validateIdentityDocument } from './identity-document.js';
import { identityHash, OWN_STAGE, personHash, recordsOf, type PersonRecord } from './identity-lookup.js';
import type { Intake } from './intake-schema.js';
import { ACTIVE_STATUSES, type StudentRecord } from './model.js';
import { expectedGraduation, seasonCompletedOn, type SeasonYear } from './season.js';
import { parseStudentNumber, studentNumberFromResidentId, studentNumberWithoutMainlandId, temporaryStudentNumber } from './student-number.js';

const STUDENT = { en: 'The student', zh: '该学生' };

function seasonKey(s: SeasonYear): string {
  return `${s.year}-${s.season}`;
}

/** The item attributes that place a student in the index of its school (#4) and, while under review, its authority's queue (#5). */
function studentItem(student: StudentRecord, hashes: { identity?: string; person: string }): Record<string, unknown> {
  const bySchool = keys.studentsOfSchool;
  const queue = keys.reviewQueue;
  const inQueue = student.status === 'pending-review' || student.status === 'approved';
  return {
    ...keys.student(student.studentId),
    ...indexKey(bySchool.index, bySchool.pk(student.schoolId), bySchool.sk(student.status, seasonKey(student.registration.season), student.studentId)),
    ...(inQueue
      ? indexKey(
          queue.index,
          queue.pk(student.supervisingAuthorityId, shardOf(student.studentId)),
          queue.sk(student.registration.deadline.date, student.studentId),
        )
      : {}),
    entity: 'student',
    identityHash: hashes.identity,
    personHash: hashes.person,
    ...student,
  };
}

/** The person's record of this registration (A7): who and where; status and number are read from the student. */
function recordItem(partition: string, student: StudentRecord, schoolName: string): Record<string, unknown> {
  const record: Omit<PersonRecord, 'status'> = {
    recordId: student.studentId,
    stage: OWN_STAGE,
    schoolId: student.schoolId,
    schoolName,
    studentId: student.studentId,
    name: student.person.name,
    sex: student.person.sex,
    birthDate: student.person.birthDate,
    ethnicity: student.person.ethnicity,
  };
  return { pk: partition, sk: `RECORD#${student.studentId}`, entity: 'person-record', ...record };
}

export function toStudent(item: Record<string, unknown>): StudentRecord {
  return withoutKeys<StudentRecord>(item, ['identityHash', 'personHash']);
}

export interface StoredStudent {
  student: StudentRecord;
  identity?: string;
  person: string;
}

export async function loadStudent(studentId: string): Promise<StoredStudent | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.student(studentId) }));
  if (!Item) return undefined;
  const identity = Item.identityHash as string | undefined;
  const person = String(Item.personHash);
  return { student: toStudent(Item), identity, person };
}

/** A6: the earlier-stage record a new registration continues: it keeps the person's identity. */
function continuationConflicts(prior: PersonRecord, intake: Intake, fieldPrefix: string): FieldError[] {
  const fields: [keyof PersonRecord & keyof Intake, string][] = [
    ['name', '姓名'],
    ['sex', '性别'],
    ['birthDate', '出生日期'],
    ['ethnicity', '民族'],
  ];
  return fields
    .filter(([field]) => prior[field] !== undefined && prior[field] !== intake[field])
    .map(([field, label]) => ({
      field: `${fieldPrefix}.${field}`,
      code: 'continuation_mismatch',
      message: {
        en: `differs from the ${prior.stage} record this registration continues (A6); correct it, or have the earlier record corrected first`,
        zh: `${label}与该学生前一学段学籍不一致（第六条），请核对后修改，或先更正前一学段学籍`,
      },
    }));
}

/**
 * A5–A9: a school submits a new student. The identity document is checked (A8.2, A26), the duplicate check looks
 * at every record of the person (A7), an earlier-stage record is continued (A6), and the active-registration claim is
 * written in the same transaction as the record, so two schools racing for one person cannot both succeed (A9).
 */
export async function submitRegistration(caller: Caller, intake: Intake, fieldPrefix = 'body'): Promise<StudentRecord> {
  const school = await readOrganisation(caller.principal.organisationId);
  if (!school || school.level !== 'school' || school.status !== 'active' || !school.supervisingAuthorityId) {
    throw new RuleViolationError('A4', { en: 'Only an active school registers students', zh: '只有正常办学的学校可以注册学生' });
  }
  if (school.schoolType === 'general-high-school') {
    throw new RuleViolationError('A2', { en: 'General high schools do not register students in this registry', zh: '普通高中学生不在本系统注册学籍（第二条）' });
  }
  const checked = validateIdentityDocument(intake.identityDocument, { birthDate: intake.birthDate, sex: intake.sex }, 'identityDocument');
  if (!checked.ok) throw new ValidationError(checked.errors.map((e) => ({ ...e, field: `${fieldPrefix}.${e.field}` })));
  const document = checked.document;

  const today = shanghaiDate();
  if (intake.enrolmentDate > today) {
    throw new RuleViolationError('A5.1', { en: 'The enrolment date is in the future', zh: '入学日期晚于今天' }, [
      { field: `${fieldPrefix}.enrolmentDate`, code: 'in_future', message: { en: 'must not be after today', zh: '不能晚于今天' } },
    ]);
  }
  if (intake.jointPartnerSchoolId) {
    const partner = await readOrganisation(intake.jointPartnerSchoolId);
    if (!partner || partner.level !== 'school' || partner.status !== 'active' || partner.id === school.id) {
      throw new RuleViolationError('A17', { en: 'The joint-enrolment partner must be another active school', zh: '联合招生合作学校必须是另一所正常办学的学校' }, [
        { field: `${fieldPrefix}.jointPartnerSchoolId`, code: 'unknown_school', message: { en: 'is not another active school', zh: '不是另一所正常办学的学校' } },
      ]);
    }
  }

  const identity = await identityHash(document);
  const person = await personHash(intake);
  const found = await recordsOf(identity ? keys.identityPartition(identity) : keys.personPartition(person));

  // A7 / A9: one active diploma-track registration per person
  if (found.claim) throw await alreadyRegistered(caller.principal, found.claim.schoolId);
  const prior = found.records.filter((r) => r.stage !== OWN_STAGE).sort((a, b) => a.recordId.localeCompare(b.recordId)).at(-1);
  if (prior) {
    const conflicts = continuationConflicts(prior, intake, fieldPrefix);
    if (conflicts.length) {
      throw new RuleViolationError('A6', { en: 'The student continues an earlier-stage record whose identity differs', zh: '该学生有前一学段学籍，信息不一致' }, conflicts);
    }
  }
  // A7 / A26: without an identity number nothing can be claimed; matches are flagged for the reviewer instead
  const possibleDuplicates = identity ? undefined : found.records.filter((r) => r.stage === OWN_STAGE && ACTIVE_STATUSES.includes(r.status as never)).length;

  const intended: SeasonYear = { season: intake.season, year: intake.intakeYear };
  const season = seasonCompletedOn(intended, today);
  const at = nowIso();
  const { enrolmentDate, intakeYear, major, programLength, studyMode, studentType, recruitmentType, jointPartnerSchoolId } = intake;
  const { name, sex, birthDate, ethnicity, guardian, householdAddress, phone } = intake;
  const student: StudentRecord = {
    studentId: randomUUID(),
    schoolId: school.id,
    supervisionPath: school.supervisionPath,
    supervisingAuthorityId: school.supervisingAuthorityId,
    person: { name, sex, birthDate, ethnicity, guardian, householdAddress, phone, identityDocument: document },
    enrolment: { enrolmentDate, season: intake.season, intakeYear, major, programLength, studyMode, studentType, recruitmentType, jointPartnerSchoolId },
    registration: {
      season,
      expectedGraduation: expectedGraduation(season, programLength),
      ...(seasonKey(season) !== seasonKey(intended) ? { rolledOver: { from: intended, on: today } } : {}),
      deadline: await deadlineAfter(enrolmentDate, 20),
      submittedAt: at,
      ...(possibleDuplicates ? { possibleDuplicates } : {}),
    },
    ...(prior ? { continuation: { recordId: prior.recordId, stage: prior.stage, studentNumber: prior.studentNumber } } : {}),
    status: 'pending-review',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };

  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    { Put: { TableName: tableName(), Item: studentItem(student, { identity, person }), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (identity) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.identityActiveClaim(identity), entity: 'active-claim', studentId: student.studentId, schoolId: school.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  items.push(
    // A7: the record is findable by its identity number and, for students without one, by name + birth date + sex
    ...[...(identity ? [keys.identityPartition(identity)] : []), keys.personPartition(person)].map((partition) => ({
      Put: { TableName: tableName(), Item: recordItem(partition, student, school.name) },
    })),
    auditPut({
      at,
      actor: actorOf(caller),
      action: 'registration.submitted',
      target: { type: 'student', id: student.studentId },
      requestId: caller.requestId,
      changes: diff(undefined, { person: student.person, enrolment: student.enrolment, registration: { season, expectedGraduation: student.registration.expectedGraduation } }),
    }),
  );
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (identity && isConditionFailure(error, 1)) {
      const now = await recordsOf(keys.identityPartition(identity));
      throw await alreadyRegistered(caller.principal, now.claim?.schoolId);
    }
    throw error;
  }
  return student;
}

/** A7/A9 refusal: who holds the registration, as far as the caller may know (A24). */
async function alreadyRegistered(principal: Principal, holderSchoolId: string | undefined): Promise<ConflictError> {
  const holder = holderSchoolId ? await readOrganisation(holderSchoolId) : undefined;
  const visible = holder && (holder.id === principal.organisationId || canRead(principal, holder));
  const who = visible ? { en: `${holder.name} (${holder.id})`, zh: `${holder.name}（${holder.id}）` } : { en: 'another school', zh: '其他学校' };
  return new ConflictError({
    en: `This person already holds a diploma-track registration at ${who.en}; nobody holds two at once (A7, A9)`,
    zh: `该学生已在${who.zh}有学历教育学籍，不得重复注册（第七条、第九条）`,
  });
}

/** Who may read a student: the school and every authority on its supervision line (A4). */
export function assertCanRead(principal: Principal, student: Pick<StudentRecord, 'supervisionPath'>): void {
  if (!student.supervisionPath.includes(principal.organisationId)) throw new NotFoundError(STUDENT);
}

export async function getStudent(principal: Principal, studentId: string): Promise<StudentRecord> {
  const stored = await loadStudent(studentId);
  if (!stored) throw new NotFoundError(STUDENT);
  assertCanRead(principal, stored.student);
  return stored.student;
}

/** A8.1: only the school's supervising authority reviews its registrations. */
async function loadForReview(caller: Caller, studentId: string): Promise<StoredStudent> {
  const stored = await loadStudent(studentId);
  if (!stored) throw new NotFoundError(STUDENT);
  const student = stored.student;
  assertCanRead(caller.principal, student);
  if (student.supervisingAuthorityId !== caller.principal.organisationId) {
    throw new ForbiddenError({
      en: `Registrations of this school are reviewed by its supervising authority ${student.supervisingAuthorityId} (A4, A8.1)`,
      zh: `该校学籍由其学籍主管部门 ${student.supervisingAuthorityId} 审核（第四条、第八条）`,
    });
  }
  return stored;
}

function reviewer(caller: Caller) {
  return { credentialId: caller.principal.credentialId, name: caller.principal.holderName, organisationId: caller.principal.organisationId };
}

function notInStatus(student: StudentRecord, expected: string): ConflictError {
  return new ConflictError({
    en: `The registration is ${student.status}; this step needs it ${expected}`,
    zh: `该学籍当前状态为 ${student.status}，此操作要求状态为 ${expected}`,
  });
}

/** Allocates the next number of a J or L sequence (A8.2): an atomic counter per region and birth date. */
async function nextSequence(kind: 'J' | 'L', regionCode: string, birthDate: string): Promise<number> {
  const result = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.numberSequence(kind, regionCode, birthDate),
      UpdateExpression: 'ADD #seq :one',
      ExpressionAttributeNames: { '#seq': 'sequence' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.sequence);
}

/** The school's 6-digit region code: the county or prefecture it lies in. */
async function regionCodeOf(schoolId: string): Promise<string> {
  const school = await readOrganisation(schoolId);
  return school?.parentId ?? schoolId.slice(2, 8);
}

/** A8.1: the supervising authority approves (a temporary L number is given) or rejects with a reason. */
export async function decideRegistration(caller: Caller, studentId: string, input: { decision: 'approve' | 'reject'; reason: string }): Promise<StudentRecord> {
  const stored = await loadForReview(caller, studentId);
  const current = stored.student;
  if (current.status !== 'pending-review') throw notInStatus(current, 'pending-review');
  const at = nowIso();
  const approved = input.decision === 'approve';
  let temporaryNumber: string | undefined;
  if (approved) {
    const regionCode = await regionCodeOf(current.schoolId);
    const sequence = await nextSequence('L', regionCode, current.person.birthDate);
    temporaryNumber = temporaryStudentNumber({ regionCode, birthDate: current.person.birthDate, sequence });
  }
  const record: StudentRecord = {
    ...current,
    status: approved ? 'approved' : 'rejected',
    registration: { ...current.registration, decision: { ...input, at, by: reviewer(caller) } },
    ...(temporaryNumber ? { temporaryNumber } : {}),
    updatedAt: at,
    version: current.version + 1,
  };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          versionedPut(stored, record),
          // a rejected submission frees the person: the school corrects it and submits again
          ...(!approved && stored.identity
            ? [
                {
                  Delete: {
                    TableName: tableName(),
                    Key: keys.identityActiveClaim(stored.identity),
                    ConditionExpression: 'studentId = :id',
                    ExpressionAttributeValues: { ':id': studentId },
                  },
                },
              ]
            : []),
          auditPut({
            at,
            actor: actorOf(caller),
            action: approved ? 'registration.approved' : 'registration.rejected',
            target: { type: 'student', id: studentId },
            reason: input.reason,
            requestId: caller.requestId,
            changes: diff({ status: current.status, temporaryNumber: current.temporaryNumber }, { status: record.status, temporaryNumber: record.temporaryNumber }),
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) throw notInStatus(current, 'pending-review');
    throw error;
  }
  return record;
}

/** The student's new version, written only over the version it was read as (optimistic locking). */
export function versionedPut(stored: StoredStudent, record: StudentRecord) {
  return {
    Put: {
      TableName: tableName(),
      Item: studentItem(record, { identity: stored.identity, person: stored.person }),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': stored.student.version },
    },
  };
}

/**
 * A8.1 / A8.2: the reviewer records the identity verification and what was checked; the lifelong student number is
 * issued, and the registration completes — in the season of its completion
 * date (A5.3), which may move the expected graduation.
 */
export async function verifyIdentity(caller: Caller, studentId: string, input: { checks: string[]; note?: string }): Promise<StudentRecord> {
  const stored = await loadForReview(caller, studentId);
  const current = stored.student;
  if (current.status !== 'approved') throw notInStatus(current, 'approved');
  const at = nowIso();
  const today = shanghaiDate();
  const studentNumber = current.continuation?.studentNumber ?? (await formalNumber(current));
  const season = seasonCompletedOn(current.registration.season, today);
  const rolled = seasonKey(season) !== seasonKey(current.registration.season);
  const record: StudentRecord = {
    ...current,
    status: 'registered',
    studentNumber,
    registration: {
      ...current.registration,
      verification: { checks: input.checks, note: input.note, at, by: reviewer(caller) },
      ...(rolled
        ? {
            season,
            expectedGraduation: expectedGraduation(season, current.enrolment.programLength),
            rolledOver: { from: current.registration.rolledOver?.from ?? current.registration.season, on: today },
          }
        : {}),
    },
    updatedAt: at,
    version: current.version + 1,
  };
  // A8.2: a J number comes from a sequence and is reserved for ever, so it can never be issued again. A G number is
  // the resident ID number itself: it is one person's by construction, held by one registration at a time through the
  // identity's active claim (A9), and the same person registering again later rightly gets it again — for life.
  const reserveNumber = !current.continuation?.studentNumber && parseStudentNumber(studentNumber)?.kind === 'J';
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          versionedPut(stored, record),
          ...(reserveNumber
            ? [
                {
                  Put: {
                    TableName: tableName(),
                    Item: { ...keys.studentNumber(studentNumber), entity: 'student-number', studentId, issuedAt: at },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : []),
          auditPut({
            at,
            actor: actorOf(caller),
            action: 'registration.identity-verified',
            target: { type: 'student', id: studentId },
            reason: `checked: ${input.checks.join(', ')}${input.note ? ` — ${input.note}` : ''}`,
            requestId: caller.requestId,
            changes: diff(
              { status: current.status, studentNumber: current.studentNumber, season: current.registration.season, expectedGraduation: current.registration.expectedGraduation },
              { status: record.status, studentNumber, season: record.registration.season, expectedGraduation: record.registration.expectedGraduation },
            ),
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) throw notInStatus(current, 'approved');
    if (reserveNumber && isConditionFailure(error, 1)) {
      throw new ConflictError({ en: 'This student number was issued before; numbers are never reused (A8.2)', zh: '该学籍号已被使用，学籍号不得重复使用（第八条）' });
    }
    throw error;
  }
  return record;
}

/** A8.2: G + the resident ID number; otherwise J + a number built like one from the school's region code. */
async function formalNumber(student: StudentRecord): Promise<string> {
  const document = student.person.identityDocument;
  if (document.type === 'resident-id' && document.number) return studentNumberFromResidentId(document.number);
  const regionCode = await regionCodeOf(student.schoolId);
  const sequence = await nextSequence('J', regionCode, student.person.birthDate);
  return studentNumberWithoutMainlandId({ regionCode, birthDate: student.person.birthDate, sequence });
}

/** A10: grants and tuition waivers only for students whose registration the authority has approved. */
export async function grantEligibility(principal: Principal, studentId: string) {
  const student = await getStudent(principal, studentId);
  const eligible = student.status === 'approved' || student.status === 'registered';
  return {
    studentId,
    status: student.status,
    eligible,
    reason: eligible
      ? { en: 'The supervising authority has approved the registration (A10)', zh: '学籍已经学籍主管部门审核通过（第十条）' }
      : {
          en: `Registration comes first: the registration is ${student.status}, not yet approved by the supervising authority (A10)`,
          zh: `先注册后资助：该生学籍状态为 ${student.status}，尚未经学籍主管部门审核通过（第十条）`,
        },
  };
}
