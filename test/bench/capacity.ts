import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Asks DynamoDB for ReturnConsumedCapacity=INDEXES on every call a client makes and keeps what it answers, so an
 * operation's cost is the sum of its calls' answers. DynamoDB Local sizes items and doubles a transaction's table
 * writes as DynamoDB does, but it also doubles the transaction's index writes, which DynamoDB bills at the standard
 * rate: the transactional 2× applies to the table arm alone (nubo-db/dynoxide#188, checked against DynamoDB; AWS's
 * guide describes index updates as propagated after the transaction commits). Each call keeps both: its units under
 * DynamoDB's rule, and DynamoDB Local's own report.
 */
const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface CapacityCall {
  command: string;
  read: number;
  /** write units under DynamoDB's billing rule */
  write: number;
  /** write units as DynamoDB Local reported them */
  reportedWrite: number;
  /** write units by table and index under DynamoDB's rule: `table`, `gsi1`, … */
  byTarget: Record<string, number>;
  input: Record<string, unknown>;
}

export interface CapacitySummary {
  calls: number;
  rcu: number;
  /** under DynamoDB's billing rule */
  wcu: number;
  /** as DynamoDB Local reported */
  reportedWcu: number;
  byCommand: Record<string, { calls: number; rcu: number; wcu: number }>;
  wcuByTarget: Record<string, number>;
}

export class CapacityMeter {
  readonly calls: CapacityCall[] = [];
  /** off while throughput is measured: asking for capacity would cost the measured path only */
  enabled = true;

  install(client: DynamoDBClient): void {
    const counted = (command: unknown) => READS.has(String(command)) || WRITES.has(String(command));
    // set before the document client marshalls the input (in place: it marshalls its own copy of this object)…
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (this.enabled && counted(context.commandName)) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
        return next(args);
      },
      { step: 'initialize', name: 'benchAskConsumedCapacity', override: true },
    );
    // …and read after it, where the input is in DynamoDB's own attribute-value form
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (this.enabled && counted(context.commandName)) {
          const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
          this.record(String(context.commandName), args.input as Record<string, unknown>, consumed);
        }
        return result;
      },
      { step: 'build', name: 'benchKeepConsumedCapacity', override: true },
    );
  }

  private record(command: string, input: Record<string, unknown>, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
    const name = command.replace(/Command$/, '');
    // DynamoDB Local doubles a transaction's index writes too; DynamoDB bills them at the standard rate
    const indexFactor = name === 'TransactWriteItems' ? 0.5 : 1;
    const byTarget: Record<string, number> = {};
    let reported = 0;
    let overReported = 0;
    for (const c of [consumed ?? []].flat()) {
      reported += c.CapacityUnits ?? 0;
      if (c.Table?.CapacityUnits) byTarget.table = (byTarget.table ?? 0) + c.Table.CapacityUnits;
      for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
        byTarget[index] = (byTarget[index] ?? 0) + (units.CapacityUnits ?? 0) * indexFactor;
        overReported += (units.CapacityUnits ?? 0) * (1 - indexFactor);
      }
    }
    const billed = reported - overReported;
    const write = WRITES.has(command);
    this.calls.push({ command: name, read: write ? 0 : reported, write: write ? billed : 0, reportedWrite: write ? reported : 0, byTarget, input });
  }

  mark(): number {
    return this.calls.length;
  }

  since(mark: number): CapacityCall[] {
    return this.calls.slice(mark);
  }

  /** What `operation` consumed; nothing else may run against the table meanwhile. */
  async measure(operation: () => Promise<unknown>): Promise<CapacitySummary & { calls_: CapacityCall[] }> {
    const mark = this.mark();
    await operation();
    const calls = this.since(mark);
    return { ...summarise(calls), calls_: calls };
  }
}

export function summarise(calls: readonly CapacityCall[]): CapacitySummary {
  const byCommand: CapacitySummary['byCommand'] = {};
  const wcuByTarget: Record<string, number> = {};
  for (const call of calls) {
    const entry = (byCommand[call.command] ??= { calls: 0, rcu: 0, wcu: 0 });
    entry.calls++;
    entry.rcu += call.read;
    entry.wcu += call.write;
    if (call.write) for (const [target, units] of Object.entries(call.byTarget)) wcuByTarget[target] = (wcuByTarget[target] ?? 0) + units;
  }
  return {
    calls: calls.length,
    rcu: calls.reduce((s, c) => s + c.read, 0),
    wcu: calls.reduce((s, c) => s + c.write, 0),
    reportedWcu: calls.reduce((s, c) => s + c.reportedWrite, 0),
    byCommand,
    wcuByTarget,
  };
}
