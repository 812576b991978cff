import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
