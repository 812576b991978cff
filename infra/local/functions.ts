import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Loads a Lambda entry under functions/ — the very module CDK bundles — and returns its `handler`. */
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cache = new Map<string, Promise<Handler>>();

export function loadHandler(entry: string): Promise<Handler> {
  let loaded = cache.get(entry);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(ROOT, 'functions', `${entry}.ts`)).href).then((m: { handler: Handler }) => m.handler);
    cache.set(entry, loaded);
  }
  return loaded;
}
