import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { indexKey, keys } from '../platform/keys.js';
import { WarmCache } from '../platform/warm-cache.js';
import { nowIso } from '../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js';
import { indexPage, type Page } from '../platform/pagination.js';
import { isConditionFailure } from '../platform/transactions.js';
import { withoutKeys } from '../platform/items.js';
import { actorOf, auditPut, diff } from '../audit/audit.js';
import type { Caller, Principal } from '../auth/principal.js';
import {
  assertPlacement,
  canRead,
  schoolSupervisionPath,
  supervisingAuthorityOf,
  type Organisation,
} from './model.js';
import type { CreateOrganisationInput, UpdateBasicInfoInput } from './schemas.js';

const ORGANISATION = { en: 'The organisation', zh: '该组织' };
function toOrganisation(item: Record<string, unknown>): Organisation {
  return withoutKeys<Organisation>(item);
}

export async function loadOrganisation(organisationId: string): Promise<Organisation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.organisation(organisationId) }));
  return Item ? toOrganisation(Item) : undefined;
}

/** Organisations change rarely: hot read paths (every authentication, every registration) may see one up to a minute old. */
const recentlyRead = new WarmCache<Organisation>(60_000);

/** An organisation as read within the last minute, for checks on every request; writes read it afresh (loadOrganisation). */
export function readOrganisation(organisationId: string): Promise<Organisation | undefined> {
  return recentlyRead.through(organisationId, () => loadOrganisation(organisationId));
}

function organisationItem(org: Organisation): Record<string, unknown> {
  const tree = keys.organisationTree;
  const supervised = keys.supervisedSchools;
  return {
    ...keys.organisation(org.id),
    ...indexKey(tree.index, tree.pk(), tree.sk(org.supervisionPath)),
    ...(org.supervisingAuthorityId ? indexKey(supervised.index, supervised.pk(org.supervisingAuthorityId), supervised.sk(org.id)) : {}),
    entity: 'organisation',
    ...org,
  };
}

/** A3.2: only the provincial authority creates organisations; A4 places them and derives a school's supervisor. */
export async function createOrganisation(caller: Caller, input: CreateOrganisationInput): Promise<Organisation> {
  const parent = input.level === 'province' ? undefined : await loadOrganisation(input.parentId);
  assertPlacement(input, parent);
  if (parent && !canRead(caller.principal, parent)) throw new NotFoundError({ en: `Parent organisation ${parent.id}`, zh: `上级组织 ${parent.id}` });

  const at = nowIso();
  const locationPath = parent ? [...parent.locationPath, parent.id] : [];
  const base = { id: input.id, name: input.name, status: 'active' as const, locationPath, basicInfo: input.basicInfo ?? {}, createdAt: at, updatedAt: at, version: 1 };
  let org: Organisation;
  if (input.level === 'school') {
    const supervisingAuthorityId = supervisingAuthorityOf({ ...input, locationPath });
    const supervisor = supervisingAuthorityId === parent?.id ? parent : await loadOrganisation(supervisingAuthorityId);
    if (!supervisor) throw new NotFoundError({ en: `Supervising authority ${supervisingAuthorityId}`, zh: `学籍主管部门 ${supervisingAuthorityId}` });
    org = {
      ...base,
      level: 'school',
      parentId: input.parentId,
      schoolType: input.schoolType,
      owningLevel: input.owningLevel,
      supervisingAuthorityId,
      supervisionPath: schoolSupervisionPath(supervisor, input.id),
    };
  } else {
    org = { ...base, level: input.level, parentId: parent?.id, supervisionPath: [...locationPath, input.id] };
  }

  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: organisationItem(org), ConditionExpression: 'attribute_not_exists(pk)' } },
          auditPut({
            at,
            actor: actorOf(caller),
            action: 'organisation.created',
            target: { type: 'organisation', id: org.id },
            requestId: caller.requestId,
            changes: diff(undefined, org as unknown as Record<string, unknown>),
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) {
      throw new ConflictError({ en: `Organisation ${org.id} already exists`, zh: `组织 ${org.id} 已存在` });
    }
    throw error;
  }
  return org;
}

export async function getOrganisation(principal: Principal, organisationId: string): Promise<Organisation> {
  const org = await loadOrganisation(organisationId);
  if (!org || !canRead(principal, org)) throw new NotFoundError(ORGANISATION);
  return org;
}

/** #2: the caller's whole jurisdiction — itself, subordinate authorities, the schools they supervise (A4). */
export async function listJurisdiction(principal: Principal, page: { cursor?: string; limit: number }): Promise<Page<Organisation>> {
  const tree = keys.organisationTree;
  return indexPage(tree.index, tree.pk(), { ...page, scope: `jurisdiction:${principal.organisationId}` }, toOrganisation, {
    prefix: tree.sk(principal.supervisionPath),
  });
}

/** A3.2: each organisation maintains its own basic information — and only its own. */
export async function updateBasicInfo(caller: Caller, organisationId: string, input: UpdateBasicInfoInput): Promise<Organisation> {
  const current = await loadOrganisation(organisationId);
  if (!current || !canRead(caller.principal, current)) throw new NotFoundError(ORGANISATION);
  if (caller.principal.organisationId !== organisationId) {
    throw new ForbiddenError({
      en: 'An organisation maintains only its own basic information (A3.2)',
      zh: '各单位只能维护本单位的基本信息（第三条）',
    });
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw staleVersion(current.version);
  }
  const at = nowIso();
  const updated: Organisation = {
    ...current,
    name: input.name ?? current.name,
    basicInfo: { ...current.basicInfo, ...input.basicInfo },
    updatedAt: at,
    version: current.version + 1,
  };
  const changes = diff({ name: current.name, basicInfo: current.basicInfo }, { name: updated.name, basicInfo: updated.basicInfo });
  if (changes.length === 0) return current;

  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: organisationItem(updated),
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': current.version },
            },
          },
          auditPut({
            at,
            actor: actorOf(caller),
            action: 'organisation.basic-info-updated',
            target: { type: 'organisation', id: organisationId },
            reason: input.reason,
            requestId: caller.requestId,
            changes,
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error, 0)) throw staleVersion();
    throw error;
  }
  recentlyRead.forget(organisationId);
  return updated;
}

function staleVersion(version?: number): ConflictError {
  return new ConflictError({
    en: `The organisation was changed by someone else${version ? ` (now version ${version})` : ''}; reload and try again`,
    zh: `该组织信息已被他人修改${version ? `（当前版本 ${version}）` : ''}，请刷新后重试`,
  });
}
