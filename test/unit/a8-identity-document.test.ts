import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClock } from '../../shared/platform/clock.js';
import type { FieldError } from '../../shared/platform/errors.js';
import {
  checkCharacter,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  normaliseDocumentNumber,
  validateIdentityDocument,
  type DeclaredIdentity,
  type DocumentType,
  type IdentityDocumentInput,
} from '../../shared/students/identity-document.js';

/** An independent MOD 11-2 (GB 11643-1999) by the standard's remainder table, to build valid numbers. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** The same 17 characters with a check character that is certainly wrong. */
function withWrongCheck(first17: string): string {
  return first17 + (withCheck(first17).endsWith('1') ? '2' : '1');
}

const KNOWN_VALID = '11010519491231002X'; // a female born 1949-12-31 in 110105
const KNOWN_DECLARED: DeclaredIdentity = { birthDate: '1949-12-31', sex: 'female' };

/** Asserts the only error(s), each with bilingual text that never quotes the number (A24). */
function expectRejected(
  input: IdentityDocumentInput,
  declared: DeclaredIdentity,
  expected: Array<[field: string, code: string]>,
  field?: string,
): FieldError[] {
  const result = validateIdentityDocument(input, declared, field);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.document)}`);
  expect(result.errors.map((e) => [e.field, e.code])).toEqual(expected);
  const number = normaliseDocumentNumber(input.number ?? '');
  for (const e of result.errors) {
    expect(e.message.en.length).toBeGreaterThan(0);
    expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    if (number.length >= 8) {
      expect(e.message.en).not.toContain(number);
      expect(e.message.zh).not.toContain(number);
    }
  }
  return result.errors;
}

function expectAccepted(input: IdentityDocumentInput, declared: DeclaredIdentity) {
  const result = validateIdentityDocument(input, declared);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.document;
}

const NUMBER = 'identityDocument.number';

describe('A8.2 check character (ISO 7064 MOD 11-2, GB 11643-1999)', () => {
  it('A8.2: computes the check character of a known-valid number, including X', () => {
    expect(checkCharacter(KNOWN_VALID.slice(0, 17))).toBe('X');
  });
  it('A8.2: agrees with the standard remainder table on many numbers', () => {
    for (let i = 0; i < 200; i++) {
      const first17 = `530102${19000101 + i * 4373}`.padEnd(17, String(i % 10)).slice(0, 17);
      expect(checkCharacter(first17)).toBe(withCheck(first17).slice(17));
    }
  });
  it('A8.2: refuses anything but 17 digits (a programming error)', () => {
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharacter('11010519491231002X')).toThrow(RangeError);
  });
});

describe('A8.2 normalising what registrars type', () => {
  it('A8.2: full-width digits and letters, spaces (incl. U+3000 and zero-width) and lower case', () => {
    expect(normaliseDocumentNumber('１１０１０５ １９４９１２３１\u3000００２ｘ')).toBe(KNOWN_VALID);
    expect(normaliseDocumentNumber(' 110105\u200B19491231\t002x\n')).toBe(KNOWN_VALID);
    expect(normaliseDocumentNumber('ｅ１２３４５６７８')).toBe('E12345678');
  });
});

describe('A8.2 resident ID (居民身份证)', () => {
  it('A8.2: accepts a valid number and reads region, birth date and sex from it', () => {
    expect(expectAccepted({ type: 'resident-id', number: KNOWN_VALID }, KNOWN_DECLARED)).toEqual({
      type: 'resident-id',
      number: KNOWN_VALID,
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    const yunnan = withCheck('53010220080315001');
    expect(expectAccepted({ type: 'resident-id', number: yunnan }, { birthDate: '2008-03-15', sex: 'male' })).toMatchObject({
      number: yunnan,
      regionCode: '530102',
      sex: 'male',
    });
  });
  it('A8.2: accepts a lower-case x and stores it upper-case', () => {
    expect(expectAccepted({ type: 'resident-id', number: '11010519491231002x' }, KNOWN_DECLARED).number).toBe(KNOWN_VALID);
  });
  it('A8.2: normalises full-width digits and spaces before checking', () => {
    expect(expectAccepted({ type: 'resident-id', number: '１１０１０５ １９４９　１２３１ ００２Ｘ' }, KNOWN_DECLARED).number).toBe(KNOWN_VALID);
  });
  it('A8.2: rejects a wrong check character, naming the expected one', () => {
    const [error] = expectRejected({ type: 'resident-id', number: '110105194912310021' }, KNOWN_DECLARED, [[NUMBER, 'checksum_mismatch']]);
    expect(error!.message.zh).toContain('按前17位计算校验位应为 X，实际为 1');
    expect(error!.message.en).toContain('should be X, but it is 1');
  });
  it('A8.2: rejects a declared birth date that disagrees with the number', () => {
    const [error] = expectRejected({ type: 'resident-id', number: KNOWN_VALID }, { ...KNOWN_DECLARED, birthDate: '1949-12-30' }, [
      ['birthDate', 'birth_date_mismatch'],
    ]);
    expect(error!.message.zh).toContain('1949-12-31');
  });
  it('A8.2: rejects a declared sex that disagrees with the number', () => {
    expectRejected({ type: 'resident-id', number: KNOWN_VALID }, { ...KNOWN_DECLARED, sex: 'male' }, [['sex', 'sex_mismatch']]);
  });
  it('A8.2: reports both mismatches at once', () => {
    expectRejected({ type: 'resident-id', number: KNOWN_VALID }, { birthDate: '2000-01-01', sex: 'male' }, [
      ['birthDate', 'birth_date_mismatch'],
      ['sex', 'sex_mismatch'],
    ]);
  });
  it('A8.2, A26: rejects an 81/82/83 region code (residence permits) and points to that type', () => {
    const [error] = expectRejected(
      { type: 'resident-id', number: withCheck('81000020050601001') },
      { birthDate: '2005-06-01', sex: 'male' },
      [[NUMBER, 'invalid_region']],
    );
    expect(error!.message.zh).toContain(DOCUMENT_TYPE_LABELS['hk-macao-taiwan-residence-permit']);
  });
  it('A8.2: rejects 71 and other codes that are no province', () => {
    for (const first17 of ['71000020050601001', '99010220050601001', '10010220050601001']) {
      expectRejected({ type: 'resident-id', number: withCheck(first17) }, { birthDate: '2005-06-01', sex: 'male' }, [[NUMBER, 'invalid_region']]);
    }
  });
  it('A8.2: rejects a birth date in the future, before 1900, or not on the calendar', () => {
    const declared: DeclaredIdentity = { birthDate: '2099-01-01', sex: 'male' };
    expectRejected({ type: 'resident-id', number: withCheck('53010220990101001') }, declared, [[NUMBER, 'invalid_birth_date']]);
    expectRejected({ type: 'resident-id', number: withCheck('53010218991231001') }, declared, [[NUMBER, 'invalid_birth_date']]);
    expectRejected({ type: 'resident-id', number: withCheck('53010220230229001') }, declared, [[NUMBER, 'invalid_birth_date']]);
    expectRejected({ type: 'resident-id', number: withCheck('53010220081301001') }, declared, [[NUMBER, 'invalid_birth_date']]);
  });
  it('A8.2: accepts 29 February of a leap year', () => {
    expectAccepted({ type: 'resident-id', number: withCheck('53010220080229001') }, { birthDate: '2008-02-29', sex: 'male' });
  });
  it('A8.2: rejects a 15-digit first-generation number, asking for the 18-digit one', () => {
    const [error] = expectRejected({ type: 'resident-id', number: '110105491231002' }, KNOWN_DECLARED, [[NUMBER, 'first_generation_id']]);
    expect(error!.message.zh).toContain('18位');
  });
  it('A8.2: rejects a number of the wrong length or with letters inside', () => {
    expectRejected({ type: 'resident-id', number: KNOWN_VALID.slice(0, 17) }, KNOWN_DECLARED, [[NUMBER, 'invalid_format']]);
    expectRejected({ type: 'resident-id', number: '1101051949X231002X' }, KNOWN_DECLARED, [[NUMBER, 'invalid_format']]);
  });
  it('A8.2: requires the number', () => {
    expectRejected({ type: 'resident-id' }, KNOWN_DECLARED, [[NUMBER, 'required']]);
    expectRejected({ type: 'resident-id', number: ' \u3000 ' }, KNOWN_DECLARED, [[NUMBER, 'required']]);
  });
  it('A8.2: an issuing country other than CHN is not allowed on a document issued by China', () => {
    expect(expectAccepted({ type: 'resident-id', number: KNOWN_VALID, issuingCountry: 'chn' }, KNOWN_DECLARED).issuingCountry).toBeUndefined();
    expectRejected({ type: 'resident-id', number: KNOWN_VALID, issuingCountry: 'USA' }, KNOWN_DECLARED, [
      ['identityDocument.issuingCountry', 'not_allowed'],
    ]);
  });
  it('A8.2: reports errors under the field path the caller gives', () => {
    expectRejected({ type: 'resident-id', number: '110105194912310021' }, KNOWN_DECLARED, [['body.identityDocument.number', 'checksum_mismatch']], 'body.identityDocument');
  });
});

describe('A8.2 Excel damage to numbers', () => {
  it('A8.2: diagnoses scientific notation and says to format the column as text', () => {
    for (const number of ['5.30102E+17', '5.30102e17', '5.30102200803E+17', '５．３０１０２Ｅ＋１７']) {
      const [error] = expectRejected({ type: 'resident-id', number }, KNOWN_DECLARED, [[NUMBER, 'excel_scientific_notation']]);
      expect(error!.message.zh).toContain('设置单元格格式为“文本”');
    }
    expectRejected({ type: 'passport', number: '1.23456E+11', issuingCountry: 'USA' }, KNOWN_DECLARED, [[NUMBER, 'excel_scientific_notation']]);
  });
  it('A8.2: diagnoses an 18-digit number whose last 3 digits Excel turned into 000', () => {
    const damaged = '530102200803150000';
    expect(withCheck(damaged.slice(0, 17))).not.toBe(damaged); // the damage really breaks the checksum
    const [error] = expectRejected({ type: 'resident-id', number: damaged }, { birthDate: '2008-03-15', sex: 'male' }, [[NUMBER, 'excel_lost_digits']]);
    expect(error!.message.en).toContain('15 significant digits');
    expect(error!.message.zh).toContain('设置单元格格式为“文本”');
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number: '810000200506010000' }, { birthDate: '2005-06-01', sex: 'male' }, [
      [NUMBER, 'excel_lost_digits'],
    ]);
  });
  it('A8.2: a valid number that happens to end in 000 is not mistaken for Excel damage', () => {
    const number = withCheck('53010220080318100'); // sequence 100, check character 0
    expect(number).toBe('530102200803181000');
    expectAccepted({ type: 'resident-id', number }, { birthDate: '2008-03-18', sex: 'female' });
  });
});

describe('A26 residence permit for HK/Macao/Taiwan residents (港澳台居民居住证)', () => {
  it('A26: accepts 810000, 820000 and 830000 numbers', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(expectAccepted({ type: 'hk-macao-taiwan-residence-permit', number: withCheck(`${region}20050601002`) }, { birthDate: '2005-06-01', sex: 'female' })).toMatchObject({
        regionCode: region,
        birthDate: '2005-06-01',
        sex: 'female',
      });
    }
  });
  it('A26: rejects a wrong check character', () => {
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number: withWrongCheck('81000020050601002') }, { birthDate: '2005-06-01', sex: 'female' }, [
      [NUMBER, 'checksum_mismatch'],
    ]);
  });
  it('A26: rejects a birth date or sex that disagrees with the number', () => {
    const number = withCheck('82000020050601002');
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number }, { birthDate: '2005-06-02', sex: 'female' }, [['birthDate', 'birth_date_mismatch']]);
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number }, { birthDate: '2005-06-01', sex: 'male' }, [['sex', 'sex_mismatch']]);
  });
  it('A26: rejects a mainland region code such as 530102 and points to the resident ID type', () => {
    const [error] = expectRejected({ type: 'hk-macao-taiwan-residence-permit', number: withCheck('53010220050601002') }, { birthDate: '2005-06-01', sex: 'female' }, [
      [NUMBER, 'invalid_region'],
    ]);
    expect(error!.message.zh).toContain(DOCUMENT_TYPE_LABELS['resident-id']);
  });
  it('A26: rejects a region code that is neither 810000, 820000 nor 830000', () => {
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number: withCheck('81010020050601002') }, { birthDate: '2005-06-01', sex: 'female' }, [
      [NUMBER, 'invalid_region'],
    ]);
  });
  it('A26: rejects a future birth date', () => {
    expectRejected({ type: 'hk-macao-taiwan-residence-permit', number: withCheck('83000020990601002') }, { birthDate: '2099-06-01', sex: 'female' }, [
      [NUMBER, 'invalid_birth_date'],
    ]);
  });
});

describe('A26 foreign permanent-resident ID (外国人永久居留身份证)', () => {
  const declared: DeclaredIdentity = { birthDate: '2007-01-01', sex: 'male' };
  const form2023 = withCheck('95384020070101001'); // 9, Yunnan (53), USA (840), 2007-01-01, sequence 001

  it('A26: accepts the 2023 form and reads province, birth date and sex', () => {
    expect(expectAccepted({ type: 'foreign-permanent-resident-id', number: form2023 }, declared)).toEqual({
      type: 'foreign-permanent-resident-id',
      number: form2023,
      regionCode: '530000',
      birthDate: '2007-01-01',
      sex: 'male',
    });
  });
  it('A26: rejects a wrong check character on the 2023 form', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: withWrongCheck('95384020070101001') }, declared, [[NUMBER, 'checksum_mismatch']]);
  });
  it('A26: rejects a birth date or sex that disagrees with the 2023 form', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: form2023 }, { ...declared, birthDate: '2007-01-02' }, [['birthDate', 'birth_date_mismatch']]);
    expectRejected({ type: 'foreign-permanent-resident-id', number: form2023 }, { ...declared, sex: 'female' }, [['sex', 'sex_mismatch']]);
  });
  it('A26: rejects a 2023 form whose issuing province is not a province code', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: withCheck('99984020070101001') }, declared, [[NUMBER, 'invalid_region']]);
  });
  it('A26: rejects a 2023 form with a future birth date', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: withCheck('95384020990101001') }, declared, [[NUMBER, 'invalid_birth_date']]);
  });
  it('A26: accepts the older 15-character form, taking the century from the declared birth date', () => {
    expect(expectAccepted({ type: 'foreign-permanent-resident-id', number: 'usa 53 070101 0012' }, declared)).toEqual({
      type: 'foreign-permanent-resident-id',
      number: 'USA530701010012',
      regionCode: '530000',
      birthDate: '2007-01-01',
    });
    // 29 February exists in 2000 but not in 1900: the century decides
    expectAccepted({ type: 'foreign-permanent-resident-id', number: 'USA530002290012' }, { ...declared, birthDate: '2000-02-29' });
    expectRejected({ type: 'foreign-permanent-resident-id', number: 'USA530002290012' }, { ...declared, birthDate: '1900-02-29' }, [
      [NUMBER, 'invalid_birth_date'],
    ]);
  });
  it('A26: rejects a declared birth date that disagrees with the older form', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: 'USA530701010012' }, { ...declared, birthDate: '2007-01-02' }, [
      ['birthDate', 'birth_date_mismatch'],
    ]);
  });
  it('A26: rejects an older form whose date or province is impossible', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: 'USA530713010012' }, declared, [[NUMBER, 'invalid_birth_date']]);
    expectRejected({ type: 'foreign-permanent-resident-id', number: 'USA990701010012' }, declared, [[NUMBER, 'invalid_region']]);
  });
  it('A26: rejects a number of neither form', () => {
    expectRejected({ type: 'foreign-permanent-resident-id', number: withCheck('85384020070101001') }, declared, [[NUMBER, 'invalid_format']]);
    expectRejected({ type: 'foreign-permanent-resident-id', number: 'US5307010100123' }, declared, [[NUMBER, 'invalid_format']]);
  });
});

describe('A26 passport (护照)', () => {
  const declared: DeclaredIdentity = { birthDate: '2007-01-01', sex: 'male' };
  it('A26: accepts a number with its issuing country, normalised', () => {
    expect(expectAccepted({ type: 'passport', number: 'e1234 5678', issuingCountry: ' vnm ' }, declared)).toEqual({
      type: 'passport',
      number: 'E12345678',
      issuingCountry: 'VNM',
    });
  });
  it('A26: requires the issuing country', () => {
    expectRejected({ type: 'passport', number: 'E12345678' }, declared, [['identityDocument.issuingCountry', 'required']]);
  });
  it('A26: the issuing country is an ISO 3166-1 alpha-3 code', () => {
    expectRejected({ type: 'passport', number: 'E12345678', issuingCountry: 'US' }, declared, [['identityDocument.issuingCountry', 'invalid_format']]);
    expectRejected({ type: 'passport', number: 'E12345678', issuingCountry: '美国' }, declared, [['identityDocument.issuingCountry', 'invalid_format']]);
  });
  it('A26: the number has 5–20 letters and digits', () => {
    expectRejected({ type: 'passport', number: 'E123', issuingCountry: 'USA' }, declared, [[NUMBER, 'invalid_format']]);
    expectRejected({ type: 'passport', number: 'E'.repeat(21), issuingCountry: 'USA' }, declared, [[NUMBER, 'invalid_format']]);
    expectRejected({ type: 'passport', number: 'E1234-5678', issuingCountry: 'USA' }, declared, [[NUMBER, 'invalid_format']]);
  });
  it('A26: reports a missing number and a missing country together', () => {
    expectRejected({ type: 'passport' }, declared, [
      ['identityDocument.issuingCountry', 'required'],
      [NUMBER, 'required'],
    ]);
  });
});

describe('A26 mainland travel permits (来往内地/大陆通行证)', () => {
  const declared: DeclaredIdentity = { birthDate: '2007-01-01', sex: 'male' };
  it('A26: HK/Macao permit: H or M and 8 or 10 digits', () => {
    for (const number of ['H12345678', 'M1234567890', 'h12345678']) {
      expect(expectAccepted({ type: 'mainland-travel-permit-hk-macao', number }, declared).number).toBe(number.toUpperCase());
    }
    for (const number of ['H1234567', 'H123456789', 'X12345678', '12345678']) {
      expectRejected({ type: 'mainland-travel-permit-hk-macao', number }, declared, [[NUMBER, 'invalid_format']]);
    }
  });
  it('A26: Taiwan permit: 8 or 10 digits', () => {
    for (const number of ['12345678', '1234567890']) {
      expect(expectAccepted({ type: 'mainland-travel-permit-taiwan', number }, declared).number).toBe(number);
    }
    for (const number of ['123456789', 'T12345678', '1234567']) {
      expectRejected({ type: 'mainland-travel-permit-taiwan', number }, declared, [[NUMBER, 'invalid_format']]);
    }
  });
  it('A26: no issuing country other than CHN', () => {
    expect(expectAccepted({ type: 'mainland-travel-permit-taiwan', number: '12345678', issuingCountry: 'CHN' }, declared)).toEqual({
      type: 'mainland-travel-permit-taiwan',
      number: '12345678',
    });
    expectRejected({ type: 'mainland-travel-permit-hk-macao', number: 'H12345678', issuingCountry: 'HKG' }, declared, [
      ['identityDocument.issuingCountry', 'not_allowed'],
    ]);
  });
});

describe('A26 stateless students (无证件)', () => {
  const declared: DeclaredIdentity = { birthDate: '2007-01-01', sex: 'male' };
  it('A26: accepts no document', () => {
    expect(expectAccepted({ type: 'none' }, declared)).toEqual({ type: 'none' });
    expect(expectAccepted({ type: 'none', number: ' ', issuingCountry: '' }, declared)).toEqual({ type: 'none' });
  });
  it('A26: a number or an issuing country is not allowed', () => {
    expectRejected({ type: 'none', number: 'E12345678' }, declared, [[NUMBER, 'not_allowed']]);
    expectRejected({ type: 'none', issuingCountry: 'USA' }, declared, [['identityDocument.issuingCountry', 'not_allowed']]);
  });
});

describe('A8.2, A26 document types', () => {
  it('A26: every type has a Chinese label', () => {
    expect(Object.keys(DOCUMENT_TYPE_LABELS).sort()).toEqual([...DOCUMENT_TYPES].sort());
    for (const type of DOCUMENT_TYPES) expect(DOCUMENT_TYPE_LABELS[type]).toMatch(/[\u4e00-\u9fff]/);
  });
  it('A26: rejects an unknown type on the type field', () => {
    expectRejected({ type: 'driving-licence' as DocumentType, number: 'E12345678' }, KNOWN_DECLARED, [['identityDocument.type', 'invalid_type']]);
  });
});

describe('A24 error messages never quote the identity number', () => {
  it('A24: no message of any rejection contains the full number', () => {
    const cases: Array<[DocumentType, string, DeclaredIdentity]> = [
      ['resident-id', '110105194912310021', KNOWN_DECLARED],
      ['resident-id', KNOWN_VALID, { birthDate: '2000-01-01', sex: 'male' }],
      ['resident-id', withCheck('81000020050601001'), KNOWN_DECLARED],
      ['resident-id', withCheck('53010220990101001'), KNOWN_DECLARED],
      ['resident-id', '530102200803150000', KNOWN_DECLARED],
      ['resident-id', '110105491231002', KNOWN_DECLARED],
      ['hk-macao-taiwan-residence-permit', withCheck('53010220050601002'), KNOWN_DECLARED],
      ['foreign-permanent-resident-id', withCheck('95384020070101001'), KNOWN_DECLARED],
      ['foreign-permanent-resident-id', 'USA530701010012', KNOWN_DECLARED],
      ['mainland-travel-permit-hk-macao', 'H123456789', KNOWN_DECLARED],
    ];
    for (const [type, number, declared] of cases) {
      const result = validateIdentityDocument({ type, number }, declared);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const { message } of result.errors) expect(`${message.en} ${message.zh}`).not.toContain(number);
    }
  });
});

describe('A8.2 "today" is the Asia/Shanghai date', () => {
  beforeAll(() => {
    // 00:30 on 4 December in Shanghai is still 3 December in UTC
    vi.stubEnv('CLOCK_START', '2026-12-04T00:30:00+08:00');
    resetClock();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetClock();
  });
  it('A8.2: a birth date of today in Shanghai is accepted, tomorrow is rejected', () => {
    expectAccepted({ type: 'resident-id', number: withCheck('53010220261204001') }, { birthDate: '2026-12-04', sex: 'male' });
    expectRejected({ type: 'resident-id', number: withCheck('53010220261205001') }, { birthDate: '2026-12-05', sex: 'male' }, [
      [NUMBER, 'invalid_birth_date'],
    ]);
  });
});
