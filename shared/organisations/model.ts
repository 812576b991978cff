import { RuleViolationError } from '../platform/errors.js';

/** A4: four levels — province → prefecture (州/市) → county (县/市/区) → school. */
export const ORGANISATION_LEVELS = ['province', 'prefecture', 'county', 'school'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];
export type AuthorityLevel = Exclude<OrganisationLevel, 'school'>;

/** A2: the kinds of school that run diploma-track secondary vocational education. */
export const SCHOOL_TYPES = {
  'secondary-specialised': '普通中专',
  'adult-secondary-specialised': '成人中专',
  'vocational-high': '职业高中/职业中专',
  'higher-education-affiliated': '高校附设中职',
  'five-year-higher-vocational': '五年制高职中职段',
  // not in A2's scope — registers no students here — but a party of transfers between the two (A14.3)
  'general-high-school': '普通高中',
} as const;
export type SchoolType = keyof typeof SCHOOL_TYPES;

/** Lifecycle of an organisation; merging and closing a school (A12.2) come with their own workflow. */
export const ORGANISATION_STATUSES = ['active', 'merged', 'closed'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Basic information each organisation maintains itself (A3.2). */
export interface BasicInfo {
  address?: string;
  phone?: string;
  contactPerson?: string;
  website?: string;
}

export interface Organisation {
  id: string;
  level: OrganisationLevel;
  name: string;
  status: OrganisationStatus;
  /** administrative parent: the province, prefecture or county the organisation lies in (none for the province) */
  parentId?: string;
  /** administrative ancestors from the province down to the parent */
  locationPath: string[];
  /** schools only */
  schoolType?: SchoolType;
  owningLevel?: AuthorityLevel;
  /** schools only: 学籍主管部门, derived per A4 */
  supervisingAuthorityId?: string;
  /** the supervision line from the province down to this organisation itself; defines jurisdiction */
  supervisionPath: string[];
  basicInfo: BasicInfo;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** "在昆高等学校" (A4): higher-education institutions in Kunming are supervised by the province. */
export const PROVINCIAL_CAPITAL_PREFECTURE_ID = '530100';

/**
 * Administrative division codes (GB/T 2260) identify authorities: `PP0000` province, `PPCC00` prefecture, `PPCCDD`
 * county. Schools are identified by their 10-digit school code (学校标识码).
 */
export function levelOfAuthorityCode(code: string): AuthorityLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

const PARENT_LEVEL: Record<Exclude<OrganisationLevel, 'province'>, readonly AuthorityLevel[]> = {
  prefecture: ['province'],
  county: ['prefecture'],
  school: ['prefecture', 'county'],
};

/** Checks that a new organisation fits under its administrative parent (A4's four levels). */
export function assertPlacement(child: { id: string; level: OrganisationLevel }, parent: Organisation | undefined): void {
  if (child.level === 'province') {
    if (parent) throw placementError('A province has no parent organisation', '省级教育行政部门没有上级组织');
    return;
  }
  if (!parent || !PARENT_LEVEL[child.level].includes(parent.level as AuthorityLevel)) {
    throw placementError(
      `A ${child.level} must lie in a ${PARENT_LEVEL[child.level].join(' or ')}`,
      `${LEVEL_LABELS[child.level]}的上级必须是${PARENT_LEVEL[child.level].map((l) => LEVEL_LABELS[l]).join('或')}`,
    );
  }
  if (parent.status !== 'active') {
    throw placementError(`The parent organisation ${parent.id} is ${parent.status}`, `上级组织 ${parent.id} 已${STATUS_LABELS[parent.status]}`);
  }
  if (child.level !== 'school') {
    const prefixLength = child.level === 'prefecture' ? 2 : 4;
    if (child.id.slice(0, prefixLength) !== parent.id.slice(0, prefixLength) || levelOfAuthorityCode(child.id) !== child.level) {
      throw placementError(
        `Division code ${child.id} is not a ${child.level} code within ${parent.id}`,
        `区划代码 ${child.id} 不是 ${parent.id} 下的${LEVEL_LABELS[child.level]}代码`,
      );
    }
  }
}

/**
 * A4: the supervising authority (学籍主管部门) that reviews a school's registrations, changes and graduations.
 * - the province: province-run schools, higher-education institutions in Kunming that run 中职, and the 中职 stage
 *   of five-year higher-vocational programs;
 * - the prefecture: the schools it runs, and higher-education institutions in its area outside Kunming;
 * - the county: the schools in its area that it runs.
 * `locationPath` is the school's administrative ancestors: [province, prefecture, county?].
 */
export function supervisingAuthorityOf(school: { schoolType: SchoolType; owningLevel: AuthorityLevel; locationPath: readonly string[] }): string {
  const [province, prefecture, county] = school.locationPath;
  if (!province || !prefecture) throw placementError('A school must lie in a prefecture', '学校必须位于某个州（市）');
  if (school.owningLevel === 'province' || school.schoolType === 'five-year-higher-vocational') return province;
  if (school.schoolType === 'higher-education-affiliated') {
    return prefecture === PROVINCIAL_CAPITAL_PREFECTURE_ID ? province : prefecture;
  }
  if (school.owningLevel === 'prefecture') return prefecture;
  if (!county) {
    throw placementError('A county-run school must lie in a county', '县（市、区）举办的学校必须位于该县（市、区）');
  }
  return county;
}

/** The supervision line of a school: its supervising authority's own line, then the school (A4). */
export function schoolSupervisionPath(supervisingAuthority: Organisation, schoolId: string): string[] {
  return [...supervisingAuthority.supervisionPath, schoolId];
}

/** The caller's organisation supervises `target` directly or through subordinate authorities. */
export function isWithinJurisdiction(callerOrganisationId: string, target: Pick<Organisation, 'supervisionPath'>): boolean {
  return target.supervisionPath.includes(callerOrganisationId);
}

/** An organisation may read its own basic information, its jurisdiction's and its superiors' (whom to contact). */
export function canRead(caller: { organisationId: string; supervisionPath: readonly string[] }, target: Organisation): boolean {
  return isWithinJurisdiction(caller.organisationId, target) || caller.supervisionPath.includes(target.id);
}

export const LEVEL_LABELS: Record<OrganisationLevel, string> = {
  province: '省级教育行政部门',
  prefecture: '州（市）教育行政部门',
  county: '县（市、区）教育行政部门',
  school: '学校',
};

const STATUS_LABELS: Record<OrganisationStatus, string> = { active: '正常', merged: '合并', closed: '撤销' };

function placementError(en: string, zh: string): RuleViolationError {
  return new RuleViolationError('A4', { en, zh });
}
