import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildImportFile, runImport } from './imports.js';
import { round } from './stats.js';
import type { BenchStack } from './stack.js';

/**
 * Figure 6: a 20,000-row XLSX through the whole import — upload, the workflow's prepare step (read and validate the
 * file), its parallel chunks, the report — timed from start to `completed`. The workflow's tasks run in this process
 * (the local Step Functions host calls the handler modules), so peak memory is this process's resident set, sampled
 * every 50 ms, above what it held before the import started. The prepare step — the one that holds the whole file —
 * is also run alone in a fresh process, where its peak is its own.
 */
export interface ImportResult {
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  created: number;
  failed: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakAboveBaselineMb: number;
  prepareAlone: { seconds: number; rssBeforeMb: number; peakRssMb: number };
}

export async function measureImport(stack: BenchStack, options: { rows: number }): Promise<ImportResult> {
  const file = await buildImportFile(options.rows);
  const mb = (bytes: number) => round(bytes / 1024 / 1024);
  const alone = await prepareAlone(file);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    stack.meter.enabled = false;
    const outcome = await runImport(stack.api, stack.token('kunming-school-registrar'), file);
    if (outcome.status !== 'completed') throw new Error(`the import ended ${outcome.status}`);
    return {
      rows: options.rows,
      fileMb: mb(file.length),
      seconds: round(outcome.seconds),
      rowsPerSecond: round(options.rows / outcome.seconds),
      created: outcome.created,
      failed: outcome.failed,
      rssBeforeMb: mb(before),
      peakRssMb: mb(peak),
      peakAboveBaselineMb: mb(peak - before),
      prepareAlone: { seconds: round(alone.seconds), rssBeforeMb: mb(alone.rssBeforeBytes), peakRssMb: mb(alone.peakRssBytes) },
    };
  } finally {
    clearInterval(sampler);
    stack.meter.enabled = true;
  }
}

/** Waited for asynchronously, like the file's build (see `buildImportFile`). */
async function prepareAlone(file: Buffer): Promise<{ seconds: number; rssBeforeBytes: number; peakRssBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-prepare-'));
  try {
    writeFileSync(join(dir, 'import.xlsx'), file);
    const script = fileURLToPath(new URL('./parse-file.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script, join(dir, 'import.xlsx')], { encoding: 'utf8' });
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
