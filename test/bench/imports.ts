import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../shared/students/import-format.js';
import type { Api } from './stack.js';
import { personAt, reservePeople } from './people.js';

/**
 * A school vendor's file: the template's columns (the same list the template is built from), `rows` new students.
 * Built in a child process, so that building it leaves nothing in this process's memory (figure 6 measures that),
 * and waited for asynchronously: the local stack serves from this process, and a blocked event loop lets its idle
 * keep-alive connections be closed under the next request (ECONNRESET).
 */
export async function buildImportFile(rows: number): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-import-'));
  try {
    const file = join(dir, 'import.xlsx');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(reservePeople(rows)), String(rows), file]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function writeImportFile(first: number, rows: number, file: string): Promise<void> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('新生信息');
  sheet.addRow(headers);
  for (let i = 0; i < rows; i++) {
    const p = personAt(first + i);
    const row: Record<string, unknown> = {
      姓名: p.name, 性别: p.sex === 'male' ? '男' : '女', 出生日期: p.birthDate, 民族: '汉族', 身份证件类型: '居民身份证', 身份证件号: p.identityNumber,
      入学日期: '2026-09-01', 入学季节: '秋季', 入学年份: 2026, 专业代码: '710201', 专业名称: '计算机应用', 学制: 3,
      学习形式: '全日制', 学生类别: '应届初中毕业生', 招生方式: '统一招生',
    };
    sheet.addRow(headers.map((h) => row[h] ?? null));
  }
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [first, rows, file] = process.argv.slice(2);
  await writeImportFile(Number(first), Number(rows), file!);
}

export interface ImportOutcome {
  jobId: string;
  status: string;
  created: number;
  failed: number;
  seconds: number;
}

type JobStatus = { status: string; created: number; failed: number };

/**
 * Upload URL, PUT, start, then poll until the job ends — as a vendor's client does. `status` replaces the polling
 * GET when its reads must not be counted.
 */
export async function runImport(api: Api, token: string, file: Buffer, status?: (jobId: string) => Promise<JobStatus>): Promise<ImportOutcome> {
  const poll = status ?? (async (jobId: string) => (await api<JobStatus>('GET', `/imports/${jobId}`, { token })).body);
  const created = await api('POST', '/imports', { token, body: { fileName: 'bench.xlsx', format: 'xlsx', sizeBytes: file.length } });
  if (created.status !== 201) throw new Error(`POST /imports: ${created.status} ${JSON.stringify(created.body)}`);
  const { job, upload } = created.body;
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  const started = performance.now();
  const start = await api('POST', `/imports/${job.jobId}/start`, { token });
  if (start.status !== 202) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
  for (;;) {
    const current = await poll(job.jobId);
    if (current.status === 'completed' || current.status === 'failed') {
      return { jobId: job.jobId, status: current.status, created: current.created, failed: current.failed, seconds: (performance.now() - started) / 1000 };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
