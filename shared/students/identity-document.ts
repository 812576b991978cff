import { shanghaiDate } from '../platform/clock.js';
import type { FieldError, Text } from '../platform/errors.js';

/** A8.2, A26: the identity documents a student may hold; `none` is for stateless students (A26). */
export const DOCUMENT_TYPES = [
  'resident-id',
  'hk-macao-taiwan-residence-permit',
  'foreign-permanent-resident-id',
  'passport',
  'mainland-travel-permit-hk-macao',
  'mainland-travel-permit-taiwan',
  'none',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS = {
  'resident-id': '居民身份证',
  'hk-macao-taiwan-residence-permit': '港澳台居民居住证',
  'foreign-permanent-resident-id': '外国人永久居留身份证',
  passport: '护照',
  'mainland-travel-permit-hk-macao': '港澳居民来往内地通行证',
  'mainland-travel-permit-taiwan': '台湾居民来往大陆通行证',
  none: '无证件',
} as const satisfies Record<DocumentType, string>;

export type Sex = 'male' | 'female';

export interface IdentityDocumentInput {
  type: DocumentType;
  number?: string;
  issuingCountry?: string;
}

/** What the registrar entered in the student's other fields; the number must agree with it (A8.2). */
export interface DeclaredIdentity {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
}

export interface IdentityDocument {
  type: DocumentType;
  /** normalised */
  number?: string;
  /** ISO 3166-1 alpha-3; passports only, the other documents are issued by China */
  issuingCountry?: string;
  /** read from the number where it encodes one */
  regionCode?: string;
  birthDate?: string;
  sex?: Sex;
}

export type IdentityDocumentResult = { ok: true; document: IdentityDocument } | { ok: false; errors: FieldError[] };

/**
 * What registrars really type or paste: full-width characters from a Chinese input method, spaces between digit
 * groups, zero-width characters from web pages, a lower-case check `x`.
 */
export function normaliseDocumentNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B-\u200D\u2060]/g, '')
    .toUpperCase();
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2 check character of GB 11643-1999 numbers (A8.2); a remainder of 10 is written `X`. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real calendar date, else undefined (arithmetic only: no Date quirks). */
export function calendarDate(yyyymmdd: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** Province-level codes of GB/T 2260 on mainland resident IDs; 71 (Taiwan) and 81–83 (residence permits) are not. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
]);
const PROVINCE_RANGES = '11–15, 21–23, 31–37, 41–46, 50–54, 61–65';
const PROVINCE_RANGES_ZH = '11–15、21–23、31–37、41–46、50–54、61–65';

const RESIDENCE_PERMIT_REGIONS = new Set(['810000', '820000', '830000']);

/** The parts of the student's identity a number encodes. */
interface Encoded {
  regionCode: string;
  birthDate?: string;
  sex?: Sex;
}

interface NumberCheck {
  errors: FieldError[];
  encoded?: Encoded;
}

type NumberRule = (number: string, declared: DeclaredIdentity, field: string) => NumberCheck;

const CHECK_AGAINST_DOCUMENT: Text = { en: 'check the number against the document', zh: '请按证件核对号码' };

/** A24: messages never quote the number, only the part at fault, so they can be logged and shown safely. */
function fieldError(field: string, code: string, en: string, zh: string): FieldError {
  return { field, code, message: { en, zh } };
}

function rejected(...errors: FieldError[]): NumberCheck {
  return { errors };
}

/** A8.2: a birth date in a number is a real date, not before 1900 and not after today in Shanghai. */
function birthDateErrors(iso: string | undefined, where: Text, field: string): FieldError[] {
  if (iso === undefined)
    return [
      fieldError(
        field,
        'invalid_birth_date',
        `${where.en} should be the birth date but are not a real calendar date; ${CHECK_AGAINST_DOCUMENT.en}`,
        `号码${where.zh}应为出生日期，但不是有效的日期，${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    ];
  if (iso < '1900-01-01')
    return [
      fieldError(
        field,
        'invalid_birth_date',
        `The birth date in the number, ${iso}, is before 1900-01-01; ${CHECK_AGAINST_DOCUMENT.en}`,
        `号码中的出生日期 ${iso} 早于 1900-01-01，${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    ];
  const today = shanghaiDate();
  if (iso > today)
    return [
      fieldError(
        field,
        'invalid_birth_date',
        `The birth date in the number, ${iso}, is after today (${today}); ${CHECK_AGAINST_DOCUMENT.en}`,
        `号码中的出生日期 ${iso} 晚于今天（${today}），${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    ];
  return [];
}

/** A8.2: the number and the declared fields describe one person; either may be the one mistyped. */
function declaredMismatches(encoded: Encoded, declared: DeclaredIdentity): FieldError[] {
  const errors: FieldError[] = [];
  if (encoded.birthDate !== undefined && encoded.birthDate !== declared.birthDate)
    errors.push(
      fieldError(
        'birthDate',
        'birth_date_mismatch',
        `The birth date in the document number is ${encoded.birthDate}, but the declared birth date is ${declared.birthDate}; correct the birth date, or the document number if that is what was mistyped`,
        `出生日期与证件号码不一致：证件号码中的出生日期为 ${encoded.birthDate}，填写的出生日期为 ${declared.birthDate}，请更正出生日期或证件号码`,
      ),
    );
  if (encoded.sex !== undefined && encoded.sex !== declared.sex) {
    const [parity, parityZh, sexZh, declaredZh] = encoded.sex === 'male' ? ['odd', '奇数', '男', '女'] : ['even', '偶数', '女', '男'];
    errors.push(
      fieldError(
        'sex',
        'sex_mismatch',
        `The 17th character of the document number is ${parity}, which means ${encoded.sex}, but the declared sex is ${declared.sex}; correct the sex, or the document number if that is what was mistyped`,
        `性别与证件号码不一致：证件号码第17位为${parityZh}，表示${sexZh}，填写的性别为${declaredZh}，请更正性别或证件号码`,
      ),
    );
  }
  return errors;
}

/**
 * A8.2: the GB 11643 layout shared by resident IDs, residence permits and the 2023 foreign permanent-resident ID —
 * region (1–6), birth date (7–14), sequence (15–17, odd male / even female), MOD 11-2 check character (18).
 */
function eighteenCharacterRule(
  type: DocumentType,
  regionError: (number: string, field: string) => FieldError | undefined,
  regionCodeOf: (number: string) => string,
): NumberRule {
  return (number, declared, field) => {
    const errors: FieldError[] = [];
    const regionFault = regionError(number, field);
    if (regionFault) errors.push(regionFault);
    const birthDate = calendarDate(number.slice(6, 14));
    errors.push(...birthDateErrors(birthDate, { en: 'Characters 7–14', zh: '第7–14位' }, field));
    const expected = checkCharacter(number.slice(0, 17));
    const actual = number.slice(17);
    if (expected !== actual) {
      // Excel keeps 15 significant digits: an ID typed as a number comes back with its last three digits as 000
      if (number.endsWith('000'))
        errors.push(
          fieldError(
            field,
            'excel_lost_digits',
            'The number ends in 000 and its check character does not match: Excel keeps only 15 significant digits, so the last 3 digits became 0; format the column as text and re-enter the number from the document',
            '证件号码末三位为 000 且校验位不符：Excel 只保留 15 位有效数字，后 3 位被改成了 0。请将该列设置单元格格式为“文本”，再按证件重新录入号码',
          ),
        );
      else
        errors.push(
          fieldError(
            field,
            'checksum_mismatch',
            `The check character is wrong: computed from the first 17 characters it should be ${expected}, but it is ${actual}; ${CHECK_AGAINST_DOCUMENT.en}`,
            `${DOCUMENT_TYPE_LABELS[type]}号码校验位错误：按前17位计算校验位应为 ${expected}，实际为 ${actual}，请核对证件号码`,
          ),
        );
    }
    if (errors.length > 0 || birthDate === undefined) return { errors };
    const encoded: Encoded = { regionCode: regionCodeOf(number), birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
    return { errors: declaredMismatches(encoded, declared), encoded };
  };
}

function provinceError(province: string, where: Text, field: string): FieldError | undefined {
  if (PROVINCE_CODES.has(province)) return undefined;
  return fieldError(
    field,
    'invalid_region',
    `${where.en} (${province}) are not a province-level region code (${PROVINCE_RANGES}); ${CHECK_AGAINST_DOCUMENT.en}`,
    `号码${where.zh} ${province} 不是有效的省级行政区划代码（应为 ${PROVINCE_RANGES_ZH}），${CHECK_AGAINST_DOCUMENT.zh}`,
  );
}

function eighteenFormatError(type: DocumentType, number: string, field: string): FieldError {
  const [problem, problemZh] =
    number.length === 18
      ? ['contains characters other than digits (X is allowed only as the last character)', '含有数字以外的字符（X 只能在最后一位）']
      : [`has ${number.length} characters`, `为 ${number.length} 位`];
  return fieldError(
    field,
    'invalid_format',
    `A '${type}' number has 18 characters: 17 digits and a check character (a digit or X); the number entered ${problem}; ${CHECK_AGAINST_DOCUMENT.en}`,
    `${DOCUMENT_TYPE_LABELS[type]}号码应为18位：前17位为数字，最后一位为数字或 X；所填号码${problemZh}，${CHECK_AGAINST_DOCUMENT.zh}`,
  );
}

const residentIdNumber = eighteenCharacterRule(
  'resident-id',
  (number, field) => {
    const province = number.slice(0, 2);
    if (RESIDENCE_PERMIT_REGIONS.has(`${province}0000`))
      return fieldError(
        field,
        'invalid_region',
        `Numbers starting with ${province} belong to residence permits for Hong Kong, Macao and Taiwan residents, not to resident IDs; choose document type 'hk-macao-taiwan-residence-permit'`,
        `以 ${province} 开头的号码是港澳台居民居住证号码，不是居民身份证号码：请将证件类型改为“${DOCUMENT_TYPE_LABELS['hk-macao-taiwan-residence-permit']}”`,
      );
    return provinceError(province, { en: 'The first two digits', zh: '前两位' }, field);
  },
  (number) => number.slice(0, 6),
);

const residencePermitNumber = eighteenCharacterRule(
  'hk-macao-taiwan-residence-permit',
  (number, field) => {
    if (RESIDENCE_PERMIT_REGIONS.has(number.slice(0, 6))) return undefined;
    const [hint, hintZh] = PROVINCE_CODES.has(number.slice(0, 2))
      ? [
          `this number starts with a mainland region code, so it looks like a resident ID: choose document type 'resident-id' or ${CHECK_AGAINST_DOCUMENT.en}`,
          `该号码以内地行政区划代码开头，像是居民身份证号码：请将证件类型改为“${DOCUMENT_TYPE_LABELS['resident-id']}”，或按证件核对号码`,
        ]
      : [`this number does not start with any of them; ${CHECK_AGAINST_DOCUMENT.en}`, `该号码不符，${CHECK_AGAINST_DOCUMENT.zh}`];
    return fieldError(
      field,
      'invalid_region',
      `The first 6 digits of a residence permit number are 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan); ${hint}`,
      `港澳台居民居住证号码前6位应为 810000（香港）、820000（澳门）或 830000（台湾）；${hintZh}`,
    );
  },
  (number) => number.slice(0, 6),
);

const foreignPermanentResident2023 = eighteenCharacterRule(
  'foreign-permanent-resident-id',
  (number, field) => provinceError(number.slice(1, 3), { en: 'Digits 2–3 (the issuing province)', zh: '第2–3位（签发地省份）' }, field),
  (number) => `${number.slice(1, 3)}0000`,
);

/** The pre-2023 card: nationality (alpha-3), province, birth date YYMMDD, 4 digits; it has no check character. */
function foreignPermanentResidentOld(number: string, declared: DeclaredIdentity, field: string): NumberCheck {
  const province = number.slice(3, 5);
  const errors: FieldError[] = [];
  const regionFault = provinceError(province, { en: 'Characters 4–5 (the issuing province)', zh: '第4–5位（签发地省份）' }, field);
  if (regionFault) errors.push(regionFault);
  // the number has no century; a declared date that is not YYYY-MM-DD is reported by its own field's validation
  const century = /^\d{4}-\d{2}-\d{2}$/.test(declared.birthDate) ? declared.birthDate.slice(0, 2) : undefined;
  const birthDate = century === undefined ? undefined : calendarDate(century + number.slice(5, 11));
  if (century !== undefined) errors.push(...birthDateErrors(birthDate, { en: 'Characters 6–11 (YYMMDD)', zh: '第6–11位（年月日，YYMMDD）' }, field));
  if (errors.length > 0) return { errors };
  const encoded: Encoded = { regionCode: `${province}0000`, ...(birthDate === undefined ? {} : { birthDate }) };
  return { errors: declaredMismatches(encoded, declared), encoded };
}

const NUMBER_RULES: Record<Exclude<DocumentType, 'none'>, NumberRule> = {
  'resident-id': (number, declared, field) => {
    if (/^\d{15}$/.test(number))
      return rejected(
        fieldError(
          field,
          'first_generation_id',
          "This is a 15-digit first-generation resident ID number, which is no longer accepted; it must be replaced by the student's 18-digit resident ID number: enter that",
          '这是15位的第一代居民身份证号码，已不再使用，须换成18位居民身份证号码：请填写学生的18位号码',
        ),
      );
    if (!/^\d{17}[\dX]$/.test(number)) return rejected(eighteenFormatError('resident-id', number, field));
    return residentIdNumber(number, declared, field);
  },
  'hk-macao-taiwan-residence-permit': (number, declared, field) => {
    if (!/^\d{17}[\dX]$/.test(number)) return rejected(eighteenFormatError('hk-macao-taiwan-residence-permit', number, field));
    return residencePermitNumber(number, declared, field);
  },
  'foreign-permanent-resident-id': (number, declared, field) => {
    if (/^9\d{16}[\dX]$/.test(number)) return foreignPermanentResident2023(number, declared, field);
    if (/^[A-Z]{3}\d{12}$/.test(number)) return foreignPermanentResidentOld(number, declared, field);
    return rejected(
      fieldError(
        field,
        'invalid_format',
        `A foreign permanent-resident ID number has either the 2023 form, 18 characters (9, then 16 digits and a check character, a digit or X), or the older form, 15 characters (3 letters of the nationality, then 12 digits); the number entered has ${number.length} characters and matches neither; ${CHECK_AGAINST_DOCUMENT.en}`,
        `外国人永久居留身份证号码应为2023版18位（以 9 开头，16位数字加1位校验位，校验位可为 X）或旧版15位（3位国籍字母加12位数字）；所填号码为 ${number.length} 位，两种都不符合，${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    );
  },
  passport: (number, _declared, field) => {
    if (/^[A-Z0-9]{5,20}$/.test(number)) return { errors: [] };
    const [problem, problemZh] =
      number.length < 5 || number.length > 20
        ? [`has ${number.length} characters`, `为 ${number.length} 位`]
        : ['contains characters other than letters and digits', '含有字母和数字以外的字符'];
    return rejected(
      fieldError(
        field,
        'invalid_format',
        `A passport number has 5–20 letters (A–Z) and digits; the number entered ${problem}; check it against the passport's data page`,
        `护照号码应为5–20位字母（A–Z）或数字；所填号码${problemZh}，请按护照资料页核对`,
      ),
    );
  },
  'mainland-travel-permit-hk-macao': (number, _declared, field) => {
    if (/^[HM](\d{8}|\d{10})$/.test(number)) return { errors: [] };
    return rejected(
      fieldError(
        field,
        'invalid_format',
        `A mainland travel permit for Hong Kong and Macao residents has H (Hong Kong) or M (Macao) followed by 8 or 10 digits; ${CHECK_AGAINST_DOCUMENT.en}`,
        `港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加8位或10位数字，${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    );
  },
  'mainland-travel-permit-taiwan': (number, _declared, field) => {
    if (/^(\d{8}|\d{10})$/.test(number)) return { errors: [] };
    return rejected(
      fieldError(
        field,
        'invalid_format',
        `A mainland travel permit for Taiwan residents has 8 or 10 digits; ${CHECK_AGAINST_DOCUMENT.en}`,
        `台湾居民来往大陆通行证号码应为8位或10位数字，${CHECK_AGAINST_DOCUMENT.zh}`,
      ),
    );
  },
};

/** `5.30102E+17`, `5.30102e17`: an ID typed into a number-formatted Excel cell; the lost digits cannot be recovered. */
function isScientificNotation(number: string): boolean {
  return /^\d+\.\d+E[+-]?\d+$/.test(number) || number.includes('E+');
}

function issuingCountryErrors(type: Exclude<DocumentType, 'none'>, country: string, field: string): FieldError[] {
  const path = `${field}.issuingCountry`;
  if (type !== 'passport') {
    // every other document is issued by China, so a foreign country here is a data-entry mistake
    if (country === '' || country === 'CHN') return [];
    return [
      fieldError(
        path,
        'not_allowed',
        `A '${type}' is issued by China, so it has no other issuing country; remove the issuing country (or enter CHN)`,
        `${DOCUMENT_TYPE_LABELS[type]}由中国签发，不应填写其他签发国家：请删除签发国家（或填写 CHN）`,
      ),
    ];
  }
  if (country === '')
    return [
      fieldError(
        path,
        'required',
        "A passport needs its issuing country as an ISO 3166-1 alpha-3 code (e.g. USA, VNM, MMR); enter the code printed on the passport's data page",
        '护照须填写签发国家（ISO 3166-1 三位字母代码，如 USA、VNM、MMR），请按护照资料页填写',
      ),
    ];
  if (/^[A-Z]{3}$/.test(country)) return [];
  return [
    fieldError(
      path,
      'invalid_format',
      `The issuing country must be an ISO 3166-1 alpha-3 code of 3 letters (e.g. USA, VNM, MMR), not "${country}"; enter the code printed on the passport's data page`,
      `签发国家应为 ISO 3166-1 三位字母代码（如 USA、VNM、MMR），而不是“${country}”，请按护照资料页填写`,
    ),
  ];
}

/** A26: a stateless student holds no document, so anything entered is a mistake in the type or in the data. */
function noneErrors(number: string, country: string, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (number !== '')
    errors.push(
      fieldError(
        `${field}.number`,
        'not_allowed',
        "A student without an identity document (type 'none') has no document number; remove the number, or choose the type of document the student holds",
        `证件类型为“${DOCUMENT_TYPE_LABELS.none}”时不能填写证件号码：请删除号码，或选择学生实际持有的证件类型`,
      ),
    );
  if (country !== '')
    errors.push(
      fieldError(
        `${field}.issuingCountry`,
        'not_allowed',
        "A student without an identity document (type 'none') has no issuing country; remove it, or choose the type of document the student holds",
        `证件类型为“${DOCUMENT_TYPE_LABELS.none}”时不能填写签发国家：请删除签发国家，或选择学生实际持有的证件类型`,
      ),
    );
  return errors;
}

/**
 * A8.2, A26: checks a student's identity document and that it agrees with the declared birth date and sex.
 * Errors on the number are at `${field}.number`; a disagreement is reported on the top-level `birthDate` / `sex`,
 * since either that field or the number is wrong.
 */
export function validateIdentityDocument(
  input: IdentityDocumentInput,
  declared: DeclaredIdentity,
  field = 'identityDocument',
): IdentityDocumentResult {
  const { type } = input;
  // the type arrives from imports and forms too, not only from typed code
  if (!DOCUMENT_TYPES.includes(type))
    return {
      ok: false,
      errors: [
        fieldError(
          `${field}.type`,
          'invalid_type',
          `Unknown document type; choose one of: ${DOCUMENT_TYPES.join(', ')}`,
          `证件类型无效，请选择：${Object.values(DOCUMENT_TYPE_LABELS).join('、')}`,
        ),
      ],
    };
  const number = normaliseDocumentNumber(input.number ?? '');
  const country = normaliseDocumentNumber(input.issuingCountry ?? '');
  if (type === 'none') {
    const errors = noneErrors(number, country, field);
    return errors.length > 0 ? { ok: false, errors } : { ok: true, document: { type } };
  }

  const errors = issuingCountryErrors(type, country, field);
  const numberField = `${field}.number`;
  let encoded: Encoded | undefined;
  if (number === '')
    errors.push(
      fieldError(
        numberField,
        'required',
        `The document number is required for document type '${type}'; enter it as printed on the document`,
        `证件号码不能为空：请按${DOCUMENT_TYPE_LABELS[type]}上印的号码填写`,
      ),
    );
  else if (isScientificNotation(number))
    errors.push(
      fieldError(
        numberField,
        'excel_scientific_notation',
        'Excel turned the number into scientific notation (like 5.3E+17), which loses its last digits; format the column as text and re-enter the number from the document',
        '证件号码被 Excel 转成了科学计数法（形如 5.3E+17），后几位已丢失：请将该列设置单元格格式为“文本”，再按证件重新录入号码',
      ),
    );
  else {
    const check = NUMBER_RULES[type](number, declared, numberField);
    errors.push(...check.errors);
    encoded = check.encoded;
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    document: { type, number, ...(type === 'passport' ? { issuingCountry: country } : {}), ...encoded },
  };
}
