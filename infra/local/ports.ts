import { createServer } from 'node:net';
import { LocalStartError } from './errors.js';

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function portInUse(port: number, flag: string): LocalStartError {
  return new LocalStartError(`Port ${port} is already in use: stop whatever holds it, or start with ${flag} <another port>.`);
}

/** Fails fast, before DynamoDB Local is started, when the API port is taken. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(port, '--port') : error));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
