import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db.js';
import { allShards, indexAttributes, keys } from './keys.js';
import { itemsOfEntries } from './pagination.js';

/** #7: every item of one kind that falls due on the given dates (Asia/Shanghai), over every shard, page by page. */
export async function* dueItems(kind: string, dates: string[]): AsyncGenerator<Record<string, unknown>> {
  const due = keys.dueOn;
  const attrs = indexAttributes(due.index);
  for (const date of dates) {
    for (const shard of allShards()) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: due.index,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :kind)',
            ExpressionAttributeNames: { '#pk': attrs.pk, '#sk': attrs.sk },
            ExpressionAttributeValues: { ':pk': due.pk(date, shard), ':kind': `${kind}#` },
            ExclusiveStartKey: startKey,
          }),
        );
        yield* await itemsOfEntries(due.index, page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }
}
