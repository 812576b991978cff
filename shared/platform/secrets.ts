import { createHmac, hkdfSync } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { env } from './config.js';

/**
 * Keyed hashes and signatures use sub-keys derived (HKDF) from one master key that lives outside the table
 * (access-patterns.md, A24): Secrets Manager in AWS, a file in the local data folder locally.
 */
export type KeyPurpose = 'cursor' | 'identity-lookup';

let master: Promise<Buffer> | undefined;
const derived = new Map<KeyPurpose, Buffer>();

async function loadMaster(): Promise<Buffer> {
  const local = env.localMasterKey();
  if (local) return Buffer.from(local, 'hex');
  const arn = env.keySecretArn();
  if (!arn) throw new Error('Neither LOCAL_MASTER_KEY nor KEY_SECRET_ARN is set');
  const value = await getSecret(arn, { maxAge: 3600 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The master key secret is missing or too short');
  return Buffer.from(value, 'utf8');
}

export async function keyFor(purpose: KeyPurpose): Promise<Buffer> {
  const known = derived.get(purpose);
  if (known) return known;
  master ??= loadMaster();
  const key = Buffer.from(hkdfSync('sha256', await master, Buffer.alloc(0), `registry:${purpose}`, 32));
  derived.set(purpose, key);
  return key;
}

export async function hmac(purpose: KeyPurpose, value: string): Promise<string> {
  return createHmac('sha256', await keyFor(purpose)).update(value).digest('base64url');
}
