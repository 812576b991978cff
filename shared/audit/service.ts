import { keys } from '../platform/keys.js';
import { NotFoundError } from '../platform/errors.js';
import { indexPage, queryPage, type Page } from '../platform/pagination.js';
import { isWithinJurisdiction } from '../organisations/model.js';
import { loadOrganisation } from '../organisations/service.js';
import type { Principal } from '../auth/principal.js';
import type { AuditEvent } from './audit.js';

interface PageRequest {
  cursor?: string;
  limit: number;
}

function toEvent(item: Record<string, unknown>): AuditEvent {
  const { eventId, at, actor, action, target, reason, requestId, changes } = item as unknown as AuditEvent;
  return { eventId, at, actor, action, target, reason, requestId, changes };
}

/**
 * A25, access patterns #8/#9: an organisation's audit trail, newest first, for the organisation itself and the
 * authorities above it. `actions`: what its staff and systems did; `record`: changes to its own record.
 */
export async function listOrganisationAudit(
  principal: Principal,
  organisationId: string,
  query: PageRequest & { about: 'actions' | 'record' },
): Promise<Page<AuditEvent>> {
  const org = await loadOrganisation(organisationId);
  if (!org || !isWithinJurisdiction(principal.organisationId, org)) throw new NotFoundError({ en: 'The organisation', zh: '该组织' });
  return query.about === 'actions' ? listByActorOrganisation(organisationId, query) : listOfTarget('organisation', organisationId, query);
}

function listByActorOrganisation(organisationId: string, page: PageRequest): Promise<Page<AuditEvent>> {
  const byActor = keys.auditByActorOrganisation;
  return indexPage(byActor.index, byActor.pk(organisationId), { ...page, scope: `audit-by:${organisationId}` }, toEvent, { newestFirst: true });
}

/** The audit trail of one record (an organisation now, a student later), newest first; callers check access. */
export function listOfTarget(targetType: string, targetId: string, page: PageRequest): Promise<Page<AuditEvent>> {
  return queryPage(
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(targetType, targetId) },
      ScanIndexForward: false,
    },
    { ...page, scope: `audit-of:${targetType}:${targetId}` },
    toEvent,
  );
}
