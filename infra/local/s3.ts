import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** The evidence/import bucket on an S3-compatible local server (presigned URLs work as on S3). */
export async function startS3(options: { dataDir?: string; bucket: string }): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'registry-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: options.bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
