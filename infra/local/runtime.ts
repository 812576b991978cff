import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyLocalEnvironment, setClock } from './environment.js';
import { startDynamoDb } from './dynamodb.js';
import { assertPortFree, freePort } from './ports.js';
import { startS3 } from './s3.js';
import { stateMachineArnVariable } from '../workflows/definition.js';
import { workflows } from '../workflows/index.js';

export interface LocalStackOptions {
  port: number;
  /** folder for DynamoDB Local's files and the local master key; undefined = in memory, gone at exit */
  dataDir?: string;
  clock?: string;
  clockSpeed?: number;
  logLevel?: string;
  seed?: boolean;
  onRequest?: (line: string) => void;
  onSchedule?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  dynamodbEndpoint: string;
  tableName: string;
  s3Endpoint: string;
  stepFunctionsEndpoint: string;
  seeded: { organisations: number; credentials: number };
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'student-registry';
export const LOCAL_BUCKET = 'student-registry-evidence';

function masterKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'master-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The whole system on one machine: DynamoDB Local, the table from the CDK's own definition, the API server with
 * the same route table and handler modules, the schedules — and, on first start, the demo data.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (options.port !== 0) await assertPortFree(options.port);
  const dynamodb = await startDynamoDb({ port: await freePort(), dataDir: dataDir && join(dataDir, 'dynamodb') });
  const stops: (() => Promise<void> | void)[] = [() => dynamodb.stop()];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of [...stops].reverse()) await s();
    })());
  try {
    const s3 = await startS3({ dataDir: dataDir && join(dataDir, 's3'), bucket: LOCAL_BUCKET });
    stops.push(() => s3.stop());
    // the Step Functions host itself starts once the environment is set (its tasks load handler modules)
    const stepFunctionsPort = await freePort();
    const { localStateMachineArn } = await import('./step-functions-arn.js');
    applyLocalEnvironment({
      tableName: LOCAL_TABLE_NAME,
      dynamodbEndpoint: dynamodb.endpoint,
      bucketName: LOCAL_BUCKET,
      s3Endpoint: s3.endpoint,
      stepFunctionsEndpoint: `http://127.0.0.1:${stepFunctionsPort}`,
      stateMachineArns: Object.fromEntries(workflows.map((w) => [stateMachineArnVariable(w.id), localStateMachineArn(w.id)])),
      masterKeyHex: masterKey(dataDir),
      // demo data is written an hour before the chosen instant, in real time, so it never lies in the clock's future
      clock: options.clock && new Date(Date.parse(options.clock) - 3_600_000).toISOString(),
      clockSpeed: undefined,
      logLevel: options.logLevel ?? 'WARN',
    });
    // modules that read the environment load only now
    const { resetClock } = await import('../../shared/platform/clock.js');
    resetClock();
    const { ensureTable } = await import('./table.js');
    await ensureTable(dynamodb.endpoint, LOCAL_TABLE_NAME);
    const { startStepFunctionsHost } = await import('./step-functions.js');
    const stepFunctions = await startStepFunctionsHost({ port: stepFunctionsPort, workflows, log: options.onSchedule });
    stops.push(() => stepFunctions.stop());
    const { seedDemoData } = await import('./seed.js');
    const seeded = options.seed === false ? { organisations: 0, credentials: 0 } : await seedDemoData();
    // the clock starts at the chosen instant when the API is ready, however long seeding took
    setClock(options.clock, options.clockSpeed);
    resetClock();
    const { startApiServer } = await import('./server.js');
    const api = await startApiServer({ port: options.port, onRequest: options.onRequest });
    stops.push(() => api.stop());
    const { startScheduler } = await import('./scheduler.js');
    const scheduler = startScheduler(options.onSchedule ?? (() => undefined));
    stops.push(() => scheduler.stop());
    return {
      url: api.url,
      dynamodbEndpoint: dynamodb.endpoint,
      tableName: LOCAL_TABLE_NAME,
      s3Endpoint: s3.endpoint,
      stepFunctionsEndpoint: stepFunctions.endpoint,
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
