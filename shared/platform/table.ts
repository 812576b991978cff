/**
 * The single table's physical definition — the one source for the CDK stack and for DynamoDB Local.
 * Which item uses which key is decided in keys.ts.
 */
export const TABLE_KEY = { partition: 'pk', sort: 'sk' } as const;

export const TABLE_INDEXES = [
  { indexName: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' },
  { indexName: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
  { indexName: 'gsi3', partition: 'gsi3pk', sort: 'gsi3sk' },
] as const;

export type IndexName = (typeof TABLE_INDEXES)[number]['indexName'];

/**
 * Indexes hold keys only: an item's index entry is then ~100 bytes, written only when its index keys change, and an
 * update of anything else touches no index. Pages read from an index are read back from the table (pagination.ts):
 * reads cost a fifth of writes, and the registry writes far more than it lists (BENCHMARKS.md, figure 2).
 */
export const INDEX_PROJECTION = 'KEYS_ONLY' as const;

/** Items with this attribute (epoch seconds) are deleted by DynamoDB TTL: idempotency records, import scratch. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The CreateTable input DynamoDB Local gets; CDK builds the same shape from the same constants. */
export function createTableInput(tableName: string) {
  const attributes = [TABLE_KEY.partition, TABLE_KEY.sort, ...TABLE_INDEXES.flatMap((i) => [i.partition, i.sort])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEY.partition, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEY.sort, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partition, KeyType: 'HASH' as const },
        { AttributeName: i.sort, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: INDEX_PROJECTION },
    })),
  };
}
