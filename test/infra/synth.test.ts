import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'registry-synth-'));

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Offline and without AWS credentials or a default environment: the stacks must synthesize environment-agnostic. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|CDK_DEFAULT_)/.test(name)));
  return {
    ...env,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(outdir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(outdir, 'no-aws-credentials'),
  };
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: offlineEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('synthesizes both stacks with `npm run synth`', async () => {
  const { code, output } = await run('npm', ['run', 'synth', '--', '-o', join(outdir, 'cdk.out')]);
  expect(code, output).toBe(0);
  for (const stack of ['StudentRegistry-Stateful', 'StudentRegistry-Stateless']) {
    const template = join(outdir, 'cdk.out', `${stack}.template.json`);
    expect(existsSync(template), stack).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(template, 'utf8')).Resources).length).toBeGreaterThan(0);
  }
}, 180_000);
