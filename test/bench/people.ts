import { checkCharacter } from '../../shared/students/identity-document.js';

/**
 * New students with distinct, valid resident ID numbers (GB 11643-1999), one sequence for the whole benchmark run,
 * so no two figures ever register the same person (A9 would refuse the second).
 */
const REGIONS = ['530102', '530103', '530114', '530381', '530402', '532901'];
const DAYS = 3 * 365;
let issued = 0;

export interface Person {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  identityNumber: string;
}

export function nextPerson(): Person {
  return personAt(issued++);
}

/** `count` people for another process to build (the import file): the first one's index; none is issued again here. */
export function reservePeople(count: number): number {
  const first = issued;
  issued += count;
  return first;
}

export function personAt(i: number): Person {
  const birthDate = new Date(Date.UTC(2008, 8, 1) + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);
  const rest = Math.floor(i / DAYS);
  const sequence = rest % 1000;
  const region = REGIONS[Math.floor(rest / 1000) % REGIONS.length]!;
  const body = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return { name: `学生${i}`, sex: sequence % 2 === 1 ? 'male' : 'female', birthDate, identityNumber: body + checkCharacter(body) };
}

/** The JSON a school system sends for one new student (POST /registrations). */
export function intakeOf(person: Person): Record<string, unknown> {
  return {
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    ethnicity: '01',
    identityDocument: { type: 'resident-id', number: person.identityNumber },
    enrolmentDate: '2026-09-01',
    season: 'autumn',
    intakeYear: 2026,
    major: { code: '710201', name: '计算机应用' },
    programLength: 3,
    studyMode: 'full-time',
    studentType: 'junior-secondary-graduate',
    recruitmentType: 'unified',
    guardian: { name: '学生家长', relationship: 'father', phone: '13800000000' },
    householdAddress: '云南省昆明市五华区',
  };
}
