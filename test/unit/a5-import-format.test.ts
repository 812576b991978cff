import ExcelJS from 'exceljs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClock } from '../../shared/platform/clock.js';
import { DOCUMENT_TYPE_LABELS } from '../../shared/students/identity-document.js';
import { IntakeSchema } from '../../shared/students/intake-schema.js';
import {
  buildErrorReport,
  buildTemplate,
  IMPORT_COLUMNS,
  parseImportFile,
  rowToIntake,
  type ImportError,
} from '../../shared/students/import-format.js';
import { ETHNICITIES, GUARDIAN_RELATIONSHIPS, STUDY_MODES } from '../../shared/students/reference-data.js';

/** An independent MOD 11-2 (GB 11643-1999), to build valid identity numbers. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** A boy born 2010-03-05 in 昆明市五华区 (sequence 123 is odd: male). */
const BOY = idNumber('53010220100305123');
const GIRL = idNumber('53010220100305124');

const VALID: Record<string, unknown> = {
  姓名: '张三',
  性别: '男',
  出生日期: '2010-03-05',
  民族: '汉族',
  身份证件类型: '居民身份证',
  身份证件号: BOY,
  入学日期: '2026-09-01',
  入学季节: '秋季',
  入学年份: 2026,
  专业代码: '710201',
  专业名称: '计算机应用',
  学制: 3,
  学习形式: '全日制',
  学生类别: '应届初中毕业生',
  招生方式: '统一招生',
};

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const header = (path: string) => IMPORT_COLUMNS.find((c) => c.path === path)!.header;

function accepted(values: Record<string, unknown>) {
  const result = rowToIntake(values);
  if (!result.ok) throw new Error(`expected the row to be accepted, got ${JSON.stringify(result.errors)}`);
  return result.intake;
}

function refused(values: Record<string, unknown>): ImportError[] {
  const result = rowToIntake(values);
  if (result.ok) throw new Error(`expected the row to be refused, got ${JSON.stringify(result.intake)}`);
  for (const e of result.errors) {
    expect(e.message.en.length, e.code).toBeGreaterThan(0);
    expect(e.message.zh, e.code).toMatch(/[\u4e00-\u9fff]/);
  }
  return result.errors;
}

const codes = (errors: ImportError[]) => errors.map((e) => [e.column, e.code]);

async function xlsx(rows: (Record<string, unknown> | null)[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('新生信息');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row ? HEADERS.map((h) => (row[h] ?? null) as ExcelJS.CellValue) : []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** GBK as Excel on Chinese Windows writes it, from the platform's GBK decoder run backwards (Node has no encoder). */
function gbkEncoder(): (text: string) => Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  return (text) =>
    Buffer.from(
      [...text].flatMap((char) => {
        if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
        const bytes = table.get(char);
        if (!bytes) throw new Error(`no GBK for ${char}`);
        return bytes;
      }),
    );
}

function csvLine(values: unknown[]): string {
  return values.map((v) => (v === undefined || v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',');
}

beforeAll(() => {
  // today is 2026-12-03 in Shanghai; birth dates in ID numbers may not be after it
  vi.stubEnv('CLOCK_START', '2026-12-03T10:00:00+08:00');
  resetClock();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetClock();
});

describe('A5 the import columns are generated from IntakeSchema', () => {
  /** The leaves of the schema, read independently through its JSON Schema. */
  function leaves(): { path: string; title?: string; required: boolean }[] {
    const json = z.toJSONSchema(IntakeSchema, { io: 'input' }) as { $ref?: string; $defs?: Record<string, JsonNode> };
    type JsonNode = { $ref?: string; type?: string; title?: string; properties?: Record<string, JsonNode>; required?: string[] };
    const resolve = (node: JsonNode): JsonNode => (node.$ref ? resolve(json.$defs![node.$ref.replace('#/$defs/', '')]!) : node);
    const walk = (node: JsonNode, prefix: string, required: boolean): { path: string; title?: string; required: boolean }[] =>
      Object.entries(resolve(node).properties ?? {}).flatMap(([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        const isRequired = required && (resolve(node).required ?? []).includes(key);
        const resolved = resolve(child);
        return resolved.type === 'object' ? walk(resolved, path, isRequired) : [{ path, title: resolved.title ?? child.title, required: isRequired }];
      });
    return walk(json as JsonNode, '', true);
  }

  it('A5: every leaf of IntakeSchema is a column, headed by its schema title, required as the schema says', () => {
    const expected = leaves();
    expect(expected.length).toBeGreaterThan(15);
    expect(IMPORT_COLUMNS.map((c) => [c.path, c.header, c.required])).toEqual(expected.map((l) => [l.path, l.title, l.required]));
    expect(new Set(HEADERS).size).toBe(HEADERS.length);
  });

  it('A8.2: the identity number, the dates and the numbers get their kinds', () => {
    const kinds = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.path, c.kind]));
    expect(kinds).toMatchObject({
      'identityDocument.number': 'identity',
      birthDate: 'date',
      enrolmentDate: 'date',
      intakeYear: 'integer',
      programLength: 'integer',
      name: 'text',
      'major.code': 'text',
      sex: 'choice',
      'identityDocument.type': 'choice',
    });
  });

  it('A5: the fixed lists carry the labels of reference-data.ts and identity-document.ts', () => {
    const choices = (path: string) => IMPORT_COLUMNS.find((c) => c.path === path)!.choices;
    expect(choices('ethnicity')).toEqual(ETHNICITIES);
    expect(choices('identityDocument.type')).toEqual(DOCUMENT_TYPE_LABELS);
    expect(choices('studyMode')).toEqual(STUDY_MODES);
    expect(choices('guardian.relationship')).toEqual(GUARDIAN_RELATIONSHIPS);
    for (const column of IMPORT_COLUMNS.filter((c) => c.kind === 'choice')) expect(Object.keys(column.choices!).length, column.path).toBeGreaterThan(1);
  });
});

describe('A5 the template', () => {
  it('A5: round-trips: the header row is IMPORT_COLUMNS, bold and frozen, and there is no data row', async () => {
    const workbook = await readBack(await buildTemplate());
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['新生信息', 'visible'],
      ['填写说明', 'visible'],
      ['下拉选项', 'hidden'],
    ]);
    const sheet = workbook.getWorksheet('新生信息')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    IMPORT_COLUMNS.forEach((_, i) => expect(sheet.getColumn(i + 1).width).toBeGreaterThan(5));
  });

  it('A8.2: identity-number, date and code columns are text, so Excel keeps what is typed; integers are not', async () => {
    const sheet = (await readBack(await buildTemplate())).getWorksheet('新生信息')!;
    IMPORT_COLUMNS.forEach((column, i) => {
      // a cell that did not exist yet takes the column's format, as a cell the registrar types into does
      const format = [sheet.getColumn(i + 1).numFmt, sheet.getCell(20_001, i + 1).numFmt];
      expect(format, column.path).toEqual(column.kind === 'integer' ? [undefined, undefined] : ['@', '@']);
    });
  });

  it('A5: every fixed-list column has a drop-down over a range of the hidden list sheet (58 ethnicities do not fit inline)', async () => {
    const workbook = await readBack(await buildTemplate());
    const sheet = workbook.getWorksheet('新生信息')!;
    const lists = workbook.getWorksheet('下拉选项')!;
    IMPORT_COLUMNS.forEach((column, i) => {
      for (const row of [2, 20_001]) {
        const validation = sheet.getCell(row, i + 1).dataValidation;
        if (column.kind !== 'choice') {
          expect(validation, column.path).toBeUndefined();
          continue;
        }
        expect(validation, column.path).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true });
        const range = /^'下拉选项'!\$([A-Z]+)\$1:\$\1\$(\d+)$/.exec(String(validation.formulae[0]))!;
        expect(range, column.path).not.toBeNull();
        const labels = Array.from({ length: Number(range[2]) }, (_, r) => lists.getCell(`${range[1]}${r + 1}`).value);
        expect(new Set(labels)).toEqual(new Set(Object.values(column.choices!)));
      }
    });
    expect(sheet.getCell(20_002, 1 + IMPORT_COLUMNS.findIndex((c) => c.path === 'ethnicity')).dataValidation).toBeUndefined();
    expect(lists.getCell('B1').value).toBe('汉族');
  });

  it('A5: the 填写说明 sheet lists every column with its requirement, format and an example', async () => {
    const sheet = (await readBack(await buildTemplate())).getWorksheet('填写说明')!;
    const lines = new Map<string, string[]>();
    sheet.eachRow((row) => {
      const [first, ...rest] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      lines.set(first!, rest);
    });
    for (const column of IMPORT_COLUMNS) expect(lines.has(column.header), column.header).toBe(true);
    expect(lines.get('姓名')![0]).toBe('是');
    expect(lines.get('身份证件号')![0]).toBe('否');
    expect(lines.get('监护人关系')![0]).toContain('监护人姓名');
    expect(lines.get('出生日期')!.join(' ')).toContain('YYYY-MM-DD');
    expect(lines.get('民族')![1]).toContain('彝族（07）');
    expect(lines.get('民族')![1]).toContain('外国血统中国籍人士（98）');
    expect(lines.get('身份证件号')![1]).toContain('文本');
  });

  it('A5: the empty template parses to no rows and no missing column', async () => {
    expect(await parseImportFile(await buildTemplate(), 'xlsx')).toEqual({ rows: [], unknownHeaders: [], missingHeaders: [] });
  });
});

describe('A5 / A8.2 an XLSX with the mistakes registrars make', () => {
  const planted: [label: string, change: Record<string, unknown>][] = [
    ['valid', {}],
    ['numeric ID cell', { 身份证件号: 5.30102200801011e17 }],
    ['scientific-notation string', { 身份证件号: '5.30102E+17' }],
    ['date 2010/3/5', { 出生日期: '2010/3/5' }],
    ['date 03/05/2010', { 出生日期: '03/05/2010' }],
    ['Excel serial date', { 出生日期: 40242 }],
    ['Date cell', { 出生日期: new Date(Date.UTC(2010, 2, 5)) }],
    ['full-width ID', { 身份证件号: BOY.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }],
    ['stray spaces', { 姓名: '\u3000张\u00A0三 \u200B', 专业代码: ' 710201\u00A0', 身份证件号: ` ${BOY.slice(0, 6)} ${BOY.slice(6, 14)} ${BOY.slice(14)}\u3000`, 入学日期: ' 2026-09-01 ' }],
    ['汉', { 民族: '汉' }],
    ['unknown ethnicity', { 民族: '火星族' }],
    ['unknown study mode', { 学习形式: '函授' }],
    ['empty name', { 姓名: null }],
    ['two faults', { 身份证件号: 530102201003051000, 入学日期: '9/1/2026' }],
    ['rich text and formula', { 姓名: { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] }, 专业名称: { formula: '"计算机"&"应用"', result: '计算机应用' } }],
  ];
  let results: Map<string, { rowNumber: number; result: ReturnType<typeof rowToIntake> }>;

  beforeAll(async () => {
    const rows: (Record<string, unknown> | null)[] = planted.map(([, change]) => ({ ...VALID, ...change }));
    // an empty row and a row of blanks in the middle: skipped, and the row numbers after them stay the sheet's
    rows.splice(5, 0, null, { 姓名: '  ', 民族: '\u3000' });
    const parsed = await parseImportFile(await xlsx(rows), 'xlsx');
    expect(parsed.missingHeaders).toEqual([]);
    expect(parsed.unknownHeaders).toEqual([]);
    expect(parsed.rows).toHaveLength(planted.length);
    results = new Map(parsed.rows.map((row, i) => [planted[i]![0], { rowNumber: row.rowNumber, result: rowToIntake(row.values) }]));
  });

  const errorsOf = (label: string) => {
    const { result } = results.get(label)!;
    if (result.ok) throw new Error(`${label}: expected errors`);
    return result.errors;
  };
  const intakeOf = (label: string) => {
    const { result } = results.get(label)!;
    if (!result.ok) throw new Error(`${label}: ${JSON.stringify(result.errors)}`);
    return result.intake;
  };

  it('A5: rows keep their spreadsheet numbers (header = 1), empty rows are skipped', () => {
    expect([...results.values()].map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('A5: the valid row becomes the intake record', () => {
    expect(intakeOf('valid')).toEqual({
      name: '张三',
      sex: 'male',
      birthDate: '2010-03-05',
      ethnicity: '01',
      identityDocument: { type: 'resident-id', number: BOY },
      enrolmentDate: '2026-09-01',
      season: 'autumn',
      intakeYear: 2026,
      major: { code: '710201', name: '计算机应用' },
      programLength: 3,
      studyMode: 'full-time',
      studentType: 'junior-secondary-graduate',
      recruitmentType: 'unified',
    });
  });

  it('A8.2: an ID number Excel stored as a number: the digits are lost, format the column as text and re-enter', () => {
    const errors = errorsOf('numeric ID cell');
    expect(codes(errors)).toEqual([['身份证件号', 'excel_lost_digits']]);
    expect(errors[0]!.message.zh).toMatch(/存成了数字.*15 位有效数字.*“文本”.*重新录入/);
    expect(errors[0]!.message.en).toMatch(/as a number.*15 significant digits.*Text \(文本\).*re-enter/);
  });

  it('A8.2: an ID number in scientific notation: same advice', () => {
    const errors = errorsOf('scientific-notation string');
    expect(codes(errors)).toEqual([['身份证件号', 'excel_scientific_notation']]);
    expect(errors[0]!.message.zh).toMatch(/科学计数法.*“文本”/);
  });

  it('A5: dates written 2010/3/5, as an Excel serial or as a date cell are accepted as 2010-03-05', () => {
    for (const label of ['date 2010/3/5', 'Excel serial date', 'Date cell']) expect(intakeOf(label).birthDate, label).toBe('2010-03-05');
  });

  it('A5: a date written 03/05/2010 is refused as ambiguous, naming the format and an example', () => {
    const errors = errorsOf('date 03/05/2010');
    // the birth date is at fault, so its mismatch with the ID number is not reported on top
    expect(codes(errors)).toEqual([['出生日期', 'ambiguous_date']]);
    expect(errors[0]!.message.zh).toContain('YYYY-MM-DD 格式填写，例如 2010-03-05');
    expect(errors[0]!.message.en).toContain('YYYY-MM-DD, e.g. 2010-03-05');
  });

  it('A8.2: full-width digits and stray spaces (full-width, non-breaking, zero-width) are normalised', () => {
    expect(intakeOf('full-width ID').identityDocument.number).toBe(BOY);
    const spaced = intakeOf('stray spaces');
    expect([spaced.name, spaced.major.code, spaced.identityDocument.number, spaced.enrolmentDate]).toEqual(['张三', '710201', BOY, '2026-09-01']);
  });

  it('A5: rich text is read as its text, a formula as its result', () => {
    expect(intakeOf('rich text and formula')).toMatchObject({ name: '张三', major: { name: '计算机应用' } });
  });

  it('A5: 汉 is 汉族 (01)', () => {
    expect(intakeOf('汉').ethnicity).toBe('01');
  });

  it('A5: a value outside a fixed list: a long list points to 填写说明, a short one is listed', () => {
    const ethnicity = errorsOf('unknown ethnicity');
    expect(codes(ethnicity)).toEqual([['民族', 'not_in_list']]);
    expect(ethnicity[0]!.message.zh).toContain('填写说明');
    expect(ethnicity[0]!.message.en).toContain('填写说明');
    const mode = errorsOf('unknown study mode');
    expect(codes(mode)).toEqual([['学习形式', 'not_in_list']]);
    expect(mode[0]!.message.zh).toContain('全日制、非全日制');
    expect(mode[0]!.message.en).toContain('全日制 (full-time), 非全日制 (part-time)');
  });

  it('A5: an empty required cell is `required`, naming the column', () => {
    const errors = errorsOf('empty name');
    expect(codes(errors)).toEqual([['姓名', 'required']]);
    expect(errors[0]!.message.zh).toContain('「姓名」为必填项');
  });

  it('A5: one pass reports every fault of a row, in column order', () => {
    expect(codes(errorsOf('two faults'))).toEqual([
      ['身份证件号', 'excel_lost_digits'],
      ['入学日期', 'ambiguous_date'],
    ]);
  });

  it('A24: no message quotes the identity number', () => {
    for (const { result } of results.values())
      if (!result.ok) for (const e of result.errors) expect(`${e.message.en} ${e.message.zh}`).not.toMatch(/\d{15}/);
  });
});

describe('A5 rowToIntake, value by value', () => {
  const row = (change: Record<string, unknown>) => ({ ...VALID, ...change });

  it.each([
    ['2010-03-05'],
    ['2010/3/5'],
    ['2010.3.5'],
    ['2010-3-5'],
    ['20100305'],
    ['2010年3月5日'],
    ['2010/3/5 0:00'],
    ['２０１０－０３－０５'],
    ['40242'],
    [40242],
    [20100305],
    [new Date(Date.UTC(2010, 2, 5))],
  ])('A5: the date %s is 2010-03-05', (value) => {
    expect(accepted(row({ 出生日期: value })).birthDate).toBe('2010-03-05');
  });

  it.each([
    ['03/05/2010', 'ambiguous_date'],
    ['5-3-10', 'ambiguous_date'],
    ['10.3.5', 'ambiguous_date'],
    ['下周一', 'invalid_date'],
    ['2010-3', 'invalid_date'],
    [60, 'invalid_date'], // Excel's 29 February 1900, a day that never was
    ['2010-02-30', 'not_a_calendar_date'],
  ])('A5: the date %s is refused (%s) with the accepted format and an example', (value, code) => {
    const errors = refused(row({ 出生日期: value }));
    expect(codes(errors)).toEqual([['出生日期', code]]);
    expect(errors[0]!.message.zh).toContain('YYYY-MM-DD');
    expect(errors[0]!.message.zh).toContain('例如 2010-03-05');
  });

  it('A5: the enrolment date example is an enrolment date', () => {
    expect(refused(row({ 入学日期: 'next week' }))[0]!.message.en).toContain('e.g. 2026-09-01');
  });

  it('A5: labels, codes and short forms of the fixed lists are accepted', () => {
    const intake = accepted(
      row({
        性别: '女',
        身份证件号: GIRL,
        民族: 7,
        入学季节: '春',
        学习形式: 'part-time',
        学生类别: ' 退役士兵 ',
        招生方式: '自主招生',
        身份证件类型: '身份证',
        监护人姓名: '王秀英',
        监护人关系: '外婆',
        监护人电话: '0871-65123456',
      }),
    );
    expect(intake).toMatchObject({
      sex: 'female',
      ethnicity: '07',
      season: 'spring',
      studyMode: 'part-time',
      studentType: 'veteran',
      recruitmentType: 'independent',
      identityDocument: { type: 'resident-id' },
      guardian: { name: '王秀英', relationship: 'grandparent', phone: '0871-65123456' },
    });
    expect(accepted(row({ 入学季节: '秋', 学习形式: '非全日制', 民族: '彝' }))).toMatchObject({ season: 'autumn', studyMode: 'part-time', ethnicity: '07' });
  });

  it('A5: names are trimmed; inner spaces stay only as single spaces between Latin words', () => {
    expect(accepted(row({ 姓名: ' 李　明 ' })).name).toBe('李明');
    expect(accepted(row({ 姓名: 'Maria \u00A0 Garcia' })).name).toBe('Maria Garcia');
    expect(accepted(row({ 姓名: 'ＬＩ　Ｍｉｎｇ' })).name).toBe('LI Ming');
    expect(accepted(row({ 姓名: '阿依古丽·买买提' })).name).toBe('阿依古丽·买买提');
  });

  it('A5: integers may be text, full-width or carry 年', () => {
    expect(accepted(row({ 学制: '３', 入学年份: '2026年' }))).toMatchObject({ programLength: 3, intakeYear: 2026 });
    const errors = refused(row({ 学制: '三年' }));
    expect(codes(errors)).toEqual([['学制', 'not_integer']]);
    expect(errors[0]!.message.zh).toContain('1–5 之间的整数');
  });

  it('A5: lengths and ranges are stated as the column\'s limits', () => {
    const errors = refused(row({ 姓名: '张', 学制: 9 }));
    expect(codes(errors)).toEqual([
      ['姓名', 'too_small'],
      ['学制', 'too_big'],
    ]);
    expect(errors.map((e) => e.message.zh)).toEqual(['「姓名」至少应有 2 个字，请核对', '「学制」应为 1–5 之间的整数']);
  });

  it('A5: once any guardian column is filled, the other guardian columns are required', () => {
    const errors = refused(row({ 监护人姓名: '张明' }));
    expect(codes(errors)).toEqual([
      ['监护人关系', 'required'],
      ['监护人电话', 'required'],
    ]);
    expect(errors[0]!.message.zh).toContain('监护人姓名、监护人关系、监护人电话');
  });

  it('A8.2: the identity check runs in the same pass as the schema: a sex that disagrees with the number', () => {
    const errors = refused(row({ 性别: '女', 学习形式: '函授', 专业代码: '7102' }));
    expect(codes(errors)).toEqual([
      ['性别', 'sex_mismatch'],
      ['专业代码', 'invalid_format'],
      ['学习形式', 'not_in_list'],
    ]);
    expect(errors[1]!.message.zh).toContain('6位代码');
  });

  it('A8.2: a wrong check character is reported on the number column', () => {
    const wrong = BOY.slice(0, 17) + (BOY.endsWith('1') ? '2' : '1');
    expect(codes(refused(row({ 身份证件号: wrong })))).toEqual([['身份证件号', 'checksum_mismatch']]);
  });

  it('A8.2: an ID number whose last digits Excel turned to 000, saved as text in a CSV, is diagnosed', () => {
    expect(codes(refused(row({ 身份证件号: '530102201003051000' })))).toEqual([['身份证件号', 'excel_lost_digits']]);
  });

  it('A17: a jointly recruited student needs the partner school', () => {
    expect(codes(refused(row({ 招生方式: '联合招生合作办学' })))).toEqual([['联合招生合作学校标识码', 'custom']]);
    expect(accepted(row({ 招生方式: 'joint', 联合招生合作学校标识码: '３１５３０００００１' })).jointPartnerSchoolId).toBe('3153000001');
  });

  it('A26: a passport with its issuing country', () => {
    const intake = accepted(row({ 姓名: 'Nguyen Van An', 身份证件类型: '护照', 身份证件号: 'c1234567', [header('identityDocument.issuingCountry')]: 'VNM' }));
    expect(intake.identityDocument).toEqual({ type: 'passport', number: 'C1234567', issuingCountry: 'VNM' });
  });
});

describe('A5 CSV files', () => {
  it('A5: a CSV saved by Excel on Chinese Windows (GBK) is read', async () => {
    const gbk = gbkEncoder();
    // the table is GBK: 姓名 is D0D5 C3FB in GB 2312, the core of GBK
    expect(gbk('姓名')).toEqual(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]));
    const content = gbk([csvLine(HEADERS), csvLine(HEADERS.map((h) => VALID[h]))].join('\r\n') + '\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(content)).toThrow();
    const parsed = await parseImportFile(content, 'csv');
    expect(parsed).toMatchObject({ unknownHeaders: [], missingHeaders: [] });
    expect(parsed.rows).toEqual([{ rowNumber: 2, values: Object.fromEntries(HEADERS.filter((h) => VALID[h] !== undefined).map((h) => [h, String(VALID[h])])) }]);
    expect(accepted(parsed.rows[0]!.values)).toMatchObject({ name: '张三', ethnicity: '01', programLength: 3 });
  });

  it('A5: a UTF-8 CSV with BOM: quoted commas, quotes and line breaks, CRLF, headers with full-width spaces, strings kept as typed', async () => {
    const headers = HEADERS.map((h) => (h === '姓名' ? '\u3000姓 名 ' : h === '国籍/地区' ? '国籍／地区' : h));
    const address = '云南省昆明市五华区, "某某"路\r\n1号';
    const lines = [
      csvLine([...headers, '备注']),
      csvLine([...HEADERS.map((h) => (h === '户籍地址' ? address : h === '民族' ? '01' : VALID[h])), '']),
      csvLine(HEADERS.map(() => '')),
      csvLine(HEADERS.map((h) => (h === '身份证件号' ? '530102201003051000' : VALID[h]))),
    ];
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
    const parsed = await parseImportFile(content, 'csv');
    expect(parsed.unknownHeaders).toEqual(['备注']);
    expect(parsed.missingHeaders).toEqual([]);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    const first = parsed.rows[0]!.values;
    expect([first['姓名'], first['户籍地址'], first['民族'], first['身份证件号']]).toEqual(['张三', address, '01', BOY]);
    expect(accepted(first).householdAddress).toBe('云南省昆明市五华区, "某某"路 1号');
    expect(codes(refused(parsed.rows[1]!.values))).toEqual([['身份证件号', 'excel_lost_digits']]);
  });

  it('A5: a file without some required columns says which', async () => {
    const content = Buffer.from(csvLine(HEADERS.filter((h) => h !== '姓名' && h !== '民族' && h !== '监护人姓名')) + '\n', 'utf8');
    expect(await parseImportFile(content, 'csv')).toEqual({ rows: [], unknownHeaders: [], missingHeaders: ['姓名', '民族'] });
  });
});

describe('A5 the error report', () => {
  it('A5 / A24: one line per error with row, name, masked number, column and the problem in Chinese and English', async () => {
    const buffer = await buildErrorReport([
      {
        rowNumber: 9,
        name: '李四',
        maskedDocumentNumber: '5301**********1234',
        errors: [
          { column: '出生日期', message: { en: 'ambiguous', zh: '有歧义' } },
          { column: '民族', message: { en: 'not in the list', zh: '不在可选范围内' } },
        ],
      },
      { rowNumber: 3, errors: [{ column: '姓名', message: { en: 'required', zh: '必填' } }] },
    ]);
    const sheet = (await readBack(buffer)).worksheets[0]!;
    const lines: unknown[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    expect(lines).toEqual([
      ['行号', '姓名', '证件号', '列', '问题', 'Problem'],
      [3, '', '', '姓名', '必填', 'required'],
      [9, '李四', '5301**********1234', '出生日期', '有歧义', 'ambiguous'],
      [9, '李四', '5301**********1234', '民族', '不在可选范围内', 'not in the list'],
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(5).width).toBeGreaterThan(40);
  });
});
