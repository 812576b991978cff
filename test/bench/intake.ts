import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { drive, median, percentile, round } from './stats.js';
import { intakeOf, nextPerson } from './people.js';
import type { BenchStack } from './stack.js';

/**
 * Figure 1: the intake spike. N new students registered through the local HTTP API — single requests and the batch
 * endpoint — and, in the same run against the same DynamoDB Local, the same items written with TransactWriteItems
 * straight to the engine: its own limit. The three paths run in interleaved rounds (rotating which goes first), so a
 * noisy neighbour slows all of them alike; each figure is the median over rounds.
 */
export interface IntakeOptions {
  students: number;
  concurrency: number;
  rounds: number;
  batchSize: number;
}

export interface PathResult {
  path: string;
  registrations: number;
  perSecond: number;
  /** per round, registrations/s */
  rounds: number[];
  p50Ms: number;
  p99Ms: number;
  latencyOf: string;
  concurrency: number;
}

export interface IntakeResult {
  options: IntakeOptions;
  paths: PathResult[];
  ratios: { singleToRaw: number; batchToRaw: number };
}

const BATCH_ROW_CONCURRENCY = 8; // shared/students/batch.ts: rows of one batch registered side by side

export async function measureIntake(stack: BenchStack, options: IntakeOptions): Promise<IntakeResult> {
  const { api, schoolTokens } = stack;
  const raw = new DynamoDBClient({ endpoint: stack.local.dynamodbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // the items of one real registration, as the handler wrote them: the template the raw path replays
  const template = await capturedRegistration(stack);
  stack.meter.enabled = false;

  const perRound = Math.max(options.batchSize, Math.floor(options.students / options.rounds));
  const batchConcurrency = Math.max(1, Math.round(options.concurrency / BATCH_ROW_CONCURRENCY));
  const paths: Record<string, (count: number) => Promise<{ seconds: number; latencies: number[]; count: number }>> = {
    raw: async (count) => {
      const r = await drive(count, options.concurrency, () => raw.send(new TransactWriteItemsCommand(fresh(template))).then(() => undefined));
      return { ...r, count };
    },
    single: async (count) => {
      const r = await drive(count, options.concurrency, async (i) => {
        const school = schoolTokens[i % schoolTokens.length]!;
        const response = await api('POST', '/registrations', { token: school.token, body: intakeOf(nextPerson()) });
        if (response.status !== 201) throw new Error(`POST /registrations: ${response.status} ${JSON.stringify(response.body)}`);
      });
      return { ...r, count };
    },
    batch: async (count) => {
      const batches = Math.ceil(count / options.batchSize);
      const r = await drive(batches, batchConcurrency, async (i) => {
        const school = schoolTokens[i % schoolTokens.length]!;
        const students = Array.from({ length: options.batchSize }, () => intakeOf(nextPerson()));
        const response = await api('POST', '/registrations/batch', { token: school.token, headers: { 'idempotency-key': randomUUID() }, body: { students } });
        if (response.status !== 200 || response.body.created !== students.length) {
          throw new Error(`POST /registrations/batch: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
        }
      });
      return { ...r, count: batches * options.batchSize };
    },
  };
  // a small round first, not counted: JIT, connection pools and the warm caches settle before anything is timed
  for (const path of Object.values(paths)) await path(options.batchSize);

  const order = Object.keys(paths);
  const samples: Record<string, { rates: number[]; latencies: number[]; count: number }> = Object.fromEntries(order.map((p) => [p, { rates: [], latencies: [], count: 0 }]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const path = order[(round + k) % order.length]!;
      const r = await paths[path]!(perRound);
      samples[path]!.rates.push(r.count / r.seconds);
      samples[path]!.latencies.push(...r.latencies);
      samples[path]!.count += r.count;
    }
  }
  stack.meter.enabled = true;
  raw.destroy();

  const result = (path: string, label: string, latencyOf: string, concurrency: number): PathResult => ({
    path: label,
    registrations: samples[path]!.count,
    perSecond: round(median(samples[path]!.rates)),
    rounds: samples[path]!.rates.map((r) => round(r)),
    p50Ms: round(percentile(samples[path]!.latencies, 50)),
    p99Ms: round(percentile(samples[path]!.latencies, 99)),
    latencyOf,
    concurrency,
  });
  const rawResult = result('raw', 'raw TransactWriteItems (engine limit)', 'one transaction', options.concurrency);
  const single = result('single', 'API: POST /registrations', 'one request', options.concurrency);
  const batch = result('batch', `API: POST /registrations/batch (${options.batchSize} per request)`, `one request of ${options.batchSize}`, batchConcurrency * BATCH_ROW_CONCURRENCY);
  return {
    options,
    paths: [single, batch, rawResult],
    ratios: { singleToRaw: round(single.perSecond / rawResult.perSecond, 2), batchToRaw: round(batch.perSecond / rawResult.perSecond, 2) },
  };
}

async function capturedRegistration(stack: BenchStack): Promise<string> {
  const mark = stack.meter.mark();
  const response = await stack.api('POST', '/registrations', { token: stack.schoolTokens[0]!.token, body: intakeOf(nextPerson()) });
  if (response.status !== 201) throw new Error(`POST /registrations: ${response.status}`);
  const write = stack.meter.since(mark).find((c) => c.command === 'TransactWriteItems');
  if (!write) throw new Error('the registration wrote no transaction');
  const { ReturnConsumedCapacity: _ignored, ...input } = write.input;
  return JSON.stringify(input);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** the keyed hashes of identity and person (HMAC-SHA-256, base64url) */
const HASH = /(?<![\w-])[\w-]{43}(?![\w-])/g;

/** The template with every id and keyed hash replaced, consistently: the same items for a new person. */
function fresh(template: string): TransactWriteItemsCommandInput {
  const ids = new Map<string, string>();
  const swap = (make: () => string) => (value: string) => {
    if (!ids.has(value)) ids.set(value, make());
    return ids.get(value)!;
  };
  return JSON.parse(template.replace(UUID, swap(randomUUID)).replace(HASH, swap(() => randomBytes(32).toString('base64url'))));
}
