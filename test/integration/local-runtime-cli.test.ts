import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoCredentials } from '../../infra/local/demo-credentials.js';

/** `npm start` as a user runs it (one process: node --import tsx), the real DynamoDB Local, real signals. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function start(args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function javaChildrenOf(pid: number): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' }).stdout;
  return ps
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, ...args]) => Number(ppid) === pid && args.join(' ').includes('DynamoDBLocal'))
    .map(([p]) => Number(p));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('npm start', () => {
  it('starts, serves the demo credential, prints its clock settings, and Ctrl-C leaves no Java behind', async () => {
    const port = await freePort();
    const run = start(['--in-memory', '--port', String(port), '--clock', '2026-11-18T09:00+08:00', '--clock-speed', '3600']);
    await until(() => run.output().includes('Ctrl-C stops everything'), 60_000);
    expect(run.output()).toMatch(/Clock\s+2026-11-18 \d\d:\d\d:\d\d Asia\/Shanghai, ×3600 — started at 2026-11-18T09:00\+08:00/);
    const java = javaChildrenOf(run.child.pid!);
    expect(java).toHaveLength(1);

    const admin = demoCredentials[0]!;
    const me = await fetch(`http://localhost:${port}/me`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(me.status).toBe(200);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopped.');
    expect(alive(java[0]!)).toBe(false);
  }, 90_000);

  it('when the process is killed outright, its watchdog still stops Java', async () => {
    const run = start(['--in-memory', '--port', String(await freePort())]);
    await until(() => run.output().includes('Ctrl-C stops everything'), 60_000);
    const java = javaChildrenOf(run.child.pid!);
    expect(java).toHaveLength(1);
    run.child.kill('SIGKILL');
    await run.exited;
    await until(() => !alive(java[0]!), 20_000);
  }, 90_000);

  it('a port in use is one clear sentence, not a stack trace', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const { port } = blocker.address() as { port: number };
    const run = start(['--in-memory', '--port', String(port)]);
    expect(await run.exited).toBe(1);
    blocker.close();
    expect(run.output()).toContain(`✖ Port ${port} is already in use: stop whatever holds it, or start with --port <another port>.`);
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('missing Java is one clear sentence, not a stack trace', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = start(['--in-memory', '--port', String(await freePort())], { ...process.env, PATH: bin });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/✖ DynamoDB Local needs Java 17 or later, and no `java` was found on the PATH/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
