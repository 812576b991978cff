import { describe, expect, it } from 'vitest';
import { allShards, keys, SHARDS, shardOf } from '../../shared/platform/keys.js';

describe('key design (access-patterns.md)', () => {
  it('spreads hot index partitions over every shard, stably', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`item-${i}`)));
    expect([...shards].sort()).toEqual(allShards());
    expect(shardOf('same')).toBe(shardOf('same'));
    expect(allShards()).toHaveLength(SHARDS);
  });
  it('A4: the organisation tree key makes a jurisdiction one begins_with query, without matching longer ids', () => {
    const county = keys.organisationTree.sk(['530000', '530100', '530102']);
    const school = keys.organisationTree.sk(['530000', '530100', '530102', '4153010003']);
    expect(school.startsWith(county)).toBe(true);
    expect(keys.organisationTree.sk(['530000', '5301001'])).not.toMatch(new RegExp(`^${keys.organisationTree.sk(['530000', '530100'])}`));
  });
  it('A24: identities are keyed by hash, never by the number', () => {
    expect(keys.identityActiveClaim('hash')).toEqual({ pk: 'IDENTITY#hash', sk: 'ACTIVE' });
  });
});
