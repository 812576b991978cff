/**
 * Values a warm Lambda container keeps for a short while, for data that changes rarely and may be read a little
 * stale: organisations, the loaded calendar years. Each container has its own copy: a change made elsewhere reaches
 * it within the time-to-live (the container that made the change forgets its copy at once). Real time, not the
 * system clock: this is about the container's memory, not about deadlines.
 */
export class WarmCache<V> {
  private readonly entries = new Map<string, { until: number; value: V }>();

  constructor(private readonly ttlMs: number) {}

  /** the value, if it is still fresh */
  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { until: Date.now() + this.ttlMs, value });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** the fresh value, or `load`'s — kept unless it is undefined (something not there yet may appear any moment) */
  async through(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value !== undefined) this.set(key, value);
    return value;
  }
}
