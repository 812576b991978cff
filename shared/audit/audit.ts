import { randomUUID } from 'node:crypto';
import { indexKey, keys } from '../platform/keys.js';
import { tableName } from '../platform/db.js';
import type { Caller, Role, HolderKind } from '../auth/principal.js';

/** A25: every change is attributable to a person (or a system) and an organisation. */
export interface AuditActor {
  kind: HolderKind | 'schedule';
  name: string;
  credentialId?: string;
  role?: Role;
  organisationId: string;
}

export interface AuditChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface AuditEvent {
  eventId: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  reason?: string;
  requestId: string;
  changes: AuditChange[];
}

/**
 * Fields whose values are or contain identity numbers — a G student number is `G` + the resident ID number —
 * matched by the end of their dotted path: audit events keep them masked (A24).
 */
const IDENTITY_FIELDS = ['identityNumber', 'identityDocument.number', 'studentNumber'];

/** `530102200801011234` → `5301**********1234`: enough to tell records apart, not enough to be the number. */
export function maskIdentityNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

function redact(field: string, value: unknown): unknown {
  const sensitive = IDENTITY_FIELDS.some((f) => field === f || field.endsWith(`.${f}`));
  return sensitive && typeof value === 'string' ? maskIdentityNumber(value) : value;
}

/** The changed fields between two versions of a record, flattened to dotted paths, identity numbers masked. */
export function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown>, prefix = ''): AuditChange[] {
  const changes: AuditChange[] = [];
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of fields) {
    const field = prefix + key;
    const from = before?.[key];
    const to = after[key];
    if (isPlainObject(from) || isPlainObject(to)) {
      changes.push(...diff(isPlainObject(from) ? from : undefined, isPlainObject(to) ? to : {}, `${field}.`));
    } else if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes.push({ field, from: redact(field, from), to: redact(field, to) });
    }
  }
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function actorOf(caller: Caller): AuditActor {
  const p = caller.principal;
  return { kind: p.holderKind, name: p.holderName, credentialId: p.credentialId, role: p.role, organisationId: p.organisationId };
}

/**
 * The audit event as one TransactWriteItems entry: callers put it in the same transaction as the change itself,
 * so a change without its event (or an event without its change) cannot exist.
 */
export function auditPut(input: Omit<AuditEvent, 'eventId' | 'at'> & { at: string }) {
  const eventId = randomUUID();
  const event: AuditEvent = { eventId, ...input };
  const byActor = keys.auditByActorOrganisation;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.auditEvent(input.target.type, input.target.id, input.at, eventId),
        ...indexKey(byActor.index, byActor.pk(input.actor.organisationId), byActor.sk(input.at, eventId)),
        entity: 'audit-event',
        ...event,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
