import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { indexAttributes, indexKey, keys, shardOf } from '../platform/keys.js';
import { dueItems } from '../platform/due.js';
import { endOfShanghaiDate, nowIso, nowMs, shanghaiDate, timerSecondsUntil } from '../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../platform/errors.js';
import { isConditionFailure } from '../platform/transactions.js';
import { withoutKeys } from '../platform/items.js';
import { indexPage, shardedIndexPage, type Page } from '../platform/pagination.js';
import { sendTaskSuccess, startWorkflow } from '../platform/workflows.js';
import { actorOf, auditPut, diff, type AuditActor } from '../audit/audit.js';
import type { Caller, Principal } from '../auth/principal.js';
import { deadlineAfter } from '../calendar/service.js';
import { loadOrganisation } from '../organisations/service.js';
import { loadStudent, versionedPut, type StoredStudent } from '../students/registration.js';
import { identityHash, OWN_STAGE, personHash, recordsOf } from '../students/identity-lookup.js';
import { parseStudentNumber } from '../students/student-number.js';
import { expectedGraduation } from '../students/season.js';
import type { StudentRecord } from '../students/model.js';
import type { Organisation } from '../organisations/model.js';
import { currentStep, partiesOf, STEP_WORKING_DAYS, type Case, type CaseDetails, type CaseStep } from './model.js';

const CASE = { en: 'The case', zh: '该事项' };
export const CASE_WORKFLOW = 'case-workflow';

function toCase(item: Record<string, unknown>): Case {
  return withoutKeys<Case>(item);
}

async function loadCase(caseId: string): Promise<Case | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.case(caseId) }));
  return Item ? toCase(Item) : undefined;
}

function caseItem(c: Case): Record<string, unknown> {
  return { ...keys.case(c.caseId), entity: 'case', ...c };
}

export async function getCase(principal: Principal, caseId: string): Promise<Case> {
  const c = await loadCase(caseId);
  if (!c || !c.visibleTo.includes(principal.organisationId)) throw new NotFoundError(CASE);
  return c;
}

function byWhom(caller: Caller) {
  return { credentialId: caller.principal.credentialId, name: caller.principal.holderName, organisationId: caller.principal.organisationId };
}

/**
 * A14.1 / A15: the school opens a case for one of its registered students, with its reason (evidence comes with its
 * own endpoint). The case is saved with a start marker before its workflow starts, so a crash in between loses
 * nothing: the execution is named after the case, and the restart sweep simply starts it again.
 */
export async function openCase(caller: Caller, input: { studentId?: string; studentNumber?: string; reason: string; details: CaseDetails }): Promise<Case> {
  const details = input.details;
  const toGeneral = details.type === 'general-education-transfer' && details.direction === 'to-general';
  const stored = await loadStudent(input.studentId ?? (await studentIdOfNumber(input.studentNumber)) ?? '');
  // A14.3: a general high school receiving a vocational student opens the case knowing only the student number
  const opener = toGeneral ? details.generalHighSchoolId : stored?.student.schoolId;
  if (!stored || (!toGeneral && !stored.student.supervisionPath.includes(caller.principal.organisationId))) {
    throw new NotFoundError({ en: 'The student', zh: '该学生' });
  }
  const student = stored.student;
  if (opener !== caller.principal.organisationId) {
    throw new ForbiddenError({
      en: 'A case is opened by the student’s school — by the receiving school for a transfer with a general high school (A14.1, A14.3, A15)',
      zh: '学籍异动由学生所在学校发起；与普通高中之间的转学由转入学校发起（第十四条、第十五条）',
    });
  }
  // a transfer in from another province is filed for a registration this school has just submitted
  const expected = details.type === 'status-change' && details.change === 'resumption' ? 'suspended' : 'registered';
  const allowed =
    details.type === 'correction'
      ? ['pending-review', 'approved'] // A11: a registration that has not completed
      : (details.type === 'cross-province-transfer' && details.direction === 'in') ||
          (details.type === 'general-education-transfer' && details.direction === 'from-general')
        ? ['pending-review', 'approved', 'registered']
        : [expected];
  if (!allowed.includes(student.status)) {
    throw new RuleViolationError({ transfer: 'A14.1', 'cross-province-transfer': 'A14.2', 'general-education-transfer': 'A14.3', 'status-change': 'A15', 'information-change': 'A16', correction: 'A11', 'duplicate-resolution': 'A11' }[details.type], {
      en: `The student's registration is ${student.status}; this change needs it ${expected}`,
      zh: `该学生学籍状态为 ${student.status}，此项异动要求状态为 ${expected}`,
    });
  }
  if (details.type === 'information-change') {
    // A16: the school opens the change within 10 working days of receiving the proof
    const window = await deadlineAfter(details.proofReceivedOn, STEP_WORKING_DAYS);
    if (shanghaiDate() > window.date || details.proofReceivedOn > shanghaiDate()) {
      throw new RuleViolationError(
        'A16',
        {
          en: `A personal-information change opens within 10 working days of receiving the proof (by ${window.date}); this one is late — the school must obtain new proof`,
          zh: `学生信息变更须在收到证明材料之日起10个工作日内提出（截至 ${window.date}），已逾期，请重新取得证明材料`,
        },
        [{ field: 'body.details.proofReceivedOn', code: 'too_late', message: { en: `must be within 10 working days before today`, zh: '须在今天之前10个工作日以内' } }],
      );
    }
  }
  if (details.type === 'general-education-transfer') {
    const general = await loadOrganisation(details.generalHighSchoolId);
    if (!general || general.schoolType !== 'general-high-school' || general.status !== 'active') {
      throw new RuleViolationError('A14.3', { en: 'generalHighSchoolId must be an active general high school', zh: '须为正常办学的普通高中' }, [
        { field: 'body.details.generalHighSchoolId', code: 'not_general_high_school', message: { en: 'is not an active general high school', zh: '不是正常办学的普通高中' } },
      ]);
    }
    return createCase(student, general, details, input.reason, { actor: actorOf(caller), openedBy: byWhom(caller), requestId: caller.requestId });
  }
  const receiving = details.type === 'transfer' ? await loadOrganisation(details.receivingSchoolId) : undefined;
  if (details.type === 'transfer' && (!receiving || receiving.level !== 'school' || receiving.status !== 'active' || receiving.id === student.schoolId)) {
    throw new RuleViolationError('A14.1', { en: 'The receiving school must be another active school', zh: '转入学校必须是另一所正常办学的学校' }, [
      { field: 'body.details.receivingSchoolId', code: 'unknown_school', message: { en: 'is not another active school', zh: '不是另一所正常办学的学校' } },
    ]);
  }
  return createCase(student, receiving, details, input.reason, { actor: actorOf(caller), openedBy: byWhom(caller), requestId: caller.requestId });
}

/**
 * Saves a case with a start marker, then starts its workflow. The marker lets the restart sweep start a case whose
 * workflow never started (a crash in between): the execution is named after the case, so a second start is a no-op.
 */
async function createCase(
  student: StudentRecord,
  receiving: Organisation | undefined,
  details: CaseDetails,
  reason: string,
  by: { actor: AuditActor; openedBy: Case['openedBy']; requestId: string },
  alsoVisibleTo: string[] = [],
): Promise<Case> {
  const at = nowIso();
  const c: Case = {
    caseId: randomUUID(),
    type: details.type,
    studentId: student.studentId,
    details,
    reason,
    visibleTo: [...new Set([...student.supervisionPath, ...(receiving?.supervisionPath ?? []), ...alsoVisibleTo])],
    steps: partiesOf(details, student, receiving).map((p, index) => ({ ...p, index, status: 'pending' })),
    status: 'open',
    openedAt: at,
    openedBy: by.openedBy,
    version: 1,
  };
  const due = keys.dueOn;
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...caseItem(c), ...indexKey(due.index, due.pk(shanghaiDate(), shardOf(c.caseId)), due.sk('case-start', c.caseId)) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName(), Item: { ...keys.studentCase(student.studentId, at, c.caseId), entity: 'student-case', caseId: c.caseId, type: c.type } } },
        auditPut({
          at,
          actor: by.actor,
          action: 'case.opened',
          target: { type: 'student', id: student.studentId },
          reason,
          requestId: by.requestId,
          changes: [{ field: 'case', to: { caseId: c.caseId, ...details } }],
        }),
      ],
    }),
  );
  await startWorkflow(CASE_WORKFLOW, c.caseId, { caseId: c.caseId });
  return c;
}

/**
 * A11: a student without an identity number can be approved by two authorities (nothing could be claimed, A26): when
 * an approval finds another approved registration of the same name, birth date and sex under another supervising
 * authority, a case goes to their lowest common superior, which decides which registration stands.
 */
export async function openDuplicateResolutions(student: StudentRecord, requestId: string): Promise<Case[]> {
  if (student.person.identityDocument.number) return [];
  const found = await recordsOf(keys.personPartition(await personHash(student.person)));
  const others = found.records.filter((r) => r.studentId && r.studentId !== student.studentId && (r.status === 'approved' || r.status === 'registered'));
  const opened: Case[] = [];
  for (const other of others) {
    const stored = await loadStudent(other.studentId!);
    if (!stored || stored.student.supervisingAuthorityId === student.supervisingAuthorityId) continue;
    const system = { credentialId: 'registry', name: 'A11 duplicate registrations / 重复学籍', organisationId: 'system' };
    opened.push(
      await createCase(
        student,
        undefined,
        { type: 'duplicate-resolution', studentIds: [other.studentId!, student.studentId], authorityIds: [stored.student.supervisingAuthorityId, student.supervisingAuthorityId] },
        'A11 两个学籍主管部门均审核通过同一学生的学籍，由共同上级决定保留哪一个',
        { actor: { kind: 'schedule', name: system.name, organisationId: 'system' }, openedBy: system, requestId },
        stored.student.supervisionPath,
      ),
    );
  }
  return opened;
}

/**
 * A17: a jointly recruited student, once the authority approved the registration, is handed over to the school
 * where the student actually studies — a transfer case opened by the registry itself, each party 10 working days.
 */
export async function openJointEnrolmentHandOver(student: StudentRecord, requestId: string): Promise<Case | undefined> {
  const partnerId = student.enrolment.jointPartnerSchoolId;
  if (student.enrolment.recruitmentType !== 'joint' || !partnerId) return undefined;
  const partner = await loadOrganisation(partnerId);
  if (!partner || partner.level !== 'school') return undefined;
  const system = { credentialId: 'registry', name: 'A17 joint enrolment hand-over / 联合招生学籍移交', organisationId: 'system' };
  return createCase(student, partner, { type: 'transfer', receivingSchoolId: partnerId }, 'A17 联合招生合作办学：移交至实际就读学校', {
    actor: { kind: 'schedule', name: system.name, organisationId: 'system' },
    openedBy: system,
    requestId,
  });
}

/**
 * A8.2: the student a lifelong number belongs to. A G number is the resident ID number: its person's active
 * registration, else one that held the number; a J number was reserved when it was issued.
 */
async function studentIdOfNumber(studentNumber: string | undefined): Promise<string | undefined> {
  if (!studentNumber) return undefined;
  if (parseStudentNumber(studentNumber)?.kind === 'G') {
    const identity = await identityHash({ type: 'resident-id', number: studentNumber.slice(1) });
    const found = await recordsOf(keys.identityPartition(identity!));
    return found.claim?.studentId ?? found.records.find((r) => r.stage === OWN_STAGE && r.studentNumber === studentNumber)?.studentId;
  }
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.studentNumber(studentNumber) }));
  return Item?.studentId as string | undefined;
}

/** Schedule: starts again the workflows of cases saved but never started (idempotent by execution name). */
export async function restartStalledCases(): Promise<number> {
  let restarted = 0;
  // today's and yesterday's markers: the sweep runs every few minutes, so nothing older can be left
  for await (const item of dueItems('case-start', [shanghaiDate(nowMs() - 86_400_000), shanghaiDate()])) {
    await startWorkflow(CASE_WORKFLOW, String(item.caseId), { caseId: item.caseId }).catch((error: Error) => {
      if (error.name !== 'ExecutionAlreadyExists') throw error;
    });
    restarted++;
  }
  return restarted;
}

/** Where the workflow is: the step waiting, its deadline in timer seconds, and whether it is the last party's. */
export interface StepPosition {
  caseId: string;
  step: number;
  timeoutSeconds: number;
  last: boolean;
}

/**
 * Workflow: opens the next party's step with its deadline. The workflow asks only while a party is left to decide:
 * after a rejection or the last approval it goes straight to Finish.
 */
export async function openNextStep(caseId: string): Promise<StepPosition> {
  const c = await loadCase(caseId);
  if (!c) throw new NotFoundError(CASE);
  const step = c.status === 'open' && !c.steps.some((s) => s.status === 'rejected') ? currentStep(c) : undefined;
  if (!step) throw new ConflictError({ en: `Case ${caseId} has no step left to open`, zh: `事项 ${caseId} 没有待办理的步骤` });
  // the workflow has started: the start marker goes
  await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.case(caseId), UpdateExpression: 'REMOVE #pk, #sk', ExpressionAttributeNames: { '#pk': indexAttributes(keys.dueOn.index).pk, '#sk': indexAttributes(keys.dueOn.index).sk } }));
  const today = shanghaiDate();
  const deadline = step.deadline ?? (await deadlineAfter(today, STEP_WORKING_DAYS));
  const opened: CaseStep = { ...step, status: 'waiting', openedOn: step.openedOn ?? today, deadline };
  await saveSteps(c, [opened]);
  return { caseId, step: step.index, timeoutSeconds: timerSecondsUntil(endOfShanghaiDate(deadline.date)), last: step.index === c.steps.length - 1 };
}

async function saveSteps(c: Case, changed: CaseStep[]): Promise<Case> {
  const steps = c.steps.map((s) => changed.find((x) => x.index === s.index) ?? s);
  const next: Case = { ...c, steps, version: c.version + 1 };
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: caseItem(next),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': c.version },
    }),
  );
  return next;
}

/**
 * Workflow (callback task): keeps the step's task token and puts the step in its party's inbox (#6), oldest deadline
 * first. The decision API sends the token back.
 */
export async function awaitDecision(input: { caseId: string; step: number; taskToken: string }): Promise<void> {
  const c = await loadCase(input.caseId);
  const step = c?.steps[input.step];
  if (!c || !step?.deadline) throw new NotFoundError(CASE);
  const inbox = keys.inbox;
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.caseStep(c.caseId, step.index),
        ...indexKey(inbox.index, inbox.pk(step.organisationId, shardOf(c.caseId)), inbox.sk(step.deadline.date, c.caseId, String(step.index))),
        entity: 'case-step',
        caseId: c.caseId,
        type: c.type,
        studentId: c.studentId,
        step: step.index,
        party: step.party,
        organisationId: step.organisationId,
        deadline: step.deadline.date,
        taskToken: input.taskToken,
        ...(step.overdue ? { overdue: step.overdue } : {}),
      },
    }),
  );
}

/** The authority above an organisation: a school's supervising authority, an authority's parent (A4). */
async function superiorOf(organisationId: string): Promise<string> {
  const org = await loadOrganisation(organisationId);
  if (!org) return organisationId;
  return org.level === 'school' ? org.supervisingAuthorityId! : (org.supervisionPath.at(-2) ?? org.id);
}

/**
 * Workflow: the deadline passed undecided. The step is marked overdue and the party's superior sees it among its
 * subordinates' overdue steps; the step keeps waiting — a request never lapses by silence — and reminds again after
 * another 10 working days.
 */
export async function markOverdue(input: { caseId: string; step: number }): Promise<StepPosition> {
  const c = await loadCase(input.caseId);
  const step = c?.steps[input.step];
  if (!c || !step?.deadline) throw new NotFoundError(CASE);
  const superior = await superiorOf(step.organisationId);
  const today = shanghaiDate();
  const overdue: CaseStep = { ...step, overdue: step.overdue ?? { since: today, escalatedTo: superior } };
  await saveSteps(c, [overdue]);
  const escalations = keys.escalations;
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.caseEscalation(c.caseId, step.index),
              ...indexKey(escalations.index, escalations.pk(superior), escalations.sk(step.deadline.date, c.caseId, String(step.index))),
              entity: 'case-escalation',
              caseId: c.caseId,
              type: c.type,
              studentId: c.studentId,
              step: step.index,
              party: step.party,
              organisationId: step.organisationId,
              deadline: step.deadline.date,
              overdue: true,
            },
          },
        },
        auditPut({
          at: nowIso(),
          actor: { kind: 'schedule', name: 'case-deadline', organisationId: 'system' },
          action: 'case.step-overdue',
          target: { type: 'student', id: c.studentId },
          requestId: `case:${c.caseId}:step:${step.index}`,
          changes: [{ field: `steps.${step.index}.overdue`, to: overdue.overdue }],
        }),
      ],
    }),
  );
  const reminder = await deadlineAfter(today, STEP_WORKING_DAYS);
  return { caseId: c.caseId, step: step.index, timeoutSeconds: timerSecondsUntil(endOfShanghaiDate(reminder.date)), last: step.index === c.steps.length - 1 };
}

/**
 * A party decides its step. Only the party of the current step may (403 for others who can see the case, 404 for
 * those who cannot); the same decision sent twice is answered as the first; a decision on a step that is no longer
 * current is a 409. The decision and its audit event are written together, then the workflow is told.
 */
export async function decideStep(
  caller: Caller,
  caseId: string,
  stepIndex: number,
  input: { decision: 'approve' | 'reject'; reason: string; keep?: string },
): Promise<Case> {
  const c = await getCase(caller.principal, caseId);
  if (c.details.type === 'duplicate-resolution' && (input.decision !== 'approve' || !input.keep || !c.details.studentIds.includes(input.keep))) {
    throw new RuleViolationError('A11', { en: 'Decide which registration stands: approve with `keep` set to one of the two student ids', zh: '请决定保留哪一个学籍：以 approve 提交，并在 keep 中填写保留的学生编号' }, [
      { field: 'body.keep', code: 'required', message: { en: `must be one of ${c.details.studentIds.join(', ')}`, zh: `必须是 ${c.details.studentIds.join('、')} 之一` } },
    ]);
  }
  const step = c.steps[stepIndex];
  if (!step) throw new NotFoundError({ en: `Step ${stepIndex} of the case`, zh: `该事项的第 ${stepIndex} 步` });
  if (step.organisationId !== caller.principal.organisationId) {
    throw new ForbiddenError({ en: `Step ${stepIndex} is for ${step.organisationId} (${step.party})`, zh: `第 ${stepIndex} 步由 ${step.organisationId} 办理` });
  }
  if (step.decision) {
    if (step.decision.decision === input.decision) return c;
    throw new ConflictError({ en: `Step ${stepIndex} was already decided: ${step.decision.decision}`, zh: `第 ${stepIndex} 步已办理（${step.decision.decision}）` });
  }
  if (step.status !== 'waiting') {
    throw new ConflictError({ en: `Step ${stepIndex} is not open for a decision now`, zh: `第 ${stepIndex} 步当前不在办理中` });
  }
  const { Item: waiting } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.caseStep(caseId, stepIndex) }));
  if (!waiting?.taskToken) throw new ConflictError({ en: 'The step is being opened; try again in a moment', zh: '该步骤正在开启，请稍后重试' });
  const at = nowIso();
  const decided: CaseStep = { ...step, status: input.decision === 'approve' ? 'approved' : 'rejected', decision: { decision: input.decision, reason: input.reason, at, by: byWhom(caller) } };
  const steps = c.steps.map((s) => (s.index === stepIndex ? decided : s));
  const details = c.details.type === 'duplicate-resolution' ? { ...c.details, keep: input.keep } : c.details;
  const next: Case = { ...c, details, steps, version: c.version + 1 };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: caseItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': c.version } } },
          // out of the inbox, and out of the superior's overdue list
          { Delete: { TableName: tableName(), Key: keys.caseStep(caseId, stepIndex) } },
          { Delete: { TableName: tableName(), Key: keys.caseEscalation(caseId, stepIndex) } },
          auditPut({
            at,
            actor: actorOf(caller),
            action: `case.step-${input.decision === 'approve' ? 'approved' : 'rejected'}`,
            target: { type: 'student', id: c.studentId },
            reason: input.reason,
            requestId: caller.requestId,
            changes: [{ field: `case.${caseId}.steps.${stepIndex}`, from: step.status, to: decided.status }],
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) return decideStep(caller, caseId, stepIndex, input);
    throw error;
  }
  await sendTaskSuccess(String(waiting.taskToken), { decision: input.decision });
  return next;
}

/** Workflow: the case ends — every party approved, so the change applies with its audit event in one transaction, or a party rejected it. */
export async function finishCase(caseId: string): Promise<{ status: Case['status'] }> {
  const c = await loadCase(caseId);
  if (!c) throw new NotFoundError(CASE);
  if (c.status !== 'open') return { status: c.status };
  const approved = c.steps.every((s) => s.status === 'approved');
  const at = nowIso();
  const closed: Case = { ...c, status: approved ? 'approved' : 'rejected', closedAt: at, version: c.version + 1 };
  const closeCase = {
    Put: { TableName: tableName(), Item: caseItem(closed), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': c.version } },
  };
  const actor: AuditActor = { kind: 'schedule', name: 'case-workflow', organisationId: 'system' };
  if (!approved) {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          closeCase,
          auditPut({ at, actor, action: 'case.rejected', target: { type: 'student', id: c.studentId }, requestId: `case:${caseId}`, changes: [{ field: `case.${caseId}.status`, from: 'open', to: 'rejected' }] }),
        ],
      }),
    );
    return { status: closed.status };
  }
  // the student the change applies to: for A11, the registration not kept
  const d = c.details;
  const targetId = d.type === 'duplicate-resolution' ? d.studentIds.find((id) => id !== d.keep)! : c.studentId;
  const stored = await loadStudent(targetId);
  if (!stored) throw new NotFoundError({ en: 'The student', zh: '该学生' });
  const updated = await applyChange(c, stored.student, at);
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        closeCase,
        versionedPut(stored, updated),
        ...claimRelease(c, stored),
        auditPut({
          at,
          actor,
          action: `case.applied.${c.details.type === 'status-change' ? c.details.change : c.details.type}`,
          target: { type: 'student', id: targetId },
          reason: c.reason,
          requestId: `case:${caseId}`,
          // A16: the old values stay in the history
          changes: diff(
            { schoolId: stored.student.schoolId, status: stored.student.status, person: stored.student.person, enrolment: stored.student.enrolment, registration: { expectedGraduation: stored.student.registration.expectedGraduation } },
            { schoolId: updated.schoolId, status: updated.status, person: updated.person, enrolment: updated.enrolment, registration: { expectedGraduation: updated.registration.expectedGraduation } },
          ),
        }),
      ],
    }),
  );
  return { status: closed.status };
}

/**
 * A15: withdrawal and cancellation free the person for a future registration (A9); death never does. So do a
 * transfer out of the province (A14.2) and the cancelled one of two duplicates (A11, which holds no claim anyway).
 */
function claimRelease(c: Case, stored: StoredStudent) {
  const d = c.details;
  const frees =
    (d.type === 'status-change' && (d.change === 'withdrawal' || d.change === 'cancellation')) ||
    (d.type === 'cross-province-transfer' && d.direction === 'out') ||
    (d.type === 'general-education-transfer' && d.direction === 'to-general') ||
    d.type === 'duplicate-resolution';
  if (!frees || !stored.identity) return [];
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: keys.identityActiveClaim(stored.identity),
        ConditionExpression: 'studentId = :id',
        ExpressionAttributeValues: { ':id': stored.student.studentId },
      },
    },
  ];
}

/** What each approved change does to the student record (A14.1, A15). */
async function applyChange(c: Case, student: StudentRecord, at: string): Promise<StudentRecord> {
  const base = { ...student, updatedAt: at, version: student.version + 1 };
  const d = c.details;
  if (d.type === 'transfer') {
    // A14.1: the record moves to the receiving school; the student number never changes (A8.2)
    const school = (await loadOrganisation(d.receivingSchoolId))!;
    return { ...base, schoolId: school.id, supervisionPath: school.supervisionPath, supervisingAuthorityId: school.supervisingAuthorityId! };
  }
  if (d.type === 'information-change') return { ...base, person: { ...student.person, ...d.changes } };
  if (d.type === 'correction') {
    const { ethnicity, ...enrolment } = d.changes;
    const corrected: StudentRecord = { ...base, person: { ...student.person, ...(ethnicity ? { ethnicity } : {}) }, enrolment: { ...student.enrolment, ...enrolment } as StudentRecord['enrolment'] };
    // a corrected enrolment date or program length moves the A5.1 deadline and the expected graduation
    return {
      ...corrected,
      registration: {
        ...student.registration,
        deadline: enrolment.enrolmentDate ? await deadlineAfter(enrolment.enrolmentDate, 20) : student.registration.deadline,
        expectedGraduation: expectedGraduation(student.registration.season, corrected.enrolment.programLength),
      },
    };
  }
  if (d.type === 'general-education-transfer') {
    const generalEducation = { direction: d.direction, generalHighSchoolId: d.generalHighSchoolId, on: shanghaiDate() };
    // A14.3: gone to a general high school, the student leaves this registry
    return { ...base, generalEducation, ...(d.direction === 'to-general' ? { status: 'transferred-out' as const } : {}) };
  }
  if (d.type === 'cross-province-transfer') {
    const crossProvince = { direction: d.direction, otherProvince: d.otherProvince, otherSchool: d.otherSchool, filedOn: shanghaiDate() };
    // A14.2: transferred out of the province, the person is free to be registered there
    return { ...base, crossProvince, ...(d.direction === 'out' ? { status: 'transferred-out' as const } : {}) };
  }
  // A11: the registration the common superior did not keep is cancelled
  if (d.type === 'duplicate-resolution') return { ...base, status: 'cancelled' };
  switch (d.change) {
    case 'repeat-year': {
      const [year, month] = student.registration.expectedGraduation.split('-');
      return { ...base, registration: { ...student.registration, expectedGraduation: `${Number(year) + 1}-${month}` } };
    }
    case 'change-major':
      return { ...base, enrolment: { ...student.enrolment, major: d.newMajor! } };
    case 'change-study-mode':
      return { ...base, enrolment: { ...student.enrolment, studyMode: d.newStudyMode! } };
    case 'suspension':
      return { ...base, status: 'suspended', suspension: { since: shanghaiDate(), expectedReturn: d.expectedReturn! } };
    case 'resumption':
      return { ...base, status: 'registered', suspension: undefined };
    case 'withdrawal':
      return { ...base, status: 'withdrawn' };
    case 'cancellation':
      return { ...base, status: 'cancelled' };
    case 'death':
      return { ...base, status: 'deceased' };
  }
}

export interface InboxEntry {
  caseId: string;
  type: string;
  studentId: string;
  step: number;
  party: string;
  organisationId: string;
  deadline: string;
  overdue: boolean;
}

function toEntry(item: Record<string, unknown>): InboxEntry {
  return {
    caseId: String(item.caseId),
    type: String(item.type),
    studentId: String(item.studentId),
    step: Number(item.step),
    party: String(item.party),
    organisationId: String(item.organisationId),
    deadline: String(item.deadline),
    overdue: !!item.overdue || String(item.deadline) < shanghaiDate(),
  };
}

/**
 * #6: the caller organisation's waiting steps, oldest deadline first, overdue ones marked; or (`escalations`) the
 * overdue steps of the organisations below it.
 */
export async function inbox(principal: Principal, query: { view: 'mine' | 'escalations'; cursor?: string; limit: number }): Promise<Page<InboxEntry>> {
  const org = principal.organisationId;
  if (query.view === 'escalations') {
    const escalations = keys.escalations;
    return indexPage(escalations.index, escalations.pk(org), { ...query, scope: `escalations:${org}` }, toEntry);
  }
  const box = keys.inbox;
  return shardedIndexPage(box.index, (shard) => box.pk(org, shard), { ...query, scope: `inbox:${org}` }, toEntry);
}
