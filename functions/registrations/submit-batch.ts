import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { ValidationError } from '../../shared/platform/errors.js';
import { idempotent } from '../../shared/platform/idempotency.js';
import { submitBatch } from '../../shared/students/batch.js';
import type { Caller } from '../../shared/auth/principal.js';

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

const run = idempotent(async ({ body }: { body: { students: unknown[] } }, { caller, instance }: { caller: Caller; instance: string }) =>
  submitBatch(caller, body.students, instance),
);

export const handler = routeHandler(routes.submitRegistrationBatch, async ({ body, caller, event, context }) => {
  const key = event.headers['idempotency-key'];
  if (!key || !KEY.test(key)) {
    throw new ValidationError([
      {
        field: 'headers.idempotency-key',
        code: 'required',
        message: {
          en: 'Send an Idempotency-Key header (8–100 letters, digits, _ . : -), new for every new batch, the same when you retry one',
          zh: '请提供 Idempotency-Key 请求头（8–100 位字母、数字或 _ . : -）：每个新批次使用新值，重试同一批次时使用相同的值',
        },
      },
    ]);
  }
  return { body: await run({ organisationId: caller.principal.organisationId, key, body }, { caller, instance: event.rawPath }, context) };
});
