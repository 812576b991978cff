import type { Deadline } from '../calendar/service.js';
import type { Organisation } from '../organisations/model.js';
import type { StudentRecord } from '../students/model.js';

/**
 * A case: a change to a registered student that several parties decide in turn, each within 10 working days
 * (A14, A15). Steps run in order; a rejection ends the case; when every party has approved, the change applies.
 */
export const CASE_TYPES = ['transfer', 'cross-province-transfer', 'general-education-transfer', 'status-change', 'information-change', 'correction', 'duplicate-resolution'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** A15 status changes (学籍异动), besides transfer (A14) */
export const STATUS_CHANGES = {
  'repeat-year': '留级',
  'change-major': '转专业',
  'change-study-mode': '转学习形式',
  suspension: '休学',
  resumption: '复学',
  withdrawal: '退学',
  cancellation: '注销',
  death: '死亡',
} as const;
export type StatusChange = keyof typeof STATUS_CHANGES;

/** A16: the personal information a school may change through a case (old values stay in the audit history). */
export interface InformationChanges {
  name?: string;
  ethnicity?: string;
  householdAddress?: string;
  phone?: string;
  guardian?: { name: string; relationship: 'father' | 'mother' | 'grandparent' | 'other'; phone: string };
}

/** A11: what a correction request may change in a registration that has not completed. */
export interface RegistrationCorrections {
  ethnicity?: string;
  enrolmentDate?: string;
  major?: { code: string; name: string };
  programLength?: number;
  studyMode?: 'full-time' | 'part-time';
  studentType?: string;
}

/** A14/A15: every party has 10 working days from the day its step opens. */
export const STEP_WORKING_DAYS = 10;

export type Party = 'school' | 'authority' | 'sending-school' | 'sending-authority' | 'receiving-school' | 'receiving-authority' | 'common-superior' | 'provincial-filing' | 'vocational-school' | 'vocational-authority' | 'general-high-school' | 'general-high-school-authority';

export interface Decision {
  decision: 'approve' | 'reject';
  reason: string;
  at: string;
  by: { credentialId: string; name: string; organisationId: string };
}

export interface CaseStep {
  index: number;
  party: Party;
  organisationId: string;
  status: 'pending' | 'waiting' | 'approved' | 'rejected';
  openedOn?: string;
  deadline?: Deadline;
  /** the deadline passed undecided: the party's superior was told, and the step keeps waiting */
  overdue?: { since: string; escalatedTo: string };
  decision?: Decision;
}

export type CaseDetails =
  | { type: 'transfer'; receivingSchoolId: string }
  | {
      type: 'status-change';
      change: StatusChange;
      expectedReturn?: string;
      newMajor?: { code: string; name: string };
      newStudyMode?: 'full-time' | 'part-time';
    }
  | { type: 'information-change'; changes: InformationChanges; proofReceivedOn: string }
  /** A14.2: the other province's school is outside the registry; this province's authority files (备案) the transfer */
  | { type: 'cross-province-transfer'; direction: 'out' | 'in'; otherProvince: string; otherSchool: string }
  /**
   * A11 修改或佐证: a registration that cannot complete as submitted; the school proves the right values (evidence) and
   * the authority decides. Fields that identify the person (name, birth date, sex, document) are not corrected here:
   * those registrations are rejected and submitted again.
   */
  | { type: 'correction'; changes: RegistrationCorrections }
  /** A14.3: between a vocational school and a general high school, opened by the receiving school */
  | { type: 'general-education-transfer'; direction: 'to-general' | 'from-general'; generalHighSchoolId: string }
  /** A11: two authorities each approved a registration of the same person; `keep` is set by the deciding authority */
  | { type: 'duplicate-resolution'; studentIds: [string, string]; authorityIds: [string, string]; keep?: string };

export interface Case {
  caseId: string;
  type: CaseType;
  studentId: string;
  details: CaseDetails;
  reason: string;
  /** every organisation that may read the case: the supervision lines of the schools involved (A4) */
  visibleTo: string[];
  steps: CaseStep[];
  status: 'open' | 'approved' | 'rejected';
  openedAt: string;
  openedBy: { credentialId: string; name: string; organisationId: string };
  closedAt?: string;
  version: number;
}

/** A14.1: sending school, its authority, receiving school, its authority. A15, A16: the school, then its authority. */
export function partiesOf(details: CaseDetails, student: StudentRecord, receiving?: Organisation): Pick<CaseStep, 'party' | 'organisationId'>[] {
  if (details.type === 'general-education-transfer') {
    const vocational = [
      { party: 'vocational-school' as const, organisationId: student.schoolId },
      { party: 'vocational-authority' as const, organisationId: student.supervisingAuthorityId },
    ];
    const general = [
      { party: 'general-high-school' as const, organisationId: receiving!.id },
      { party: 'general-high-school-authority' as const, organisationId: receiving!.supervisingAuthorityId! },
    ];
    // the sending school and its authority first, then the receiving ones
    return details.direction === 'to-general' ? [...vocational, ...general] : [...general, ...vocational];
  }
  if (details.type === 'cross-province-transfer') {
    return [
      { party: 'school', organisationId: student.schoolId },
      { party: 'authority', organisationId: student.supervisingAuthorityId },
      { party: 'provincial-filing', organisationId: student.supervisionPath[0]! },
    ];
  }
  if (details.type === 'duplicate-resolution') {
    return [{ party: 'common-superior', organisationId: lowestCommonSuperior(details.authorityIds) }];
  }
  if (details.type === 'transfer') {
    return [
      { party: 'sending-school', organisationId: student.schoolId },
      { party: 'sending-authority', organisationId: student.supervisingAuthorityId },
      { party: 'receiving-school', organisationId: receiving!.id },
      { party: 'receiving-authority', organisationId: receiving!.supervisingAuthorityId! },
    ];
  }
  return [
    { party: 'school', organisationId: student.schoolId },
    { party: 'authority', organisationId: student.supervisingAuthorityId },
  ];
}

/** The step now waiting for a decision, if any. */
export function currentStep(c: Pick<Case, 'steps'>): CaseStep | undefined {
  return c.steps.find((s) => s.status === 'waiting' || s.status === 'pending');
}

/** A11: the lowest authority above two authorities — the last member their supervision lines share (A4). */
export function lowestCommonSuperior([a, b]: [string, string]): string {
  const first = authorityPath(a);
  const second = authorityPath(b);
  let common = first[0]!;
  for (let i = 0; i < Math.min(first.length, second.length) && first[i] === second[i]; i++) common = first[i]!;
  return common;
}

/** The supervision line of an authority from its division code: province, prefecture, county (GB/T 2260, A4). */
export function authorityPath(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}
