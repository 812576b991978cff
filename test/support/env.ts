import { inject } from 'vitest';

/** Points this test file's own imports of shared/ at the run's DynamoDB Local (for direct reads of the table). */
export function useLocalTable(): void {
  process.env.TABLE_NAME = inject('tableName');
  process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
  process.env.LOCAL_MASTER_KEY = inject('masterKeyHex');
  process.env.POWERTOOLS_TRACE_ENABLED = 'false';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
}
