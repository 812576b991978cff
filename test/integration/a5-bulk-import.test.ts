import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { checkCharacter } from '../../shared/students/identity-document.js';
import { call, token } from '../support/api.js';

/**
 * The autumn spike as a school's vendor meets it: download the template, fill 20,000 rows (a few of them wrong in
 * the ways registrars get them wrong), upload, start, watch the progress, read the error report.
 */
const ROWS = 20_000;
// a region code no other test uses, so these identities never collide with theirs; and a school whose supervising
// authority's review queue no other test reads (20,000 registrations would crowd it)
const REGION = '532501';

function identity(i: number): { number: string; birthDate: string } {
  const day = new Date(Date.UTC(2009, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
  const body = `${REGION}${day.replaceAll('-', '')}${String(Math.floor(i / 1000) * 2 + 1).padStart(3, '0')}`;
  return { number: body + checkCharacter(body), birthDate: day };
}

async function buildFile(rows: (i: number, row: Record<string, unknown>) => Record<string, unknown>, count: number): Promise<{ buffer: Buffer; headers: string[] }> {
  const template = await fetch(`${inject('apiUrl')}/registrations/import-template`, { headers: { authorization: `Bearer ${token('kunming-school-registrar')}` } });
  expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await template.arrayBuffer()) as never);
  const headers = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
  const out = new ExcelJS.Workbook();
  const sheet = out.addWorksheet('新生信息');
  sheet.addRow(headers);
  for (let i = 0; i < count; i++) {
    const { number, birthDate } = identity(i);
    const base: Record<string, unknown> = {
      姓名: `学生${i}`, 性别: '男', 出生日期: birthDate, 民族: '汉族', 身份证件类型: '居民身份证', 身份证件号: number,
      入学日期: '2026-09-01', 入学季节: '秋季', 入学年份: 2026, 专业代码: '710201', 专业名称: '计算机应用', 学制: 3,
      学习形式: '全日制', 学生类别: '应届初中毕业生', 招生方式: '统一招生',
    };
    const row = rows(i, base);
    sheet.addRow(headers.map((h) => row[h] ?? null));
  }
  return { buffer: Buffer.from(await out.xlsx.writeBuffer()), headers };
}

async function runImport(buffer: Buffer, fileName: string, onProgress?: (processed: number) => void) {
  const created = await call('POST', '/imports', { as: 'kunming-school-registrar', body: { fileName, format: 'xlsx', sizeBytes: buffer.length } });
  expect(created.status).toBe(201);
  const { job, upload } = created.body;
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: buffer });
  expect(put.status).toBe(200);
  const started = await call('POST', `/imports/${job.jobId}/start`, { as: 'kunming-school-registrar' });
  expect(started.status).toBe(202);
  for (;;) {
    const current = await call('GET', `/imports/${job.jobId}`, { as: 'kunming-school-registrar' });
    onProgress?.(current.body.processed);
    if (current.body.status === 'completed' || current.body.status === 'failed') return current.body;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function readReport(url: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await (await fetch(url)).arrayBuffer()) as never);
  const sheet = workbook.worksheets[0]!;
  const lines: string[][] = [];
  sheet.eachRow((row, n) => n > 1 && lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return lines;
}

describe('bulk import (A5–A9, the intake spike)', () => {
  it('A5 / A8.2 / A9: a 20,000-row XLSX is registered in parallel chunks, with progress, and a report of exactly the planted bad rows', async () => {
    const planted = new Map<number, (row: Record<string, unknown>) => void>([
      [10, (r) => (r['身份证件号'] = Number(String(r['身份证件号']).slice(0, 17)) * 10)], // Excel turned it into a number
      [20, (r) => (r['身份证件号'] = '5.32501E+17')],
      [30, (r) => (r['出生日期'] = '03/05/2010')],
      [40, (r) => (r['民族'] = '火星族')],
      [50, (r) => (r['学习形式'] = '函授')],
      [60, (r) => (r['姓名'] = null)],
      [70, (r) => Object.assign(r, { 身份证件号: identity(69).number, 出生日期: identity(69).birthDate })], // the person of index 69 again
    ]);
    const { buffer } = await buildFile((i, row) => (planted.get(i)?.(row), row), ROWS);
    const seen: number[] = [];
    const job = await runImport(buffer, '2026级新生.xlsx', (p) => seen.push(p));
    expect(job).toMatchObject({ status: 'completed', totalRows: ROWS, processed: ROWS, created: ROWS - planted.size, failed: planted.size });
    expect(seen.some((p) => p > 0 && p < ROWS), 'progress was visible while it ran').toBe(true);

    const report = await readReport(job.reportUrl);
    const rowsInReport = [...new Set(report.map((line) => Number(line[0])))].sort((a, b) => a - b);
    // spreadsheet rows: header is row 1, index i is row i + 2
    expect(rowsInReport).toEqual([...planted.keys()].map((i) => i + 2));
    const text = report.map((l) => l.join(' | ')).join('\n');
    expect(text).toMatch(/12 \|.*身份证件号.*文本/);
    expect(text).toMatch(/出生日期.*YYYY-MM-DD/);
    expect(text).toMatch(/民族/);
    // A7 / A9: the later of two rows naming one person is refused, pointing at the earlier one
    expect(text).toMatch(/72 \|.*本文件第 71 行是同一人/);
    expect(text).not.toMatch(new RegExp(identity(1).number));
  }, 600_000);

  it('A9: importing the same file again creates no duplicates', async () => {
    const { buffer } = await buildFile((i, row) => ({ ...row, 身份证件号: identity(ROWS + i).number, 出生日期: identity(ROWS + i).birthDate }), 30);
    const first = await runImport(buffer, 'again.xlsx');
    expect(first).toMatchObject({ status: 'completed', created: 30, failed: 0 });
    const second = await runImport(buffer, 'again.xlsx');
    expect(second).toMatchObject({ status: 'completed', created: 0, failed: 30 });
  }, 120_000);

  it('a file without the template’s columns fails as a whole, saying which are missing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['name', 'id']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const job = await runImport(buffer, 'wrong.xlsx');
    expect(job.status).toBe('failed');
    expect(job.fileErrors[0].zh).toContain('缺少以下列');
  }, 60_000);
});
