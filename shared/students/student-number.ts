/**
 * Student number (学籍号) format — the only place these rules live (A8.2).
 *
 * A student number derives from the identity number: one person, one number, for life (A8.2). It has one of three
 * forms, told apart by the first letter:
 *
 * - **G + the 18-character resident ID number** (居民身份证号码), for a student who holds a mainland resident ID,
 *   e.g. `G11010519491231002X`.
 * - **J + 18 characters built like an ID number**, for a student without a mainland resident ID — residence-permit and
 *   travel-permit holders from Hong Kong, Macao and Taiwan, foreign and stateless students (A26): the school's 6-digit
 *   region code, the birth date as YYYYMMDD, a 3-digit sequence number 001–999, and a check character computed as on
 *   an ID number (ISO 7064 MOD 11-2, where 10 is written X).
 * - **L + the school's 6-digit region code + the birth date as YYYYMMDD + a 4-digit sequence number 0001–9999**, a
 *   temporary number while identity verification (身份证信息认证, A8.1) is pending. The formal G or J number replaces
 *   it once the identity is verified.
 *
 * A student number is issued once, never reused for another person and never changed: a formal number stays with the
 * student for life, and a retired temporary number is not issued again. That every number is unique is enforced by a
 * reservation in the database when the number is issued, not here; this module only builds and reads the formats.
 */
import { calendarDate, checkCharacter } from './identity-document.js';

export type StudentNumberKind = 'G' | 'J' | 'L';

export interface ParsedStudentNumber {
  kind: StudentNumberKind;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export interface StudentNumberParts {
  /** the school's 6-digit region code */
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sequence: number;
}

/** A malformed input here is a programming error (callers pass validated data), so it throws instead of reporting. */
function prefix(parts: StudentNumberParts, maxSequence: number): string {
  if (!/^\d{6}$/.test(parts.regionCode)) throw new RangeError('regionCode must be 6 digits');
  const compact = parts.birthDate.replaceAll('-', '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parts.birthDate) || calendarDate(compact) === undefined)
    throw new RangeError('birthDate must be a real calendar date YYYY-MM-DD');
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > maxSequence)
    throw new RangeError(`sequence must be an integer from 1 to ${maxSequence}`);
  return parts.regionCode + compact;
}

/** A8.2: `G` + the validated 18-character mainland resident ID number. */
export function studentNumberFromResidentId(idNumber: string): string {
  if (!/^\d{17}[\dX]$/.test(idNumber) || checkCharacter(idNumber.slice(0, 17)) !== idNumber[17])
    throw new RangeError('idNumber must be a validated, normalised 18-character resident ID number');
  return `G${idNumber}`;
}

/** A8.2, A26: `J` + region code, birth date, 3-digit sequence and MOD 11-2 check character. */
export function studentNumberWithoutMainlandId(parts: StudentNumberParts): string {
  const body = prefix(parts, 999) + String(parts.sequence).padStart(3, '0');
  return `J${body}${checkCharacter(body)}`;
}

/** A8.1: `L` + region code, birth date and 4-digit sequence, until identity verification issues the formal number. */
export function temporaryStudentNumber(parts: StudentNumberParts): string {
  return `L${prefix(parts, 9999)}${String(parts.sequence).padStart(4, '0')}`;
}

/** Reads any of the three forms (exactly as issued: upper-case, no spaces); undefined if it is none of them. */
export function parseStudentNumber(value: string): ParsedStudentNumber | undefined {
  const birthDate = calendarDate(value.slice(7, 15));
  if (birthDate === undefined) return undefined;
  const regionCode = value.slice(1, 7);
  if (/^G\d{17}[\dX]$/.test(value) && checkCharacter(value.slice(1, 18)) === value[18])
    return { kind: 'G', regionCode, birthDate };
  // sequence 0 is never issued for J and L
  if (/^J\d{17}[\dX]$/.test(value) && value.slice(15, 18) !== '000' && checkCharacter(value.slice(1, 18)) === value[18])
    return { kind: 'J', regionCode, birthDate };
  if (/^L\d{18}$/.test(value) && value.slice(15) !== '0000') return { kind: 'L', regionCode, birthDate };
  return undefined;
}
