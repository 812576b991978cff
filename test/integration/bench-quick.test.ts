import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench -- --quick`: every benchmark figure at smoke-test sizes, on its own local stack. Only that it
 * completes is asserted — benchmarks measure, tests don't time (BENCHMARKS.md).
 */
describe('benchmarks', () => {
  it('the quick run of every figure completes and writes its results', () => {
    const run = spawnSync('npm', ['run', 'bench', '--', '--quick'], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const file = new URL('../bench/results/quick.json', import.meta.url);
    expect(existsSync(file)).toBe(true);
    const results = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(results)).toEqual(expect.arrayContaining(['intake', 'writeCost', 'costModel', 'coldStart', 'workflow', 'import']));
  }, 300_000);
});
