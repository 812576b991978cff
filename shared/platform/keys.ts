/**
 * Every partition/sort key and index key of the single table, for every access pattern in
 * ../shared/regulation/access-patterns.md (numbered #1–#12 below). Nothing else in the code base spells a key.
 *
 * Rules of the design:
 * - Every pattern is a GetItem or a Query; cost grows with what is returned, never with the table.
 * - No identity number appears in a key or an index attribute: people are found by a keyed hash (HMAC, key outside
 *   the table — secrets.ts), A24.
 * - Sort keys that order by time use ISO-8601 UTC instants or YYYY-MM-DD dates, which sort lexicographically.
 *
 * Hot keys (≈1,000 WCU / 3,000 RCU per key value, in the table and in every index):
 * - Write-heavy index partitions that a whole province's intake can hit at once — a supervising authority's review
 *   queue (#5), an organisation's inbox (#6) and a day's due list (#7) — carry a shard suffix 0..SHARDS-1 chosen from
 *   the item's id; readers query every shard and merge by sort key (an ordered k-way merge, still a Query each).
 *   The province supervises every five-year and Kunming higher-education school (A4), so its review queue is the
 *   hottest: a few large schools importing 20,000 rows each in minutes reaches several hundred writes a second.
 * - A school's student list (#4) and an actor organisation's audit trail (#9) take at most one school's import at a
 *   time (a few hundred writes a second at worst), under the limit without sharding.
 * - The organisation tree (#2) is one key value, read often and written only when the province creates or moves an
 *   organisation (hundreds of items per province, a few thousand nationally): reads are served from the index and
 *   never come near the limit.
 * - Everything else is keyed by one entity (a credential, a student, an identity hash, a job) and cannot run hot.
 */

import type { IndexName } from './table.js';

export const SHARDS = 4;

/** Stable shard for an id: spreads writes, lets a reader enumerate every shard. */
export function shardOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

export function allShards(): number[] {
  return Array.from({ length: SHARDS }, (_, i) => i);
}

const PATH_SEPARATOR = '/';

export const keys = {
  /** #1 credential by id (the authorizer's GetItem) */
  credential: (credentialId: string) => ({ pk: `CRED#${credentialId}`, sk: 'CRED' }),
  /** #1 an organisation's credentials (province administration) */
  credentialsOfOrganisation: {
    index: 'gsi1' as const,
    pk: (organisationId: string) => `ORG_CREDS#${organisationId}`,
    sk: (issuedAt: string, credentialId: string) => `${issuedAt}#${credentialId}`,
  },

  /** #2 organisation by id */
  organisation: (organisationId: string) => ({ pk: `ORG#${organisationId}`, sk: 'ORG' }),
  /**
   * #2 the organisation tree along supervision lines: sk is the supervision path (province/…/self/), so an
   * authority's whole jurisdiction — itself, its subordinate authorities and every school it or they supervise — is
   * one Query with begins_with(its own path). A school's path runs through its supervising authority (A4).
   */
  organisationTree: {
    index: 'gsi1' as const,
    pk: () => 'ORG_TREE',
    sk: (supervisionPath: readonly string[]) => supervisionPath.join(PATH_SEPARATOR) + PATH_SEPARATOR,
  },
  /** #2 the schools an authority supervises directly (A4), for its review work */
  supervisedSchools: {
    index: 'gsi2' as const,
    pk: (authorityId: string) => `SUPERVISED_BY#${authorityId}`,
    sk: (schoolId: string) => `SCHOOL#${schoolId}`,
  },

  /**
   * #3 everything the registry holds about one identity document, at any school, stage or status: one partition per
   * keyed hash. sk 'ACTIVE' is the single active-registration claim (A9), written with attribute_not_exists;
   * sk 'RECORD#…' are the records of every stage (A6, A7).
   */
  identityActiveClaim: (identityHash: string) => ({ pk: `IDENTITY#${identityHash}`, sk: 'ACTIVE' }),
  identityRecord: (identityHash: string, recordId: string) => ({ pk: `IDENTITY#${identityHash}`, sk: `RECORD#${recordId}` }),
  identityPartition: (identityHash: string) => `IDENTITY#${identityHash}`,
  /** #3 students without an identity number: name + birth date + sex, hashed the same way (A7, A26) */
  personPartition: (personHash: string) => `PERSON#${personHash}`,

  /** #8 a student's record; its cases, evidence and term registrations share the partition */
  student: (studentId: string) => ({ pk: `STUDENT#${studentId}`, sk: 'STUDENT' }),
  studentCase: (studentId: string, openedAt: string, caseId: string) => ({ pk: `STUDENT#${studentId}`, sk: `CASE#${openedAt}#${caseId}` }),
  studentEvidence: (studentId: string, uploadedAt: string, evidenceId: string) => ({
    pk: `STUDENT#${studentId}`,
    sk: `EVIDENCE#${uploadedAt}#${evidenceId}`,
  }),
  /** #8 student number → student; also the never-reused reservation of the number (A8.2) */
  studentNumber: (studentNumber: string) => ({ pk: `STUDENT_NO#${studentNumber}`, sk: 'STUDENT_NO' }),
  /** A8.2: the sequence counter behind J and L student numbers, per region code and birth date */
  numberSequence: (kind: 'J' | 'L', regionCode: string, birthDate: string) => ({ pk: `NUMBER_SEQ#${kind}#${regionCode}#${birthDate}`, sk: 'NUMBER_SEQ' }),
  /** #4 a school's students by status, season and term-registration state */
  studentsOfSchool: {
    index: 'gsi1' as const,
    pk: (schoolId: string) => `SCHOOL_STUDENTS#${schoolId}`,
    sk: (status: string, season: string, studentId: string) => `${status}#${season}#${studentId}`,
  },

  /** #8 a case (transfer, status change, …) and its steps; a waiting step is in its party's inbox (#6) */
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  caseStep: (caseId: string, step: number) => ({ pk: `CASE#${caseId}`, sk: `STEP#${step}` }),
  caseEscalation: (caseId: string, step: number) => ({ pk: `CASE#${caseId}`, sk: `ESCALATION#${step}` }),
  /** #5 registrations waiting for an authority's review, oldest deadline first (sharded, see above) */
  reviewQueue: {
    index: 'gsi2' as const,
    pk: (authorityId: string, shard: number) => `REVIEW#${authorityId}#${shard}`,
    sk: (deadline: string, itemId: string) => `${deadline}#${itemId}`,
  },
  /** #6 an organisation's pending workflow steps, oldest deadline first (sharded) */
  inbox: {
    index: 'gsi2' as const,
    pk: (organisationId: string, shard: number) => `INBOX#${organisationId}#${shard}`,
    sk: (deadline: string, caseId: string, stepId: string) => `${deadline}#${caseId}#${stepId}`,
  },
  /** #6 overdue steps of an authority's subordinates (escalation), oldest deadline first */
  escalations: {
    index: 'gsi2' as const,
    pk: (superiorId: string) => `ESCALATED_TO#${superiorId}`,
    sk: (deadline: string, caseId: string, stepId: string) => `${deadline}#${caseId}#${stepId}`,
  },

  /** #7 what falls due on a date (Asia/Shanghai), for the daily sweeps (sharded) */
  dueOn: {
    index: 'gsi3' as const,
    pk: (date: string, shard: number) => `DUE#${date}#${shard}`,
    sk: (kind: string, itemId: string) => `${kind}#${itemId}`,
  },

  /** #8 a student's audit trail; #9 an organisation's: events about the organisation itself */
  auditEvent: (targetType: string, targetId: string, at: string, eventId: string) => ({
    pk: `AUDIT#${targetType}#${targetId}`,
    sk: `${at}#${eventId}`,
  }),
  auditPartition: (targetType: string, targetId: string) => `AUDIT#${targetType}#${targetId}`,
  /** #9 events an organisation's staff performed, newest first */
  auditByActorOrganisation: {
    index: 'gsi3' as const,
    pk: (organisationId: string) => `AUDIT_BY#${organisationId}`,
    sk: (at: string, eventId: string) => `${at}#${eventId}`,
  },

  /** #10 public verification (A22) and certificates by number (A19) */
  verificationCode: (code: string) => ({ pk: `VERIFY#${code}`, sk: 'VERIFY' }),
  certificate: (certificateNumber: string) => ({ pk: `CERT#${certificateNumber}`, sk: 'CERT' }),

  /** #11 an import job and its rows' results */
  importJob: (jobId: string) => ({ pk: `IMPORT#${jobId}`, sk: 'JOB' }),
  importRow: (jobId: string, row: number) => ({ pk: `IMPORT#${jobId}`, sk: `ROW#${String(row).padStart(7, '0')}` }),
  /** #11 an idempotency key's earlier answer; the key is Powertools' hash of the caller organisation and its Idempotency-Key */
  idempotencyRecord: (idempotencyKey: string) => ({ pk: `IDEMPOTENCY#${idempotencyKey}`, sk: 'IDEMPOTENCY' }),

  /** #12 the statutory calendar of a year; a prefecture's policy (A27) */
  calendarYear: (year: number) => ({ pk: `CALENDAR#${year}`, sk: 'CALENDAR' }),
  prefecturePolicy: (prefectureId: string) => ({ pk: `POLICY#${prefectureId}`, sk: 'POLICY' }),
} as const;

/** The attributes that place an item in an index. */
export function indexKey(index: IndexName, pk: string, sk: string): Record<string, string> {
  return { [`${index}pk`]: pk, [`${index}sk`]: sk };
}

/** Attribute names of an index's keys, for KeyConditionExpressions. */
export function indexAttributes(index: IndexName): { pk: string; sk: string } {
  return { pk: `${index}pk`, sk: `${index}sk` };
}
