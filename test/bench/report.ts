import type { ColdStartResult } from './cold-start.js';
import type { CostModel } from './cost-model.js';
import type { ImportResult } from './import.js';
import type { IntakeResult } from './intake.js';
import { median } from './stats.js';
import type { WorkflowResult } from './workflow.js';
import type { OperationCost } from './write-cost.js';

/** The results as the Markdown tables BENCHMARKS.md quotes, each figure beside its target. */
export interface Results {
  date: string;
  quick: boolean;
  machine: { cores: number; cpu?: string; memoryGb: number; node: string };
  settings: Record<string, number>;
  seconds: number;
  intake?: IntakeResult;
  writeCost?: OperationCost[];
  costModel?: CostModel;
  coldStart?: ColdStartResult;
  workflow?: WorkflowResult;
  import?: ImportResult;
}

const TARGETS = { ratio: 0.7, finalWriteWcu: 6, intakeUsd: 2, bundleKb: 300, initMs: 100 };
const verdict = (met: boolean) => (met ? '**met**' : '**missed**');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const n = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

export function render(r: Results): string {
  const out: string[] = [
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC${r.quick ? ' (--quick: sizes too small to mean anything)' : ''} · ${r.machine.cores} cores (${r.machine.cpu ?? '?'}) · ${r.machine.memoryGb} GiB · Node ${r.machine.node} · ${r.seconds} s`,
  ];
  if (r.intake) {
    const i = r.intake;
    out.push(
      `### 1. Intake throughput — ${n(i.options.students, 0)} registrations per path, concurrency ${i.options.concurrency}, median of ${i.options.rounds} interleaved rounds`,
      table(
        ['path', 'registrations/s (median)', 'per round', 'p50 ms', 'p99 ms', 'latency of', 'writes in flight'],
        i.paths.map((p) => [p.path, n(p.perSecond), p.rounds.join(' · '), n(p.p50Ms), n(p.p99Ms), p.latencyOf, p.concurrency]),
      ),
      `Ratio API ÷ raw: single requests **${i.ratios.singleToRaw}**, batch **${i.ratios.batchToRaw}** — target ≥ ${TARGETS.ratio}: single ${verdict(i.ratios.singleToRaw >= TARGETS.ratio)}, batch ${verdict(i.ratios.batchToRaw >= TARGETS.ratio)}.`,
    );
  }
  if (r.writeCost) {
    const final = r.writeCost.find((o) => o.operation.includes('final write'));
    out.push(
      '### 2. Write cost — capacity units per operation (ReturnConsumedCapacity on every call)',
      table(
        ['operation', 'WCU', 'as DynamoDB Local reports', 'by table / index', 'RCU', 'calls'],
        r.writeCost.map((o) => [
          o.operation + (o.per ? ` (${o.per})` : ''),
          n(o.wcu, 2),
          n(o.reportedWcu, 2),
          Object.entries(o.wcuByTarget).map(([k, v]) => `${k} ${n(v, 2)}`).join(', '),
          n(o.rcu, 2),
          Object.entries(o.byCommand).map(([k, v]) => `${n(v.calls, 2)} ${k}`).join(', '),
        ]),
      ),
    );
    if (final?.items) {
      out.push(
        `The final write, item by item (sizes as DynamoDB bills them; in a transaction, 2 units per started KB):`,
        table(['action', 'item', 'bytes', 'table units', 'in indexes'], final.items.map((it) => [it.action, `\`${it.item}\``, it.bytes ?? '—', it.tableUnits, it.indexes.join(', ') || '—'])),
        `Index entries (keys only, 1 unit per entry written or removed, in a transaction too; DynamoDB Local reports 2): ${Object.entries(final.wcuByTarget).filter(([k]) => k !== 'table').map(([k, v]) => `${k} ${v}`).join(', ')}.`,
        `Final write: **${final.wcu} WCU** (DynamoDB Local reports ${final.reportedWcu}) — target ≤ ${TARGETS.finalWriteWcu}: ${verdict(final.wcu <= TARGETS.finalWriteWcu)}.`,
      );
    }
  }
  if (r.costModel) {
    const c = r.costModel;
    out.push(
      `### 3. Cloud cost of one year's intake — ${n(c.students, 0)} students`,
      table(['service', 'quantity', 'unit', 'US$'], c.lines.map((l) => [l.service, n(l.quantity, 0), l.unit, n(l.usd, 4)])),
      `Intake total: **US$${c.totalUsd}** (US$${c.perThousandStudentsUsd} per 1,000 students; US$${c.totalUsdAtReportedUnits} at the units DynamoDB Local reports) — target < US$${TARGETS.intakeUsd}: ${verdict(c.totalUsd < TARGETS.intakeUsd)}.`,
      `Beside it, not in the target: ${n(c.cases.cases, 0)} transfer-sized cases a year (${c.cases.perStudent} per student) would add US$${c.cases.totalUsd}.`,
      c.assumptions.map((a) => `- ${a}`).join('\n'),
    );
  }
  if (r.coldStart) {
    const { functions: cs, floor } = r.coldStart;
    const bundleMet = cs.filter((f) => f.bundleKb < TARGETS.bundleKb).length;
    const initMet = cs.filter((f) => f.initMs < TARGETS.initMs).length;
    const row = (f: typeof floor, samples = f.samples.join(' · ')) => [f.handler, n(f.bundleKb), n(f.sourceMapKb), n(f.initMs), n(f.initMs - floor.initMs), samples];
    const floorSamples = `${floor.samples.length}, one after each function: ${n(Math.min(...floor.samples))}–${n(Math.max(...floor.samples))}`;
    out.push(
      `### 4. Cold start — ${cs.length} functions, bundled as CDK bundles them; init = median of ${cs[0]?.samples.length ?? 0} fresh processes`,
      table(['function', 'bundle KB', 'source map KB', 'init ms', 'above floor ms', 'samples'], [...cs.map((f) => row(f)), row(floor, floorSamples)]),
      `Bundle < ${TARGETS.bundleKb} KB: ${bundleMet}/${cs.length} ${verdict(bundleMet === cs.length)}; init < ${TARGETS.initMs} ms: ${initMet}/${cs.length} ${verdict(initMet === cs.length)}. ` +
        `The floor — the DynamoDB clients alone, loaded between the functions — takes ${n(floor.initMs)} ms on this machine; ` +
        `the functions' median is ${n(median(cs.map((f) => f.initMs)))} ms, ${n(median(cs.map((f) => f.initMs)) - floor.initMs)} ms above it.`,
    );
  }
  if (r.workflow) {
    const w = r.workflow;
    out.push(
      `### 5. Workflow cost — a transfer case (A14.1), four parties, each deciding the moment its step opens (${w.cases} case${w.cases > 1 ? 's' : ''})`,
      table(
        ['state transitions', 'workflow Lambda invocations', 'API requests (× 2 invocations)', 'wall time, median s', 'per case s'],
        [[w.stateTransitions, w.workflowInvocations, `${w.apiRequests} (${w.apiInvocations})`, n(w.wallSecondsMedian, 2), w.wallSeconds.join(' · ')]],
      ),
      `States entered: ${Object.entries(w.statesEntered).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    );
  }
  if (r.import) {
    const i = r.import;
    out.push(
      `### 6. Import — a ${n(i.rows, 0)}-row XLSX (${i.fileMb} MB) end to end`,
      table(
        ['rows/s', 'seconds', 'created', 'failed', 'RSS before MB', 'peak RSS MB', 'peak above before MB'],
        [[n(i.rowsPerSecond), n(i.seconds), i.created, i.failed, i.rssBeforeMb, i.peakRssMb, i.peakAboveBaselineMb]],
      ),
      `The prepare step alone (read and validate every row), in a fresh process: ${i.prepareAlone.seconds} s, resident set ${i.prepareAlone.rssBeforeMb} MB before the file, **${i.prepareAlone.peakRssMb} MB at its peak** (the workflow's functions have 512 MB).`,
    );
  }
  return out.join('\n\n');
}
