import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A credential token is `<credentialId>.<secret>`, sent as `Authorization: Bearer <token>`. The id finds the record
 * with one GetItem (access pattern #1); only a SHA-256 of the secret is stored. The secret is 256 random bits, so a
 * fast hash is enough — there is nothing to brute-force.
 */
const TOKEN = /^(?<id>[a-z0-9][a-z0-9-]{2,62})\.(?<secret>[A-Za-z0-9_-]{20,128})$/;

export function newCredentialId(): string {
  return `cred-${randomBytes(10).toString('hex')}`;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseToken(authorization: string | undefined): { credentialId: string; secret: string } | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  const parts = match?.[1] ? TOKEN.exec(match[1]) : null;
  return parts?.groups ? { credentialId: parts.groups.id!, secret: parts.groups.secret! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
