import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoDbClient, tableName } from './db.js';
import { keys } from './keys.js';
import { TTL_ATTRIBUTE } from './table.js';
import { ConflictError, RuleViolationError } from './errors.js';

/**
 * Idempotent requests for school systems (`Idempotency-Key`), with Powertools' idempotency utility on the single
 * table. Its records are keyed per request — Powertools' default with a sort key would put every record under one
 * static partition value, a hot key in the intake spike (keys.ts).
 */
class SingleTablePersistence extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    const key = keys.idempotencyRecord(idempotencyKey);
    return { pk: { S: key.pk }, sk: { S: key.sk } };
  }
}

export interface IdempotentRequest<T> {
  organisationId: string;
  key: string;
  body: T;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Wraps `run` so that a retried request (same organisation, same key, same body) gets the first answer again.
 * `extra` (the caller, the request id) is passed through but is not part of what makes two requests the same.
 */
export function idempotent<T, X, R>(run: (request: IdempotentRequest<T>, extra: X) => Promise<R>) {
  let wrapped: ((request: IdempotentRequest<T>, extra: X) => Promise<R>) | undefined;
  const config = new IdempotencyConfig({ eventKeyJmesPath: '[organisationId, key]', payloadValidationJmesPath: 'body', expiresAfterSeconds: DAY_SECONDS });
  return async (request: IdempotentRequest<T>, extra: X, context: Context): Promise<R> => {
    wrapped ??= makeIdempotent(run, {
      persistenceStore: new SingleTablePersistence({
        tableName: tableName(),
        keyAttr: 'pk',
        sortKeyAttr: 'sk',
        expiryAttr: TTL_ATTRIBUTE,
        awsSdkV3Client: dynamoDbClient(),
      }),
      config,
    });
    config.registerLambdaContext(context);
    try {
      return await wrapped(request, extra);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new RuleViolationError('Idempotency-Key', {
          en: 'This Idempotency-Key was used before with a different body; use a new key for a new request',
          zh: '该 Idempotency-Key 已用于内容不同的请求，新的请求请使用新的键值',
        });
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new ConflictError({ en: 'A request with this Idempotency-Key is still being processed; retry shortly', zh: '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试' });
      }
      throw error;
    }
  };
}
