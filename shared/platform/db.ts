import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { env } from './config.js';

let base: DynamoDBClient | undefined;
let client: DynamoDBDocumentClient | undefined;

/** One DynamoDB client per process, created on first use (cold start stays cheap for routes that never touch it). */
export function dynamoDbClient(): DynamoDBClient {
  const endpoint = env.dynamodbEndpoint();
  base ??= new DynamoDBClient(
    endpoint ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : { region: env.region() },
  );
  return base;
}

export function db(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(dynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } });
  return client;
}

export function tableName(): string {
  return env.tableName();
}

type Item = Record<string, unknown>;

const BATCH_GET_LIMIT = 100;

/**
 * Items of the table by key, 100 to a BatchGetItem, keys DynamoDB leaves unprocessed (throttling) asked again with
 * backoff: every item there is comes back, in no particular order. `projection` reads only the attributes named.
 */
export async function batchGetItems(keys: readonly Item[], projection?: { expression: string; names?: Record<string, string> }): Promise<Item[]> {
  const table = tableName();
  const options = projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {};
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending: Item[] = keys.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const result: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...options } } }));
      items.push(...(result.Responses?.[table] ?? []));
      pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return items;
}
