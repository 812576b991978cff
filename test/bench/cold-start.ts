import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUNDLING, FUNCTION_ENVIRONMENT } from '../../infra/constructs/registry-function.js';
import { workflows } from '../../infra/workflows/index.js';
import { routeList } from '../../shared/api/routes.js';
import { schedules } from '../../shared/platform/schedules.js';
import { median, round } from './stats.js';

/**
 * Figure 4: every function the CDK app deploys, bundled as its NodejsFunction bundles it (esbuild with the same
 * options: CJS, node22, minified, external source map, SDK bundled), then loaded in fresh Node processes with the
 * deployed NODE_OPTIONS: the time to evaluate the module is what a cold start adds to the runtime's own start.
 * A floor — the DynamoDB clients alone (`cold-start-floor.ts`) — is bundled and loaded the same way, interleaved with
 * the functions, so that what the registry's own code adds reads the same on a fast machine and a slow one.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FunctionColdStart {
  handler: string;
  bundleKb: number;
  sourceMapKb: number;
  initMs: number;
  samples: number[];
}

export interface ColdStartResult {
  functions: FunctionColdStart[];
  floor: FunctionColdStart;
}

const FLOOR = 'floor: DynamoDB clients only';

export function deployedHandlers(): string[] {
  const handlers = [
    'authorizer',
    ...routeList.map((r) => r.handler),
    ...schedules.map((s) => s.handler),
    ...workflows.flatMap((w) => Object.values(w.tasks).map((t) => t.handler)),
  ];
  return [...new Set(handlers)];
}

/** The environment a deployed function starts with (values are placeholders: module initialisation must not call AWS). */
const LAMBDA_ENVIRONMENT = {
  ...FUNCTION_ENVIRONMENT,
  AWS_REGION: 'ap-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'cold-start-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  TABLE_NAME: 'student-registry',
  BUCKET_NAME: 'student-registry-evidence',
  KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:bench',
};

export async function measureColdStart(options: { runs: number; handlers?: string[] }): Promise<ColdStartResult> {
  const handlers = options.handlers ?? deployedHandlers();
  const out = mkdtempSync(join(tmpdir(), 'registry-bundles-'));
  try {
    await build({
      entryPoints: [
        ...handlers.map((h) => ({ in: join(ROOT, 'functions', `${h}.ts`), out: h })),
        { in: fileURLToPath(new URL('./cold-start-floor.ts', import.meta.url)), out: 'floor' },
      ],
      outdir: out,
      bundle: true,
      platform: 'node',
      format: FUNCTION_BUNDLING.format,
      target: FUNCTION_BUNDLING.target,
      minify: FUNCTION_BUNDLING.minify,
      sourcemap: FUNCTION_BUNDLING.sourceMap,
      sourcesContent: FUNCTION_BUNDLING.sourcesContent,
      logLevel: 'warning',
    });
    const measure = (handler: string, file: string, samples: number[]): FunctionColdStart => ({
      handler,
      bundleKb: round(statSync(file).size / 1024),
      sourceMapKb: round(statSync(`${file}.map`).size / 1024),
      initMs: round(median(samples)),
      samples: samples.map((s) => round(s)),
    });
    const floorFile = join(out, 'floor.js');
    const floorSamples: number[] = [];
    const functions: FunctionColdStart[] = [];
    for (const handler of handlers) {
      const file = join(out, `${handler}.js`);
      const samples: number[] = [];
      for (let run = 0; run < options.runs; run++) samples.push(initTime(file));
      floorSamples.push(initTime(floorFile));
      functions.push(measure(handler, file, samples));
    }
    return { functions, floor: measure(FLOOR, floorFile, floorSamples) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** One fresh process: how long `require` of the bundle takes, the handler's exports checked. */
function initTime(file: string): number {
  const script = `const t0 = performance.now(); const m = require(${JSON.stringify(file)}); const t = performance.now() - t0;
if (typeof m.handler !== 'function') throw new Error('no handler export'); process.stdout.write(String(t));`;
  const { NODE_OPTIONS, ...environment } = LAMBDA_ENVIRONMENT;
  const output = execFileSync(process.execPath, [...NODE_OPTIONS.split(' '), '-e', script], {
    env: { PATH: process.env.PATH, ...environment },
    encoding: 'utf8',
  });
  return Number(output);
}
