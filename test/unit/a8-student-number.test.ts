import { describe, expect, it } from 'vitest';
import {
  parseStudentNumber,
  studentNumberFromResidentId,
  studentNumberWithoutMainlandId,
  temporaryStudentNumber,
} from '../../shared/students/student-number.js';

/** An independent MOD 11-2 by the standard's remainder table. */
function check(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return '10X98765432'[[...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0) % 11]!;
}

const RESIDENT_ID = '11010519491231002X';
const SCHOOL = { regionCode: '530102', birthDate: '2008-03-15' };

describe('A8.2 student number (学籍号) formats', () => {
  it('A8.2: G + the resident ID number', () => {
    expect(studentNumberFromResidentId(RESIDENT_ID)).toBe('G11010519491231002X');
  });
  it('A8.2: G refuses a number that was not validated and normalised', () => {
    expect(() => studentNumberFromResidentId('110105194912310021')).toThrow(RangeError);
    expect(() => studentNumberFromResidentId('11010519491231002x')).toThrow(RangeError);
    expect(() => studentNumberFromResidentId('110105491231002')).toThrow(RangeError);
  });
  it('A8.2, A26: J + region code, birth date, 3-digit sequence and a valid check character', () => {
    const number = studentNumberWithoutMainlandId({ ...SCHOOL, sequence: 7 });
    expect(number).toMatch(/^J53010220080315007[\dX]$/);
    expect(number.slice(18)).toBe(check('53010220080315007'));
    expect(studentNumberWithoutMainlandId({ ...SCHOOL, sequence: 999 }).slice(0, 18)).toBe('J53010220080315999');
  });
  it('A8.2, A26: J writes a check value of 10 as X', () => {
    const sequence = Array.from({ length: 999 }, (_, i) => i + 1).find((s) => check(`53010220080315${String(s).padStart(3, '0')}`) === 'X');
    expect(studentNumberWithoutMainlandId({ ...SCHOOL, sequence: sequence! })).toMatch(/X$/);
  });
  it('A8.1: L + region code, birth date and 4-digit sequence while identity verification is pending', () => {
    expect(temporaryStudentNumber({ ...SCHOOL, sequence: 42 })).toBe('L530102200803150042');
    expect(temporaryStudentNumber({ ...SCHOOL, sequence: 9999 })).toBe('L530102200803159999');
  });
  it('A8.2: a sequence outside its range is a programming error', () => {
    for (const sequence of [0, 1000, -1, 1.5, Number.NaN]) {
      expect(() => studentNumberWithoutMainlandId({ ...SCHOOL, sequence })).toThrow(RangeError);
    }
    for (const sequence of [0, 10000]) expect(() => temporaryStudentNumber({ ...SCHOOL, sequence })).toThrow(RangeError);
  });
  it('A8.2: a malformed region code or birth date is a programming error', () => {
    expect(() => studentNumberWithoutMainlandId({ ...SCHOOL, regionCode: '5301', sequence: 1 })).toThrow(RangeError);
    expect(() => studentNumberWithoutMainlandId({ ...SCHOOL, birthDate: '2008-02-30', sequence: 1 })).toThrow(RangeError);
    expect(() => temporaryStudentNumber({ ...SCHOOL, birthDate: '20080315', sequence: 1 })).toThrow(RangeError);
  });
});

describe('A8.2 reading a student number', () => {
  it('A8.2: G, J and L round-trip', () => {
    expect(parseStudentNumber(studentNumberFromResidentId(RESIDENT_ID))).toEqual({ kind: 'G', regionCode: '110105', birthDate: '1949-12-31' });
    expect(parseStudentNumber(studentNumberWithoutMainlandId({ ...SCHOOL, sequence: 7 }))).toEqual({ kind: 'J', ...SCHOOL });
    expect(parseStudentNumber(temporaryStudentNumber({ ...SCHOOL, sequence: 42 }))).toEqual({ kind: 'L', ...SCHOOL });
  });
  it('A8.2: rejects a bad check character on G and J', () => {
    expect(parseStudentNumber('G110105194912310021')).toBeUndefined();
    const j = studentNumberWithoutMainlandId({ ...SCHOOL, sequence: 7 });
    expect(parseStudentNumber(j.slice(0, 18) + (j.endsWith('1') ? '2' : '1'))).toBeUndefined();
  });
  it('A8.2: rejects anything that is none of the three forms', () => {
    for (const value of [
      RESIDENT_ID,
      'g11010519491231002X',
      'X11010519491231002X',
      'G11010519491231002',
      'L53010220080315004',
      'L5301022008031500421',
      'L530102200802300042', // 30 February
      'L530102200803150000', // sequence 0 is never issued
      `J53010220080315000${check('53010220080315000')}`,
      '',
    ]) {
      expect(parseStudentNumber(value), value).toBeUndefined();
    }
  });
});
