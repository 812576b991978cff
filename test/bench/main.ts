import 'core-js/actual/promise/with-resolvers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureColdStart } from './cold-start.js';
import { costModel } from './cost-model.js';
import { measureImport } from './import.js';
import { measureIntake } from './intake.js';
import { render } from './report.js';
import { startBenchStack } from './stack.js';
import { measureWorkflow } from './workflow.js';
import { measureWriteCost } from './write-cost.js';

/**
 * `npm run bench [-- options]`: every figure of BENCHMARKS.md, measured side by side on this machine.
 *   --quick              a smoke run of every figure at tiny sizes (what CI runs)
 *   --students <n>       figure 1: new students per path (default 20000; up to 265000)
 *   --concurrency <n>    figure 1: requests in flight (default 16)
 *   --rounds <n>         figure 1: interleaved rounds (default 5)
 *   --import-rows <n>    figure 6: rows of the XLSX (default 20000)
 *   --only <list>        comma-separated figures to run, e.g. 1,4
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    students: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string' },
    'import-rows': { type: 'string' },
    only: { type: 'string' },
  },
});
const quick = values.quick;
const int = (value: string | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`✖ --${name} must be a whole number from 1 to ${max}, not "${value}"`);
    process.exit(2);
  }
  return n;
};
const settings = {
  students: int(values.students, quick ? 300 : 20_000, 'students', 265_000),
  concurrency: int(values.concurrency, 16, 'concurrency', 256),
  rounds: int(values.rounds, quick ? 2 : 5, 'rounds', 50),
  importRows: int(values['import-rows'], quick ? 50 : 20_000, 'import-rows', 100_000),
  coldStartRuns: quick ? 1 : 5,
  workflowCases: quick ? 1 : 5,
  writeCostImportRows: quick ? 10 : 100,
};
const figures = new Set((values.only ?? '1,2,3,4,5,6').split(',').map((f) => f.trim()));
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

const startedAt = new Date();
const results: Record<string, unknown> = {
  date: startedAt.toISOString(),
  quick,
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  settings,
};

if (figures.has('4')) {
  log('figure 4: bundling every function and loading each in fresh processes…');
  results.coldStart = await measureColdStart({ runs: settings.coldStartRuns, handlers: quick ? ['authorizer', 'registrations/submit', 'imports/prepare'] : undefined });
}

if (['1', '2', '3', '5', '6'].some((f) => figures.has(f))) {
  log('starting the local stack (DynamoDB Local in memory, API, Step Functions host)…');
  const stack = await startBenchStack();
  const stopOnSignal = (signal: NodeJS.Signals) => void stack.stop().finally(() => process.kill(process.pid, signal));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    if (figures.has('2') || figures.has('3')) {
      log('figure 2: capacity units per operation…');
      results.writeCost = await measureWriteCost(stack, { importRows: settings.writeCostImportRows });
    }
    if (figures.has('5') || figures.has('3')) {
      log(`figure 5: ${settings.workflowCases} transfer case(s), every decision at once…`);
      results.workflow = await measureWorkflow(stack, { cases: settings.workflowCases });
    }
    if (figures.has('3')) {
      const ops = results.writeCost as Parameters<typeof costModel>[0]['submission'][];
      results.costModel = costModel({
        students: 265_000,
        submission: ops[0]!,
        approval: ops[1]!,
        verification: ops[2]!,
        transfer: ops[4]!,
        workflow: results.workflow as never,
        casesPerStudent: 0.05,
      });
    }
    if (figures.has('6')) {
      log(`figure 6: importing a ${settings.importRows}-row XLSX…`);
      results.import = await measureImport(stack, { rows: settings.importRows });
    }
    if (figures.has('1')) {
      log(`figure 1: ${settings.students} registrations per path at concurrency ${settings.concurrency}, ${settings.rounds} rounds…`);
      results.intake = await measureIntake(stack, { students: settings.students, concurrency: settings.concurrency, rounds: settings.rounds, batchSize: 100 });
    }
  } finally {
    await stack.stop();
  }
}
results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const name = quick ? 'quick' : startedAt.toISOString().slice(0, 19).replaceAll(':', '-');
const markdown = render(results as never);
writeFileSync(new URL(`${name}.json`, dir), JSON.stringify(results, null, 2));
writeFileSync(new URL(`${name}.md`, dir), markdown);
console.log(`\n${markdown}\nResults: test/bench/results/${name}.json (and .md), ${results.seconds} s`);
