import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { indexAttributes, indexKey, keys, shardOf } from '../platform/keys.js';
import { dueItems } from '../platform/due.js';
import { nowIso, nowMs, shanghaiDate } from '../platform/clock.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../platform/errors.js';
import { indexPage, type Page } from '../platform/pagination.js';
import { isConditionFailure } from '../platform/transactions.js';
import { actorOf, auditPut, type AuditActor } from '../audit/audit.js';
import { ROLE_LEVELS, type Caller, type HolderKind, type Principal, type Role } from '../auth/principal.js';
import { LEVEL_LABELS } from '../organisations/model.js';
import { loadOrganisation, readOrganisation } from '../organisations/service.js';
import { hashSecret, newCredentialId, newSecret, parseToken, secretMatches } from './token.js';
import type { IssueCredentialInput } from './schemas.js';

export interface Credential {
  credentialId: string;
  organisationId: string;
  role: Role;
  holder: { kind: HolderKind; name: string };
  status: 'active' | 'revoked' | 'expired';
  issuedAt: string;
  issuedBy: string;
  validUntil: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

const CREDENTIAL = { en: 'The credential', zh: '该账号凭证' };
/** A credential's expiry is one of the things that fall due on a date (#7). */
const EXPIRY_KIND = 'credential-expiry';
/** lastUsedAt is refreshed at most this often, so authentication stays a read. */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;

function toCredential(item: Record<string, unknown>): Credential {
  const { credentialId, organisationId, role, holder, status, issuedAt, issuedBy, validUntil, lastUsedAt, revokedAt } = item as unknown as Credential;
  return { credentialId, organisationId, role, holder, status, issuedAt, issuedBy, validUntil, lastUsedAt, revokedAt };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function credentialItem(credential: Credential, secretHash: string): Record<string, unknown> {
  const byOrg = keys.credentialsOfOrganisation;
  const due = keys.dueOn;
  return {
    ...keys.credential(credential.credentialId),
    ...indexKey(byOrg.index, byOrg.pk(credential.organisationId), byOrg.sk(credential.issuedAt, credential.credentialId)),
    // due the day after its last valid day
    ...indexKey(due.index, due.pk(addDays(credential.validUntil, 1), shardOf(credential.credentialId)), due.sk(EXPIRY_KIND, credential.credentialId)),
    entity: 'credential',
    ...credential,
    secretHash,
  };
}

/**
 * A3.2 / A23: the province issues personal credentials, one organisation and one role each. The token is returned
 * here and never again; only its hash is stored. `secret` is for the local demo seed only.
 */
export async function issueCredential(
  caller: Caller,
  input: IssueCredentialInput,
  fixed?: { credentialId: string; secret: string },
): Promise<Credential & { token: string }> {
  const org = await loadOrganisation(input.organisationId);
  if (!org) throw new NotFoundError({ en: `Organisation ${input.organisationId}`, zh: `组织 ${input.organisationId}` });
  if (!ROLE_LEVELS[input.role].includes(org.level)) {
    throw new RuleViolationError(
      'A23',
      {
        en: `The role ${input.role} is held only at: ${ROLE_LEVELS[input.role].join(', ')}; ${org.id} is a ${org.level}`,
        zh: `角色 ${input.role} 只能授予：${ROLE_LEVELS[input.role].map((l) => LEVEL_LABELS[l]).join('、')}；${org.id} 是${LEVEL_LABELS[org.level]}`,
      },
      [{ field: 'body.role', code: 'role_not_allowed_here', message: { en: 'role does not fit the organisation level', zh: '角色与组织层级不符' } }],
    );
  }
  if (org.status !== 'active') {
    throw new RuleViolationError('A3.2', { en: `Organisation ${org.id} is ${org.status}`, zh: `组织 ${org.id} 已不在正常状态` });
  }
  const at = nowIso();
  const credentialId = fixed?.credentialId ?? newCredentialId();
  const secret = fixed?.secret ?? newSecret();
  const credential: Credential = {
    credentialId,
    organisationId: org.id,
    role: input.role,
    holder: input.holder,
    status: 'active',
    issuedAt: at,
    issuedBy: caller.principal.credentialId,
    validUntil: addDays(shanghaiDate(nowMs()), input.validDays - 1),
  };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: credentialItem(credential, hashSecret(secret)), ConditionExpression: 'attribute_not_exists(pk)' } },
          auditPut({
            at,
            actor: actorOf(caller),
            action: 'credential.issued',
            target: { type: 'credential', id: credentialId },
            reason: input.reason,
            requestId: caller.requestId,
            changes: [
              { field: 'organisationId', to: org.id },
              { field: 'role', to: input.role },
              { field: 'holder', to: input.holder },
              { field: 'validUntil', to: credential.validUntil },
            ],
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) throw new ConflictError({ en: `Credential ${credentialId} already exists`, zh: `账号凭证 ${credentialId} 已存在` });
    throw error;
  }
  return { ...credential, token: `${credentialId}.${secret}` };
}

export async function listCredentials(organisationId: string, page: { cursor?: string; limit: number }): Promise<Page<Credential>> {
  const byOrg = keys.credentialsOfOrganisation;
  return indexPage(byOrg.index, byOrg.pk(organisationId), { ...page, scope: `credentials:${organisationId}` }, toCredential, { newestFirst: true });
}

async function endCredential(actor: AuditActor, requestId: string, credentialId: string, status: 'revoked' | 'expired', reason: string) {
  const at = nowIso();
  const dueAttrs = indexAttributes(keys.dueOn.index);
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.credential(credentialId),
            UpdateExpression: `SET #status = :status, ${status === 'revoked' ? 'revokedAt' : 'expiredAt'} = :at REMOVE #duePk, #dueSk`,
            ConditionExpression: 'attribute_exists(pk) AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status', '#duePk': dueAttrs.pk, '#dueSk': dueAttrs.sk },
            ExpressionAttributeValues: { ':status': status, ':active': 'active', ':at': at },
          },
        },
        auditPut({
          at,
          actor,
          action: `credential.${status}`,
          target: { type: 'credential', id: credentialId },
          reason,
          requestId,
          changes: [{ field: 'status', from: 'active', to: status }],
        }),
      ],
    }),
  );
}

/** A24: a credential can be revoked at any time; authentication refuses it from then on. */
export async function revokeCredential(caller: Caller, credentialId: string, reason: string): Promise<Credential> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.credential(credentialId) }));
  if (!Item) throw new NotFoundError(CREDENTIAL);
  try {
    await endCredential(actorOf(caller), caller.requestId, credentialId, 'revoked', reason);
  } catch (error) {
    if (isConditionFailure(error, 0)) {
      throw new ConflictError({ en: `The credential is already ${String(Item.status)}`, zh: '该账号凭证已失效' });
    }
    throw error;
  }
  return { ...toCredential(Item), status: 'revoked' };
}

/** Schedule: credentials whose last valid day has passed become `expired` (and say so in the audit trail). */
export async function expireCredentials(requestId: string, lookBackDays = 7): Promise<number> {
  const today = shanghaiDate(nowMs());
  const actor: AuditActor = { kind: 'schedule', name: 'expire-credentials', organisationId: 'system' };
  let expired = 0;
  const dates = Array.from({ length: lookBackDays + 1 }, (_, i) => addDays(today, i - lookBackDays));
  for await (const item of dueItems(EXPIRY_KIND, dates)) {
    try {
      await endCredential(actor, requestId, String(item.credentialId), 'expired', 'validity period ended / 有效期已满');
      expired++;
    } catch (error) {
      if (!isConditionFailure(error, 0)) throw error;
    }
  }
  return expired;
}

export type AuthenticationFailure = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired' | 'organisation-inactive';

/** #1: resolve a bearer token to the caller (the authorizer's one job). */
export async function authenticate(authorization: string | undefined): Promise<{ principal: Principal } | { failure: AuthenticationFailure }> {
  if (!authorization) return { failure: 'missing' };
  const token = parseToken(authorization);
  if (!token) return { failure: 'malformed' };
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.credential(token.credentialId) }));
  if (!Item || !secretMatches(token.secret, String(Item.secretHash))) return { failure: 'unknown' };
  const credential = toCredential(Item);
  if (credential.status === 'revoked') return { failure: 'revoked' };
  if (credential.status === 'expired' || credential.validUntil < shanghaiDate(nowMs())) return { failure: 'expired' };
  const org = await readOrganisation(credential.organisationId);
  if (!org || org.status !== 'active') return { failure: 'organisation-inactive' };
  await touch(credential);
  return {
    principal: {
      credentialId: credential.credentialId,
      holderName: credential.holder.name,
      holderKind: credential.holder.kind,
      role: credential.role,
      organisationId: org.id,
      organisationLevel: org.level,
      supervisionPath: org.supervisionPath,
    },
  };
}

async function touch(credential: Credential): Promise<void> {
  const at = nowMs();
  if (credential.lastUsedAt && at - Date.parse(credential.lastUsedAt) < LAST_USED_GRANULARITY_MS) return;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.credential(credential.credentialId),
        UpdateExpression: 'SET lastUsedAt = :now',
        ConditionExpression: 'attribute_not_exists(lastUsedAt) OR lastUsedAt < :cutoff',
        ExpressionAttributeValues: { ':now': new Date(at).toISOString(), ':cutoff': new Date(at - LAST_USED_GRANULARITY_MS).toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
