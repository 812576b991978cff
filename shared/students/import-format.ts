import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import * as z from 'zod';
import { fieldErrors } from '../api/messages.js';
import type { Text } from '../platform/errors.js';
import { calendarDate, DOCUMENT_TYPE_LABELS, normaliseDocumentNumber, validateIdentityDocument, type DocumentType, type Sex } from './identity-document.js';
import { IntakeSchema, type Intake } from './intake-schema.js';
import * as referenceData from './reference-data.js';

/**
 * The bulk-import file format (A5): the template schools download, and the reading of what they upload — XLSX, or
 * CSV in UTF-8 or GBK — row by row into intake records. The columns are generated from `IntakeSchema`, so a field
 * added there is a column here; the conversions forgive what Excel and Chinese input methods do to values, and
 * every refusal says what is wrong and how to fix it.
 */

export interface ImportColumn {
  /** dotted path in the intake record, e.g. `identityDocument.number` */
  path: string;
  /** the Chinese column header: the field's title in the schema */
  header: string;
  kind: 'text' | 'date' | 'identity' | 'choice' | 'integer';
  /** code → Chinese label */
  choices?: Record<string, string>;
  required: boolean;
  description?: string;
}

export interface ImportError {
  /** the Chinese column header */
  column: string;
  path: string;
  code: string;
  message: Text;
}

export interface ParsedFile {
  rows: { rowNumber: number; values: Record<string, unknown> }[];
  unknownHeaders: string[];
  /** required headers absent from the file */
  missingHeaders: string[];
}

interface ColumnRule {
  column: ImportColumn;
  /** `[code, label]` in list order: objects put integer-like keys ('10') before '01', so `choices` cannot keep it */
  options?: [string, string][];
  /** every accepted spelling (normalised) → code */
  spellings?: Map<string, string>;
  /** names keep only single spaces between Latin words; other free text is collapsed; codes lose all spaces */
  textStyle: 'name' | 'free' | 'code';
  /** the optional object (e.g. `guardian`) whose fields are required once any of them is filled */
  group?: string;
  min?: number;
  max?: number;
  maxLength?: number;
}

/** Rows of the template prepared for data (formats, drop-downs); far beyond the ≥ 20,000 rows of one file. */
const TEMPLATE_ROWS = 20_000;
const DATA_SHEET = '新生信息';
const INSTRUCTIONS_SHEET = '填写说明';
const LISTS_SHEET = '下拉选项';
/** Lists longer than this are not spelled out in messages; the instructions sheet has them. */
const LIST_IN_MESSAGE = 10;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/.source;

/** Other spellings registrars use for a label; the label itself, its code and its short form are always accepted. */
const COMMON_SPELLINGS: Record<string, string[]> = {
  居民身份证: ['身份证', '二代身份证'],
  无证件: ['无'],
  父亲: ['父', '爸爸'],
  母亲: ['母', '妈妈'],
  '祖父母/外祖父母': ['祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '外公', '外婆'],
};

/** Sample values for the instructions sheet and for messages. The identity number is GB 11643's published example. */
const EXAMPLES: Record<string, string> = {
  name: '张三',
  birthDate: '2010-03-05',
  'identityDocument.number': '11010519491231002X',
  'identityDocument.issuingCountry': 'USA',
  enrolmentDate: '2026-09-01',
  intakeYear: '2026',
  'major.code': '710201',
  'major.name': '计算机应用',
  programLength: '3',
  jointPartnerSchoolId: '3153000001',
  'guardian.name': '张明',
  'guardian.phone': '13800000000',
  householdAddress: '云南省昆明市五华区某某路1号',
  phone: '13800000001',
};

// ---------------------------------------------------------------------------------------------------------------
// Normalising what registrars type and paste

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

const halfWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * Zero-width characters out, full-width letters and digits (a Chinese input method's １２３, ＡＢＣ) to ASCII; full-width
 * punctuation too where the value is a code, but not in written text, where （） and ， are correct Chinese.
 * JS `\s` already covers the full-width space U+3000 and the non-breaking space.
 */
function clean(value: string, punctuation: boolean): string {
  return value.replace(INVISIBLE, '').replace(punctuation ? FULL_WIDTH_ASCII : FULL_WIDTH_ALPHANUMERIC, halfWidth);
}

function compact(value: string): string {
  return clean(value, true).replace(/\s+/g, '');
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && compact(value) === '');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function cellText(value: unknown): string {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? isoDate(value) : String(value);
}

function normaliseText(value: string, style: ColumnRule['textStyle']): string {
  if (style === 'code') return compact(value);
  const text = clean(value, false).trim();
  if (style === 'free') return text.replace(/\s+/g, ' ');
  // 张 三 → 张三, but Maria  Garcia → Maria Garcia
  return text.replace(/\s+/g, (run: string, at: number, whole: string) =>
    LATIN.test(whole[at - 1] ?? '') && LATIN.test(whole[at + run.length] ?? '') ? ' ' : '',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The columns, from the schema

const REFERENCE_LISTS: Record<string, string>[] = [...Object.values(referenceData), DOCUMENT_TYPE_LABELS].filter(
  (value): value is Record<string, string> => typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string'),
);

function metaOf(schema: z.core.$ZodType): { title?: string; description?: string } {
  return (z.globalRegistry.get(schema) ?? {}) as { title?: string; description?: string };
}

/** The reference list whose codes are exactly the enum's options: the labels are defined once, there. */
function optionsOf(path: string, codes: readonly string[]): [string, string][] {
  const list = REFERENCE_LISTS.find((l) => Object.keys(l).length === codes.length && codes.every((c) => c in l));
  if (!list) throw new Error(`import-format: no reference list has exactly the codes of ${path}`);
  const ordered = codes.every((c) => /^\d+$/.test(c)) ? [...codes].sort() : codes;
  return ordered.map((code) => [code, list[code]!]);
}

function spellingsOf(options: [string, string][]): Map<string, string> {
  const spellings = new Map<string, string>();
  const add = (spelling: string, code: string) => {
    const key = compact(spelling).toLowerCase();
    if (key && !spellings.has(key)) spellings.set(key, code);
  };
  for (const [code] of options) add(code, code);
  for (const [code, label] of options) {
    add(label, code);
    for (const part of label.split('/')) add(part, code);
    // 汉 for 汉族, 秋 for 秋季
    if (/^.+[族季]$/.test(label)) add(label.slice(0, -1), code);
    for (const other of COMMON_SPELLINGS[label] ?? []) add(other, code);
  }
  return spellings;
}

/** A string's format checks, read through its JSON Schema (the public view of them); several become `allOf`. */
function patternsOf(schema: z.ZodString): string[] {
  const json = z.toJSONSchema(schema) as { pattern?: string; allOf?: { pattern?: string }[] };
  return [json.pattern, ...(json.allOf ?? []).map((part) => part.pattern)].filter((p): p is string => p !== undefined);
}

function walk(shape: Record<string, z.core.$ZodType>, prefix: string, required: boolean, group: string | undefined): ColumnRule[] {
  return Object.entries(shape).flatMap(([key, field]): ColumnRule[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    const optional = field instanceof z.ZodOptional;
    const inner: z.core.$ZodType = field instanceof z.ZodOptional ? field.unwrap() : field;
    if (inner instanceof z.ZodObject) return walk(inner.shape, path, required && !optional, optional ? path : group);
    const meta = { ...metaOf(inner), ...metaOf(field) };
    if (!meta.title) throw new Error(`import-format: ${path} has no title, so it has no column header`);
    const column: ImportColumn = { path, header: meta.title, kind: 'text', required: required && !optional, ...(meta.description ? { description: meta.description } : {}) };
    const rule: ColumnRule = { column, textStyle: 'code', ...(group ? { group } : {}) };
    if (path === 'identityDocument.number') column.kind = 'identity';
    else if (inner instanceof z.ZodEnum) {
      const options = optionsOf(path, inner.options as string[]);
      Object.assign(column, { kind: 'choice', choices: Object.fromEntries(options) });
      Object.assign(rule, { options, spellings: spellingsOf(options) });
    } else if (inner instanceof z.ZodNumber) {
      column.kind = 'integer';
      Object.assign(rule, { min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined });
    } else if (inner instanceof z.ZodString) {
      const patterns = patternsOf(inner);
      if (patterns.includes(ISO_DATE_PATTERN)) column.kind = 'date';
      // a string with a format is a code (digits, telephone); without one it is written text
      else if (patterns.length === 0) rule.textStyle = key === 'name' ? 'name' : 'free';
      if (inner.maxLength !== null) rule.maxLength = inner.maxLength;
    }
    return [rule];
  });
}

const RULES = walk(IntakeSchema.shape, '', true, undefined);
const RULE_BY_PATH = new Map(RULES.map((r) => [r.column.path, r]));

/** The columns of the import file, in template order, generated from `IntakeSchema`. */
export const IMPORT_COLUMNS: ImportColumn[] = RULES.map((r) => r.column);

// ---------------------------------------------------------------------------------------------------------------
// Cell → value, one kind at a time

type Converted = { ok: true; value: unknown } | { ok: false; code: string; message: Text };

const fail = (code: string, en: string, zh: string): Converted => ({ ok: false, code, message: { en, zh } });

const named = (c: ImportColumn) => `${c.header} (${c.path})`;

function dateAdvice(column: ImportColumn): Text {
  const example = EXAMPLES[column.path] ?? '2010-03-05';
  return { en: `write it as YYYY-MM-DD, e.g. ${example}`, zh: `请按 YYYY-MM-DD 格式填写，例如 ${example}` };
}

function fromParts(year: string, month: string, day: string, column: ImportColumn): Converted {
  const iso = calendarDate(year + month.padStart(2, '0') + day.padStart(2, '0'));
  if (iso) return { ok: true, value: iso };
  const advice = dateAdvice(column);
  return fail('not_a_calendar_date', `${named(column)} is not a real calendar date (no such month or day); check it and ${advice.en}`, `「${column.header}」不是有效的日期（没有这个月或这一天），请核对后${advice.zh}`);
}

/** Days from 1899-12-30: Excel's 1900 system counts a 29 February 1900 that never was, so serials from 61 on are one too high. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A5, A8.2: unambiguous forms are normalised to YYYY-MM-DD; day-and-month-first forms are refused, since 03/05/2010
 * is 5 March to one registrar and 3 May to another. Serials below 61 (January–February 1900) are no student's date.
 */
function toDate(value: unknown, column: ImportColumn): Converted {
  const advice = dateAdvice(column);
  const unknown = () => fail('invalid_date', `${named(column)} is not a date in a recognised form; ${advice.en}`, `「${column.header}」无法识别为日期，${advice.zh}`);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? unknown() : { ok: true, value: isoDate(value) };
  if (typeof value === 'number') {
    const whole = Math.floor(value);
    if (whole >= 19_000_101 && whole <= 99_991_231) return fromParts(String(whole).slice(0, 4), String(whole).slice(4, 6), String(whole).slice(6), column);
    if (whole >= 61 && whole <= 99_999) return { ok: true, value: isoDate(new Date(EXCEL_EPOCH + whole * DAY_MS)) };
    return unknown();
  }
  if (typeof value !== 'string') return unknown();
  // Excel writes a date-time cell to CSV as 2010/3/5 0:00
  const text = compact(clean(value, true).trim().replace(/(\s+|T)0?0:00(:00(\.0+)?)?Z?$/, ''));
  const match =
    /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/.exec(text) ??
    /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日?$/.exec(text) ??
    /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/.exec(text);
  if (match?.groups) return fromParts(match.groups.y!, match.groups.m!, match.groups.d!, column);
  if (/^\d{5}$/.test(text)) return toDate(Number(text), column);
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(text) || /^\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text))
    return fail(
      'ambiguous_date',
      `${named(column)} is ambiguous: in a form like 03/05/2010 the day and the month cannot be told apart; ${advice.en}`,
      `「${column.header}」写法有歧义：形如 03/05/2010 的日期分不清是3月5日还是5月3日，${advice.zh}`,
    );
  return unknown();
}

function toInteger(value: unknown, rule: ColumnRule): Converted {
  const { column, min, max } = rule;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.0+)?年?$/.test(compact(value)) ? parseFloat(compact(value)) : NaN;
  if (Number.isInteger(number)) return { ok: true, value: number };
  const range = min !== undefined && max !== undefined ? { en: ` from ${min} to ${max}`, zh: ` ${min}–${max} 之间的` } : { en: '', zh: '' };
  const example = EXAMPLES[column.path] ?? String(min ?? 1);
  return fail('not_integer', `${named(column)} must be a whole number${range.en}, e.g. ${example}`, `「${column.header}」应填写${range.zh}整数，例如 ${example}`);
}

function toChoice(value: unknown, rule: ColumnRule): Converted {
  const { column, spellings, options } = rule;
  let key = compact(cellText(value)).toLowerCase();
  const codeWidth = options?.[0]?.[0].length ?? 0;
  // a code typed into a General cell loses its leading zero: 1 for 01
  if (/^\d+$/.test(key) && options?.every(([code]) => /^\d+$/.test(code) && code.length === codeWidth)) key = key.padStart(codeWidth, '0');
  const code = spellings?.get(key);
  if (code !== undefined) return { ok: true, value: code };
  const labels = (options ?? []).map(([, label]) => label);
  if (labels.length <= LIST_IN_MESSAGE)
    return fail(
      'not_in_list',
      `${named(column)} is not one of the allowed values; choose from the drop-down list: ${(options ?? []).map(([c, l]) => `${l} (${c})`).join(', ')}`,
      `「${column.header}」的值不在可选范围内，请从下拉列表中选择：${labels.join('、')}`,
    );
  return fail(
    'not_in_list',
    `${named(column)} is not one of the ${labels.length} allowed values; choose from the template's drop-down list, or see the full list with codes on the template's 填写说明 (instructions) sheet`,
    `「${column.header}」的值不在可选范围内，请从模板的下拉列表中选择，完整列表及代码见模板的“${INSTRUCTIONS_SHEET}”工作表（如 ${labels.slice(0, 3).join('、')}）`,
  );
}

/** Excel keeps 15 significant digits; an 18-digit number typed into a number cell has lost its last ones. */
const EXCEL_DIGITS = 1e15;

function toIdentityNumber(value: unknown, column: ImportColumn): Converted {
  if (typeof value === 'number' && Math.abs(value) >= EXCEL_DIGITS)
    return fail(
      'excel_lost_digits',
      `Excel stored ${named(column)} as a number and keeps only 15 significant digits, so its last digits are lost (they show as 000 or as 5.3E+17) and cannot be recovered; set the column's cell format to Text (文本) and re-enter the numbers from the documents`,
      `「${column.header}」被 Excel 存成了数字：Excel 只保留 15 位有效数字，后几位已丢失（显示为 000 或 5.3E+17），无法恢复。请将该列的单元格格式设置为“文本”，再按证件重新录入号码`,
    );
  return { ok: true, value: normaliseDocumentNumber(cellText(value)) };
}

function convert(rule: ColumnRule, value: unknown): Converted {
  switch (rule.column.kind) {
    case 'identity':
      return toIdentityNumber(value, rule.column);
    case 'date':
      return toDate(value, rule.column);
    case 'integer':
      return toInteger(value, rule);
    case 'choice':
      return toChoice(value, rule);
    case 'text':
      return { ok: true, value: normaliseText(cellText(value), rule.textStyle) };
  }
}

function requiredError(rule: ColumnRule): ImportError {
  const { column, group } = rule;
  const base = { column: column.header, path: column.path, code: 'required' };
  if (!group) return { ...base, message: { en: `${named(column)} is required; fill it in`, zh: `「${column.header}」为必填项，请填写` } };
  const together = RULES.filter((r) => r.group === group).map((r) => r.column.header);
  return {
    ...base,
    message: {
      en: `${named(column)} is required once any of ${together.join(', ')} is filled in: fill it in, or leave all of them empty`,
      zh: `填写了${together.join('、')}中的任一项时，「${column.header}」也必须填写：请补全，或将这几列都留空`,
    },
  };
}

/** zod's own words for a length or a range ("期望 string >=2 字符") become the column's limits in the registrar's terms. */
function sizeMessage(issue: z.core.$ZodIssue, rule: ColumnRule | undefined): Text | undefined {
  if (!rule || (issue.code !== 'too_small' && issue.code !== 'too_big')) return undefined;
  const { column } = rule;
  if (issue.origin === 'number' && rule.min !== undefined && rule.max !== undefined)
    return { en: `${named(column)} must be from ${rule.min} to ${rule.max}`, zh: `「${column.header}」应为 ${rule.min}–${rule.max} 之间的整数` };
  if (issue.origin !== 'string') return undefined;
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  return issue.code === 'too_small'
    ? { en: `${named(column)} must have at least ${limit} characters; check it`, zh: `「${column.header}」至少应有 ${limit} 个字，请核对` }
    : { en: `${named(column)} must have at most ${limit} characters; shorten it`, zh: `「${column.header}」不能超过 ${limit} 个字，请删减` };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], source);
}

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
const COLUMN_ORDER = new Map(IMPORT_COLUMNS.map((c, i) => [c.path, i]));
const ROW = 'row';

/**
 * A5, A8.2: one spreadsheet row (header → raw cell value) → the intake record, or every problem of the row at once:
 * the cell conversions, the schema, and the identity document against the declared birth date and sex. A problem
 * already reported on a field hides the schema's and the identity check's consequential ones on it.
 */
export function rowToIntake(values: Record<string, unknown>): { ok: true; intake: Intake } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const record: Record<string, unknown> = {};
  const filledGroups = new Set(RULES.filter((r) => r.group && !isEmpty(values[r.column.header])).map((r) => r.group));
  for (const rule of RULES) {
    const { column } = rule;
    const raw = values[column.header];
    if (isEmpty(raw)) {
      if (column.required || (rule.group && filledGroups.has(rule.group))) errors.push(requiredError(rule));
      continue;
    }
    const converted = convert(rule, raw);
    if (converted.ok) setPath(record, column.path, converted.value);
    else errors.push({ column: column.header, path: column.path, code: converted.code, message: converted.message });
  }
  const reported = () => errors.map((e) => e.path);
  const fresh = (path: string) => !reported().some((p) => overlaps(p, path));
  const toImportError = (path: string, code: string, message: Text): ImportError => ({
    column: RULE_BY_PATH.get(path)?.column.header ?? path,
    path,
    code,
    message,
  });

  const type = getPath(record, 'identityDocument.type') as DocumentType | undefined;
  if (type !== undefined) {
    const identity = validateIdentityDocument(
      { type, number: getPath(record, 'identityDocument.number') as string | undefined, issuingCountry: getPath(record, 'identityDocument.issuingCountry') as string | undefined },
      // a missing or faulty birth date or sex is already reported; the mismatches it causes are dropped below
      { birthDate: (record.birthDate as string | undefined) ?? '', sex: (record.sex as Sex | undefined) ?? 'male' },
    );
    if (!identity.ok) errors.push(...identity.errors.filter((e) => fresh(e.field)).map((e) => toImportError(e.field, e.code, e.message)));
  }

  const parsed = IntakeSchema.safeParse(record, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const schemaErrors = fieldErrors(ROW, issues).map((e, i) => {
      const path = e.field.slice(ROW.length + 1);
      return toImportError(path, e.code, sizeMessage(issues[i]!, RULE_BY_PATH.get(path)) ?? e.message);
    });
    errors.push(...schemaErrors.filter((e) => fresh(e.path)));
  }
  if (errors.length > 0 || !parsed.success) {
    const order = (e: ImportError) => COLUMN_ORDER.get(e.path) ?? IMPORT_COLUMNS.length;
    return { ok: false, errors: errors.sort((a, b) => order(a) - order(b)) };
  }
  return { ok: true, intake: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading files

/**
 * exceljs and its dependencies take ~250 ms to load: loaded on first use, so the functions that only manage jobs
 * or register rows (the same module graph) start without it (BENCHMARKS.md, figure 4).
 */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

/** Headers as typed: spaces anywhere (also full-width and non-breaking), full-width ／ in 国籍/地区. */
const HEADER_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [compact(c.header), c.header]));

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value ?? undefined;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result ?? null);
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return undefined;
}

/**
 * RFC 4180 as Excel writes it: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR.
 * A quote inside an unquoted field is kept as a character, as Excel reads it.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStart = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (!fieldStart || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** UTF-8 (a BOM is dropped by the decoder), else GB18030, a superset of the GBK that Excel on Chinese Windows writes. */
function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

/**
 * The first worksheet, read as a stream: row by row, never the whole workbook in memory — loading a 20,000-row file
 * whole took ~400 MB (BENCHMARKS.md, figure 6). Styles are read, so that date-formatted cells come as dates.
 */
async function sheetCells(content: Buffer): Promise<{ header: unknown[]; rows: { rowNumber: number; cells: unknown[] }[] }> {
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([content]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const rows: { rowNumber: number; cells: unknown[] }[] = [];
  let header: unknown[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const cells: unknown[] = [];
      row.eachCell((cell, col) => (cells[col - 1] = plainValue(cell.value)));
      if (row.number === 1) header = cells;
      else if (cells.length) rows.push({ rowNumber: row.number, cells });
    }
    break;
  }
  return { header, rows };
}

/**
 * A5: the first worksheet (XLSX) or the CSV records, the first row being the header. Values are keyed by header —
 * the template's spelling where the header is one of its columns — and kept as the file gives them (strings,
 * numbers, dates); empty cells and empty rows are left out. A header that appears twice is read from its first column.
 */
export async function parseImportFile(content: Buffer, format: 'xlsx' | 'csv'): Promise<ParsedFile> {
  let header: unknown[];
  let rows: { rowNumber: number; cells: unknown[] }[];
  if (format === 'xlsx') ({ header, rows } = await sheetCells(content));
  else {
    const [first = [], ...rest] = parseCsv(decodeCsv(content));
    header = first;
    rows = rest.map((cells, i) => ({ rowNumber: i + 2, cells }));
  }

  const columns: { index: number; header: string }[] = [];
  const seen = new Set<string>();
  const unknownHeaders: string[] = [];
  header.forEach((cell, index) => {
    if (isEmpty(cell)) return;
    const typed = compact(cellText(cell));
    const name = HEADER_BY_KEY.get(typed) ?? typed;
    if (seen.has(name)) return;
    seen.add(name);
    columns.push({ index, header: name });
    if (!HEADER_BY_KEY.has(typed)) unknownHeaders.push(name);
  });

  const parsedRows: ParsedFile['rows'] = [];
  for (const { rowNumber, cells } of rows) {
    const values: Record<string, unknown> = {};
    for (const { index, header: name } of columns) if (!isEmpty(cells[index])) values[name] = cells[index];
    if (Object.keys(values).length > 0) parsedRows.push({ rowNumber, values });
  }
  return {
    rows: parsedRows,
    unknownHeaders,
    missingHeaders: IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.header)).map((c) => c.header),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing files

/** exceljs writes worksheet-level data validations over a range, but its typings omit them. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Column width in Excel's units: a CJK character is two. */
function displayWidth(text: string): number {
  return [...text].reduce((w, c) => w + (/[\u2E80-\uFFEF]/.test(c) ? 2 : 1), 0);
}

function columnWidth(rule: ColumnRule): number {
  const { column } = rule;
  const content =
    column.kind === 'identity' ? 20
    : column.kind === 'date' ? 12
    : column.kind === 'choice' ? Math.min(24, Math.max(8 /* room for the drop-down arrow */, ...(rule.options ?? []).map(([, l]) => displayWidth(l))))
    : (rule.maxLength ?? 0) > 100 ? 40
    : 14;
  return Math.max(content, displayWidth(column.header)) + 2;
}

function requirement(rule: ColumnRule): string {
  if (rule.column.required) return '是';
  if (!rule.group) return '否';
  const together = RULES.filter((r) => r.group === rule.group).map((r) => r.column.header);
  return `填写${together.join('、')}中任一项时必填`;
}

function formatNote(rule: ColumnRule): string {
  const { column } = rule;
  switch (column.kind) {
    case 'identity':
      return `文本。居民身份证、港澳台居民居住证为18位（最后一位可为 X），其他证件按证件填写；证件类型为“${DOCUMENT_TYPE_LABELS.none}”时不填。本列已设为文本格式：切勿改为数字格式，否则 Excel 会丢失号码后几位`;
    case 'date':
      return '日期，格式 YYYY-MM-DD';
    case 'integer':
      return rule.min !== undefined && rule.max !== undefined ? `整数，${rule.min}–${rule.max}` : '整数';
    case 'choice':
      return `从下拉列表中选择，也可填写代码：${(rule.options ?? []).map(([code, label]) => `${label}（${code}）`).join('、')}`;
    case 'text':
      return rule.maxLength !== undefined ? `文本，不超过 ${rule.maxLength} 个字` : '文本';
  }
}

const INSTRUCTIONS = [
  `1. 在“${DATA_SHEET}”工作表中从第2行起每行填写一名学生，不要修改、删除第1行的列名，也不要在第1行之上插入行。`,
  '2. 证件号码、日期和代码列已设为文本格式。从其他表格复制时请用“选择性粘贴 → 数值”，以免带入数字格式；证件号码一旦被存成数字，后几位就丢失了。',
  '3. 日期一律按 YYYY-MM-DD 填写，例如 2010-03-05；03/05/2010 这类写法分不清月和日，不予导入。',
  '4. 也可以另存为 CSV（UTF-8 或 GBK 编码均可）后上传，列名不变。',
];

/** A5: the template schools download. The data sheet has only the header row: any other row would be imported. */
export async function buildTemplate(): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  // every column but the integers is text, so Excel keeps ID numbers, dates and codes (01) exactly as typed
  sheet.columns = RULES.map((rule) => ({
    header: rule.column.header,
    key: rule.column.path,
    width: columnWidth(rule),
    style: rule.column.kind === 'integer' ? {} : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };

  let listColumn = 0;
  RULES.forEach((rule, i) => {
    if (!rule.options) return;
    const list = lists.getColumn(++listColumn);
    rule.options.forEach(([, label], r) => (lists.getCell(r + 1, listColumn).value = label));
    const letter = sheet.getColumn(i + 1).letter;
    // a list of 58 labels is longer than the 255 characters an inline list may have, so every list is a range
    (sheet as unknown as WithDataValidations).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${list.letter}$1:$${list.letter}$${rule.options.length}`],
      showErrorMessage: true,
      errorTitle: rule.column.header,
      error: `请从下拉列表中选择${rule.column.header}`,
    });
  });

  instructions.columns = [
    { header: '列名', width: 24 },
    { header: '是否必填', width: 18 },
    { header: '格式与可选值', width: 80 },
    { header: '示例', width: 22 },
  ];
  for (const rule of RULES)
    instructions.addRow([rule.column.header, requirement(rule), formatNote(rule), EXAMPLES[rule.column.path] ?? rule.options?.[0]?.[1] ?? '']);
  instructions.addRow([]);
  for (const line of INSTRUCTIONS) instructions.addRow([line]);
  instructions.getRow(1).font = { bold: true };
  instructions.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A5: the error report a school gets back — one line per problem, identity numbers masked by the caller (A24). */
export async function buildErrorReport(
  rows: { rowNumber: number; name?: string; maskedDocumentNumber?: string; errors: { column: string; message: Text }[] }[],
): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('导入错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', width: 8 },
    { header: '姓名', width: 14 },
    { header: '证件号', width: 22 },
    { header: '列', width: 20 },
    { header: '问题', width: 80 },
    { header: 'Problem', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of [...rows].sort((a, b) => a.rowNumber - b.rowNumber))
    for (const error of row.errors)
      sheet.addRow([row.rowNumber, row.name ?? '', row.maskedDocumentNumber ?? '', error.column, error.message.zh, error.message.en]);
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
