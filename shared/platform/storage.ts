import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { env } from './config.js';

/**
 * Without s3:ListBucket (not granted: functions see only their prefix) S3 answers a missing key with 403, not 404;
 * within the prefixes a function is granted, a 403 means the object is not there.
 */
const MISSING = new Set(['NoSuchKey', 'NotFound', 'Forbidden', 'AccessDenied']);

/**
 * The evidence/import bucket. Uploads and downloads go straight between the caller and S3 through presigned URLs;
 * functions read and write objects themselves. Locally the endpoint is an S3-compatible server (path-style URLs).
 */
let client: S3Client | undefined;

function s3(): S3Client {
  const endpoint = env.s3Endpoint();
  client ??= new S3Client(
    endpoint
      ? {
          endpoint,
          region: 'local',
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          // presigned PUTs from plain HTTP clients carry no checksum
          requestChecksumCalculation: 'WHEN_REQUIRED',
        }
      : { region: env.region(), requestChecksumCalculation: 'WHEN_REQUIRED' },
  );
  return client;
}

export function presignUpload(key: string, contentType: string, expiresIn = 900): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: env.bucketName(), Key: key, ContentType: contentType }), { expiresIn });
}

export function presignDownload(key: string, fileName: string, expiresIn = 900): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: env.bucketName(), Key: key, ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` }),
    { expiresIn },
  );
}

export async function readObject(key: string): Promise<Buffer | undefined> {
  try {
    const result = await s3().send(new GetObjectCommand({ Bucket: env.bucketName(), Key: key }));
    return Buffer.from(await result.Body!.transformToByteArray());
  } catch (error) {
    if (MISSING.has((error as Error).name)) return undefined;
    throw error;
  }
}

export async function writeObject(key: string, body: Buffer | string, contentType: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: env.bucketName(), Key: key, Body: body, ContentType: contentType }));
}

/** Size of an object in bytes, or undefined when there is none (e.g. not uploaded yet). */
export async function objectSize(key: string): Promise<number | undefined> {
  try {
    const result = await s3().send(new HeadObjectCommand({ Bucket: env.bucketName(), Key: key }));
    return result.ContentLength;
  } catch (error) {
    if (MISSING.has((error as Error).name)) return undefined;
    throw error;
  }
}
