import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from './config.js';

let client: DynamoDBDocumentClient | undefined;

/** One document client per process, created on first use (cold start stays cheap for routes that never touch it). */
export function db(): DynamoDBDocumentClient {
  if (!client) {
    const endpoint = env.dynamodbEndpoint();
    const base = new DynamoDBClient(
      endpoint
        ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : { region: env.region() },
    );
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

export function tableName(): string {
  return env.tableName();
}
