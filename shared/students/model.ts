import type { IdentityDocument } from './identity-document.js';
import type { Intake } from './intake-schema.js';
import type { SeasonYear } from './season.js';
import type { Deadline } from '../calendar/service.js';

/**
 * A student record (学籍) from its submission on. The A8.1 path: the school submits (its own review) → the
 * supervising authority approves or rejects → identity verified → student number issued → `registered`.
 */
export const REGISTRATION_STATUSES = ['pending-review', 'approved', 'registered', 'rejected', 'suspended', 'withdrawn', 'cancelled', 'deceased', 'transferred-out'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * Statuses in which the person holds the one diploma-track registration A9 allows. Withdrawal and cancellation free
 * the person for a future registration (A15); death ends the record but never frees it.
 */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending-review', 'approved', 'registered', 'suspended'];

export interface Decision {
  decision: 'approve' | 'reject';
  reason: string;
  at: string;
  by: { credentialId: string; name: string; organisationId: string };
}

export interface IdentityVerification {
  /** what the reviewer checked, e.g. the original document, the public-security check */
  checks: string[];
  note?: string;
  at: string;
  by: { credentialId: string; name: string; organisationId: string };
}

export interface StudentRecord {
  studentId: string;
  schoolId: string;
  /** the school's supervision line, for jurisdiction checks (A4) */
  supervisionPath: string[];
  supervisingAuthorityId: string;
  person: Omit<Intake, 'identityDocument' | 'enrolmentDate' | 'season' | 'intakeYear' | 'major' | 'programLength' | 'studyMode' | 'studentType' | 'recruitmentType' | 'jointPartnerSchoolId'> & {
    identityDocument: IdentityDocument;
  };
  enrolment: Pick<Intake, 'enrolmentDate' | 'season' | 'intakeYear' | 'major' | 'programLength' | 'studyMode' | 'studentType' | 'recruitmentType' | 'jointPartnerSchoolId'>;
  registration: {
    /** the season the registration counts in: the intake season, or a later one after a roll-over (A5.3) */
    season: SeasonYear;
    expectedGraduation: string;
    rolledOver?: { from: SeasonYear; on: string };
    /** A5.1: 20 working days from the enrolment date */
    deadline: Deadline;
    submittedAt: string;
    decision?: Decision;
    verification?: IdentityVerification;
    /** A7/A26: a student without an identity number who matches an existing record by name, birth date and sex */
    possibleDuplicates?: number;
  };
  /** A6: the earlier-stage record this one continues */
  continuation?: { recordId: string; stage: string; studentNumber?: string };
  status: RegistrationStatus;
  /** A8.2: issued on identity verification, for life */
  studentNumber?: string;
  /** A8.2: while identity verification is pending */
  temporaryNumber?: string;
  /** A14.2: a transfer from or to another province, filed by this province's authority */
  crossProvince?: { direction: 'out' | 'in'; otherProvince: string; otherSchool: string; filedOn: string };
  /** A14.3: a transfer to or from a general high school */
  generalEducation?: { direction: 'to-general' | 'from-general'; generalHighSchoolId: string; on: string };
  /** A15 休学: when the student is expected back */
  suspension?: { since: string; expectedReturn: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}
