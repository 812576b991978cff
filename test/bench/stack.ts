import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../infra/local/runtime.js';
import { demoCredentials } from '../../infra/local/demo-credentials.js';
import { CapacityMeter } from './capacity.js';

/**
 * The benchmark's system under test: the same local stack `npm start` runs (DynamoDB Local in memory, the API server
 * with the route table's handlers, the Step Functions host, the schedules), in this process, with every DynamoDB call
 * metered. The clock is fixed in the autumn intake, before the 20 November cut-off (A5.2).
 */
export const BENCH_CLOCK = '2026-11-18T10:00:00+08:00';

export interface Api {
  <T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
}

export interface BenchStack {
  local: LocalStack;
  api: Api;
  meter: CapacityMeter;
  token(name: string): string;
  /** reads an item on a client of its own, outside the meter: waiting for the system must not add to what is measured */
  peek(pk: string, sk: string): Promise<Record<string, AttributeValue> | undefined>;
  /** a registrar credential of every vocational school, issued through the API by the province */
  schoolTokens: { schoolId: string; token: string }[];
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const local = await startLocalStack({ port: 0, logLevel: 'ERROR', clock: BENCH_CLOCK });
  try {
    const { dynamoDbClient } = await import('../../shared/platform/db.js');
    const meter = new CapacityMeter();
    meter.install(dynamoDbClient());
    const api: Api = async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${local.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const text = await response.text();
      return { status: response.status, body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
    };
    const token = (name: string) => {
      const found = demoCredentials.find((c) => c.credentialId === `demo-${name}`);
      if (!found) throw new Error(`no demo credential ${name}`);
      return found.token;
    };
    const schools = await api<{ items: { id: string; level: string; schoolType?: string }[] }>('GET', '/organisations?limit=100', { token: token('province-admin') });
    const vocational = schools.body.items.filter((o) => o.level === 'school' && o.schoolType !== 'general-high-school');
    const schoolTokens = [];
    for (const school of vocational) {
      const issued = await api('POST', '/credentials', {
        token: token('province-admin'),
        body: { organisationId: school.id, role: 'registrar', holder: { kind: 'system', name: `基准测试 ${school.id}` }, reason: 'benchmark' },
      });
      if (issued.status !== 201) throw new Error(`issuing a credential for ${school.id}: ${issued.status} ${JSON.stringify(issued.body)}`);
      schoolTokens.push({ schoolId: school.id, token: String(issued.body.token) });
    }
    const reader = new DynamoDBClient({ endpoint: local.dynamodbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const peek = async (pk: string, sk: string) => (await reader.send(new GetItemCommand({ TableName: local.tableName, Key: { pk: { S: pk }, sk: { S: sk } } }))).Item;
    const stop = async () => {
      reader.destroy();
      await local.stop();
    };
    return { local, api, meter, token, peek, schoolTokens, stop };
  } catch (error) {
    await local.stop();
    throw error;
  }
}

/** The body of an answer that must have `expected` status; anything else stops the benchmark. */
export async function ok(response: Promise<{ status: number; body: any }>, expected: number): Promise<any> {
  const r = await response;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Polls until `check` holds (the workflows run on their own), for at most a minute. */
export async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
