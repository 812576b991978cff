import { describe, expect, it } from 'vitest';
import { diff, maskIdentityNumber } from '../../shared/audit/audit.js';

describe('A25 audit events', () => {
  it('A25: records every changed field, nested fields by dotted path, unchanged ones not at all', () => {
    expect(diff({ name: 'a', basicInfo: { phone: '1', address: 'x' } }, { name: 'b', basicInfo: { phone: '1', address: 'y' } })).toEqual([
      { field: 'name', from: 'a', to: 'b' },
      { field: 'basicInfo.address', from: 'x', to: 'y' },
    ]);
  });
  it('A24: identity numbers are masked in what an audit event keeps', () => {
    const changes = diff({ identityNumber: '53010220080101123X' }, { identityNumber: '530102200801011248' });
    expect(diff(undefined, { person: { identityDocument: { number: '53010220080101123X' } }, studentNumber: 'G53010220080101123X' })).toEqual([
      { field: 'person.identityDocument.number', to: '5301**********123X' },
      { field: 'studentNumber', to: 'G530***********123X' },
    ]);
    expect(changes).toEqual([{ field: 'identityNumber', from: '5301**********123X', to: '5301**********1248' }]);
    expect(maskIdentityNumber('12345')).toBe('*****');
  });
});
