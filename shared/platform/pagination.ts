import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, db, tableName } from './db.js';
import { keyFor } from './secrets.js';
import { ValidationError } from './errors.js';
import { allShards, indexAttributes } from './keys.js';
import type { IndexName } from './table.js';

/**
 * Opaque, tamper-evident cursors: base64url(JSON) + "." + HMAC over it and the query's scope, so a cursor can neither
 * be edited nor replayed against another query (e.g. another organisation's list).
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export async function encodeCursor(lastKey: Record<string, unknown>, scope: string): Promise<string> {
  const body = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  return `${body}.${await sign(body, scope)}`;
}

export async function decodeCursor(cursor: string, scope: string): Promise<Record<string, unknown>> {
  const [body, signature] = cursor.split('.');
  if (body && signature) {
    const expected = Buffer.from(await sign(body, scope));
    const given = Buffer.from(signature);
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    }
  }
  throw new ValidationError([
    {
      field: 'query.cursor',
      code: 'invalid_cursor',
      message: {
        en: 'The cursor is not one this list returned; start again without a cursor',
        zh: '分页游标无效（不是本列表返回的游标），请去掉 cursor 参数重新查询',
      },
    },
  ]);
}

async function sign(body: string, scope: string): Promise<string> {
  return createHmac('sha256', await keyFor('cursor')).update(`${scope}\n${body}`).digest('base64url');
}

type Item = Record<string, unknown>;

/**
 * Index entries hold keys only (table.ts): the items themselves, read back from the table in the entries' order.
 * An item whose index key changed or that was deleted since the index was read is left out — it has left the list.
 */
export async function itemsOfEntries(index: IndexName, entries: readonly Item[]): Promise<Item[]> {
  const attrs = indexAttributes(index);
  const id = (item: Item) => `${String(item.pk)}\u0000${String(item.sk)}`;
  const found = new Map((await batchGetItems(entries.map((e) => ({ pk: e.pk, sk: e.sk })))).map((item) => [id(item), item]));
  return entries.flatMap((entry) => {
    const item = found.get(id(entry));
    return item && item[attrs.pk] === entry[attrs.pk] && item[attrs.sk] === entry[attrs.sk] ? [item] : [];
  });
}

/** One page of a Query (of the table or an index); `scope` names the query so its cursor is only valid for it. */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  page: { cursor?: string; limit: number; scope: string },
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const result = await db().send(
    new QueryCommand({
      ...input,
      TableName: tableName(),
      Limit: page.limit,
      ExclusiveStartKey: page.cursor ? await decodeCursor(page.cursor, page.scope) : undefined,
    }),
  );
  const entries = result.Items ?? [];
  const items = (input.IndexName ? await itemsOfEntries(input.IndexName as IndexName, entries) : entries).map(map);
  return {
    items,
    nextCursor: result.LastEvaluatedKey ? await encodeCursor(result.LastEvaluatedKey, page.scope) : undefined,
  };
}

/** One page of an index partition (#2, #4, #9 …), optionally only sort keys beginning with `prefix`, oldest or newest first. */
export function indexPage<T>(
  index: IndexName,
  partition: string,
  page: { cursor?: string; limit: number; scope: string },
  map: (item: Record<string, unknown>) => T,
  options: { prefix?: string; newestFirst?: boolean } = {},
): Promise<Page<T>> {
  const attrs = indexAttributes(index);
  return queryPage(
    {
      IndexName: index,
      KeyConditionExpression: options.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': attrs.pk, ...(options.prefix ? { '#sk': attrs.sk } : {}) },
      ExpressionAttributeValues: { ':pk': partition, ...(options.prefix ? { ':prefix': options.prefix } : {}) },
      ScanIndexForward: !options.newestFirst,
    },
    page,
    map,
  );
}

/**
 * One page over every shard of a sharded index partition (keys.ts), in sort-key order: each shard is queried from
 * the cursor's position and the results merged; the cursor is the last sort key returned.
 */
export async function shardedIndexPage<T>(
  index: IndexName,
  partitionOf: (shard: number) => string,
  page: { cursor?: string; limit: number; scope: string },
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const attrs = indexAttributes(index);
  const after = page.cursor ? String((await decodeCursor(page.cursor, page.scope)).after) : undefined;
  const shards = await Promise.all(
    allShards().map((shard) =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: index,
          KeyConditionExpression: after ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
          ExpressionAttributeNames: { '#pk': attrs.pk, ...(after ? { '#sk': attrs.sk } : {}) },
          ExpressionAttributeValues: { ':pk': partitionOf(shard), ...(after ? { ':after': after } : {}) },
          Limit: page.limit,
        }),
      ),
    ),
  );
  const merged = shards.flatMap((r) => r.Items ?? []).sort((a, b) => String(a[attrs.sk]).localeCompare(String(b[attrs.sk])));
  const entries = merged.slice(0, page.limit);
  const more = merged.length > page.limit || shards.some((r) => r.LastEvaluatedKey);
  const last = entries.at(-1);
  return {
    items: (await itemsOfEntries(index, entries)).map(map),
    nextCursor: more && last ? await encodeCursor({ after: last[attrs.sk] }, page.scope) : undefined,
  };
}
