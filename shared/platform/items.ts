/** Key and index attributes are storage, not domain: strip them when an item becomes a domain object. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity'];

export function withoutKeys<T>(item: Record<string, unknown>, extra: readonly string[] = []): T {
  const copy = { ...item };
  for (const field of [...STORAGE_ATTRIBUTES, ...extra]) delete copy[field];
  return copy as T;
}
