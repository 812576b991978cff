import { randomInt } from 'node:crypto';
import { checkCharacter } from '../../shared/students/identity-document.js';

/**
 * Valid, random identity numbers for tests (GB 11643-1999: region + birth date + sequence, odd for male, even for
 * female, + check character) — random enough that test files sharing one stack never collide.
 */
export function residentId(birthDate: string, sex: 'male' | 'female', region = '530102'): string {
  const seq = randomInt(0, 500) * 2 + (sex === 'male' ? 1 : 0);
  const body = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + checkCharacter(body);
}

export function randomBirthDate(): string {
  const day = new Date(Date.UTC(2009, 0, 1) + randomInt(0, 3 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export function intake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const birthDate = (overrides.birthDate as string) ?? randomBirthDate();
  const sex = (overrides.sex as 'male' | 'female') ?? 'male';
  return {
    name: '李小明',
    sex,
    birthDate,
    ethnicity: '07',
    identityDocument: { type: 'resident-id', number: residentId(birthDate, sex, ['530102', '530103', '532901', '530381'][randomInt(0, 4)]) },
    enrolmentDate: '2026-09-01',
    season: 'autumn',
    intakeYear: 2026,
    major: { code: '710201', name: '计算机应用' },
    programLength: 3,
    studyMode: 'full-time',
    studentType: 'junior-secondary-graduate',
    recruitmentType: 'unified',
    guardian: { name: '李大明', relationship: 'father', phone: '13800000000' },
    householdAddress: '云南省昆明市五华区',
    ...overrides,
  };
}
