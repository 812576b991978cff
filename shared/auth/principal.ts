import type { OrganisationLevel } from '../organisations/model.js';

/**
 * A23: accounts are personal and roles are separated. A credential carries exactly one role at one organisation.
 * - registrar (学籍管理员): a school's registrar, or a school's own software (a machine holder) — acts on its students;
 * - reviewer (审核员): an education authority's reviewer — decides its schools' applications;
 * - administrator (系统管理员): the provincial authority's administrator — creates organisations, issues credentials (A3.2).
 */
export const ROLES = ['registrar', 'reviewer', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** Which organisation levels may hold each role. */
export const ROLE_LEVELS: Record<Role, readonly OrganisationLevel[]> = {
  registrar: ['school'],
  reviewer: ['province', 'prefecture', 'county'],
  administrator: ['province'],
};

export const HOLDER_KINDS = ['person', 'system'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** Who is calling, as resolved by the authorizer from the credential. */
export interface Principal {
  credentialId: string;
  holderName: string;
  holderKind: HolderKind;
  role: Role;
  organisationId: string;
  organisationLevel: OrganisationLevel;
  /** the caller organisation's supervision line, province first, itself last */
  supervisionPath: string[];
}

/** What every use case that changes something gets: the caller and the request, for the audit event (A25). */
export interface Caller {
  principal: Principal;
  requestId: string;
}

/** A route's declared access. Every route must declare one; there is no default (deny by default). */
export type AccessPolicy = { readonly public: true } | { readonly roles: readonly Role[] };
