import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseImportFile, rowToIntake } from '../../shared/students/import-format.js';

/**
 * Figure 6, the import's prepare step on its own, in a fresh process (the child this module runs as): read and
 * validate every row of the file, as the workflow's first task does. Prints its resident-set figures as JSON.
 */
async function main(file: string) {
  const content = readFileSync(file);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const parsed = await parseImportFile(content, 'xlsx');
  const valid = parsed.rows.filter((row) => rowToIntake(row.values).ok).length;
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ rows: parsed.rows.length, valid, seconds, rssBeforeBytes: before, peakRssBytes: peak }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2]!);
