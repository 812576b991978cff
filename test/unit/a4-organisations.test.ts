import { describe, expect, it } from 'vitest';
import {
  assertPlacement,
  canRead,
  supervisingAuthorityOf,
  type Organisation,
} from '../../shared/organisations/model.js';
import { RuleViolationError } from '../../shared/platform/errors.js';

const KUNMING = ['530000', '530100', '530102'];
const DALI = ['530000', '532900', '532901'];

describe('A4 supervising authority (学籍主管部门)', () => {
  it('A4: the province supervises province-run schools wherever they are', () => {
    expect(supervisingAuthorityOf({ schoolType: 'secondary-specialised', owningLevel: 'province', locationPath: DALI })).toBe('530000');
  });
  it('A4: the province supervises higher-education institutions in Kunming that run 中职', () => {
    expect(supervisingAuthorityOf({ schoolType: 'higher-education-affiliated', owningLevel: 'prefecture', locationPath: KUNMING })).toBe('530000');
  });
  it('A4: the prefecture supervises higher-education institutions in its area outside Kunming', () => {
    expect(supervisingAuthorityOf({ schoolType: 'higher-education-affiliated', owningLevel: 'prefecture', locationPath: ['530000', '532900'] })).toBe('532900');
  });
  it('A4: the province supervises the 中职 stage of five-year higher-vocational programs', () => {
    expect(supervisingAuthorityOf({ schoolType: 'five-year-higher-vocational', owningLevel: 'county', locationPath: DALI })).toBe('530000');
  });
  it('A4: a prefecture supervises the schools it runs', () => {
    expect(supervisingAuthorityOf({ schoolType: 'vocational-high', owningLevel: 'prefecture', locationPath: KUNMING })).toBe('530100');
  });
  it('A4: a county supervises the schools in its area that it runs', () => {
    expect(supervisingAuthorityOf({ schoolType: 'adult-secondary-specialised', owningLevel: 'county', locationPath: DALI })).toBe('532901');
  });
  it('A4: a county-run school must lie in a county', () => {
    expect(() => supervisingAuthorityOf({ schoolType: 'vocational-high', owningLevel: 'county', locationPath: ['530000', '530100'] })).toThrow(RuleViolationError);
  });
});

function org(partial: Partial<Organisation> & Pick<Organisation, 'id' | 'level'>): Organisation {
  return {
    name: partial.id,
    status: 'active',
    locationPath: [],
    supervisionPath: [partial.id],
    basicInfo: {},
    createdAt: '',
    updatedAt: '',
    version: 1,
    ...partial,
  };
}

describe('A4 four levels: placement', () => {
  const province = org({ id: '530000', level: 'province' });
  const prefecture = org({ id: '530100', level: 'prefecture', supervisionPath: ['530000', '530100'] });
  const county = org({ id: '530102', level: 'county', supervisionPath: ['530000', '530100', '530102'] });

  it('A4: a prefecture lies in its province, with a code of that province', () => {
    expect(() => assertPlacement({ id: '530300', level: 'prefecture' }, province)).not.toThrow();
    expect(() => assertPlacement({ id: '520300', level: 'prefecture' }, province)).toThrow(/not a prefecture code within 530000/);
  });
  it('A4: a county lies in a prefecture, with a code of that prefecture', () => {
    expect(() => assertPlacement({ id: '530103', level: 'county' }, prefecture)).not.toThrow();
    expect(() => assertPlacement({ id: '530103', level: 'county' }, province)).toThrow(/must lie in a prefecture/);
    expect(() => assertPlacement({ id: '530303', level: 'county' }, prefecture)).toThrow(RuleViolationError);
  });
  it('A4: a school lies in a prefecture or a county, never directly in the province', () => {
    expect(() => assertPlacement({ id: '4153010099', level: 'school' }, county)).not.toThrow();
    expect(() => assertPlacement({ id: '4153010099', level: 'school' }, prefecture)).not.toThrow();
    expect(() => assertPlacement({ id: '4153010099', level: 'school' }, province)).toThrow(RuleViolationError);
  });
  it('A4: nothing is placed under a closed organisation', () => {
    expect(() => assertPlacement({ id: '4153010099', level: 'school' }, { ...county, status: 'closed' })).toThrow(/closed/);
  });
});

describe('A4 jurisdiction', () => {
  const school = org({ id: '4153010003', level: 'school', supervisionPath: ['530000', '530100', '530102', '4153010003'] });
  const caller = (id: string, path: string[]) => ({ organisationId: id, supervisionPath: path });

  it('A4: every authority on the supervision line sees the school; others do not', () => {
    expect(canRead(caller('530102', ['530000', '530100', '530102']), school)).toBe(true);
    expect(canRead(caller('530100', ['530000', '530100']), school)).toBe(true);
    expect(canRead(caller('530000', ['530000']), school)).toBe(true);
    expect(canRead(caller('532900', ['530000', '532900']), school)).toBe(false);
    expect(canRead(caller('4153010002', ['530000', '530100', '4153010002']), school)).toBe(false);
  });
  it('A4: a school sees its own supervising authorities (whom to contact)', () => {
    const county = org({ id: '530102', level: 'county', supervisionPath: ['530000', '530100', '530102'] });
    expect(canRead(caller('4153010003', school.supervisionPath), county)).toBe(true);
  });
});

describe('A11 lowest common superior', () => {
  it('A11: a county and its prefecture meet at the prefecture; counties of two prefectures at the province', async () => {
    const { lowestCommonSuperior } = await import('../../shared/cases/model.js');
    expect(lowestCommonSuperior(['530102', '530100'])).toBe('530100');
    expect(lowestCommonSuperior(['530102', '530103'])).toBe('530100');
    expect(lowestCommonSuperior(['530102', '532901'])).toBe('530000');
    expect(lowestCommonSuperior(['530000', '530102'])).toBe('530000');
  });
});
