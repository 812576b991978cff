import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES } from '../../shared/platform/table.js';
import { summarise, type CapacityCall, type CapacitySummary } from './capacity.js';
import { itemSize, writeUnits } from './item-size.js';
import { buildImportFile, runImport } from './imports.js';
import { intakeOf, nextPerson } from './people.js';
import { runTransfer } from './workflow.js';
import { ok, type BenchStack } from './stack.js';
import { round } from './stats.js';

/**
 * Figure 2: capacity units per operation, from what DynamoDB Local reports for every call (ReturnConsumedCapacity)
 * under DynamoDB's billing rule for transactions (capacity.ts), and the final write of a registration explained item
 * by item.
 */
export interface ItemUnits {
  action: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  /** the item's kind: its key prefixes, e.g. STUDENT#…/STUDENT */
  item: string;
  bytes?: number;
  /** the indexes the item is in after the write (their entries hold keys only: written when those keys change) */
  indexes: string[];
  /** in the table: 2 per started KB (transactional) */
  tableUnits: number;
}

export interface OperationCost extends Omit<CapacitySummary, 'byCommand'> {
  operation: string;
  per?: string;
  /** wall time of the operation, ms */
  ms: number;
  byCommand: CapacitySummary['byCommand'];
  items?: ItemUnits[];
}

export async function measureWriteCost(stack: BenchStack, options: { importRows: number }): Promise<OperationCost[]> {
  const { api, meter, peek, token } = stack;
  const results: OperationCost[] = [];
  const measured = async (operation: string, run: () => Promise<unknown>, explain = false) => {
    const mark = meter.mark();
    const started = performance.now();
    await run();
    const ms = round(performance.now() - started);
    const calls = meter.since(mark);
    const summary = summarise(calls);
    const last = [...calls].reverse().find((c) => c.command === 'TransactWriteItems');
    results.push({ operation, ms, ...summary, ...(explain && last ? { items: await explainTransaction(last, peek) } : {}) });
  };

  // warm first, as the spike finds the system: each credential used once (its first use refreshes lastUsedAt) and one
  // registration made (the warm caches of organisations and calendar years filled)
  for (const name of ['school-registrar', 'wuhua-reviewer', 'kunming-school-registrar', 'kunming-reviewer']) await ok(api('GET', '/me', { token: token(name) }), 200);
  await ok(api('POST', '/registrations', { token: token('school-registrar'), body: intakeOf(nextPerson()) }), 201);

  // a registration, A8.1: submission by the school, approval and identity verification by its authority
  let studentId = '';
  await measured('registration: submission (A5)', async () => {
    studentId = (await ok(api('POST', '/registrations', { token: token('school-registrar'), body: intakeOf(nextPerson()) }), 201)).studentId;
  }, true);
  await measured('registration: approval (A8.1)', () =>
    ok(api('POST', `/students/${studentId}/registration-decision`, { token: token('wuhua-reviewer'), body: { decision: 'approve', reason: '同意' } }), 200), true);
  await measured('registration: identity verified, number issued (A8.1, A8.2) — the final write', () =>
    ok(api('POST', `/students/${studentId}/identity-verification`, { token: token('wuhua-reviewer'), body: { checks: ['original-document-inspected'] } }), 200), true);

  // a bulk-imported row: the whole job divided by its rows
  const file = await buildImportFile(options.importRows);
  const importer = token('kunming-school-registrar');
  const mark = meter.mark();
  const outcome = await runImport(api, importer, file, async (jobId) => {
    const job = await peek(`IMPORT#${jobId}`, 'JOB');
    return { status: String(job?.status?.S), created: Number(job?.created?.N ?? 0), failed: Number(job?.failed?.N ?? 0) };
  });
  if (outcome.created !== options.importRows) throw new Error(`import created ${outcome.created} of ${options.importRows}`);
  const job = summarise(meter.since(mark));
  results.push({ operation: 'bulk-imported row (whole job ÷ rows)', per: `${options.importRows} rows`, ms: round((outcome.seconds * 1000) / options.importRows), ...perUnit(job, options.importRows) });

  // a transfer (A14.1), end to end: opened, four decisions, applied — the workflow's own tasks included
  await measured('transfer case end to end (A14.1)', async () => {
    await runTransfer(stack, studentId);
    // the execution's last task (finish) returns after the case item is written: let it end before counting stops
    await new Promise((r) => setTimeout(r, 200));
  });
  return results;
}

function perUnit(summary: CapacitySummary, count: number): Omit<OperationCost, 'operation' | 'per' | 'ms'> {
  const byCommand = Object.fromEntries(
    Object.entries(summary.byCommand).map(([k, v]) => [k, { calls: v.calls / count, rcu: v.rcu / count, wcu: v.wcu / count }]),
  );
  const wcuByTarget = Object.fromEntries(Object.entries(summary.wcuByTarget).map(([k, v]) => [k, v / count]));
  return { calls: summary.calls / count, rcu: summary.rcu / count, wcu: summary.wcu / count, reportedWcu: summary.reportedWcu / count, byCommand, wcuByTarget };
}

type Getter = (pk: string, sk: string) => Promise<Record<string, AttributeValue> | undefined>;

/** Each item of a TransactWriteItems call: its size (an update's after-image, read back) and the units it costs. */
async function explainTransaction(call: CapacityCall, get: Getter): Promise<ItemUnits[]> {
  const entries = (call.input.TransactItems as Record<string, { Item?: Record<string, AttributeValue>; Key?: Record<string, AttributeValue> }>[]) ?? [];
  const explained: ItemUnits[] = [];
  for (const entry of entries) {
    const [action, body] = Object.entries(entry)[0] as [ItemUnits['action'], { Item?: Record<string, AttributeValue>; Key?: Record<string, AttributeValue> }];
    const key = body.Item ?? body.Key!;
    const pk = String(key.pk?.S);
    const sk = String(key.sk?.S);
    const label = `${pk.split('#')[0]}#…/${sk.split('#')[0]}${sk.includes('#') ? '#…' : ''}`;
    const image = action === 'Put' ? body.Item : action === 'Update' ? await get(pk, sk) : undefined;
    const indexes = image ? TABLE_INDEXES.filter((i) => image[i.partition]).map((i) => i.indexName) : [];
    const bytes = image ? itemSize(image) : undefined;
    // a delete is billed by the size of the item it removes; the registry deletes small items (< 1 KB)
    const tableUnits = action === 'ConditionCheck' ? 0 : writeUnits(bytes ?? 0, true);
    explained.push({ action, item: label, bytes, indexes, tableUnits });
  }
  return explained;
}
