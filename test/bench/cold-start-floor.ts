import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Figure 4's floor: a function that only loads the DynamoDB clients every data function carries. Measured beside the
 * functions in the same run, it shows what the registry's own code adds, on any machine.
 */
export const handler = async () => DynamoDBDocumentClient.from(new DynamoDBClient({})).config.region;
