import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/platform/db.js';
import { keys } from '../../shared/platform/keys.js';
import { createOrganisation, loadOrganisation } from '../../shared/organisations/service.js';
import { issueCredential } from '../../shared/credentials/service.js';
import type { CreateOrganisationInput } from '../../shared/organisations/schemas.js';
import type { Caller } from '../../shared/auth/principal.js';
import { demoCredentials } from './demo-credentials.js';

/**
 * Demo data for the local stack only: 云南省, its 16 prefecture-level divisions, a few counties, schools of every A2
 * type under every A4 supervision rule, and one credential per role. Written through the same use cases as the API
 * (so it has its audit trail), and idempotent: what exists is left alone.
 */
const PROVINCE = '530000';

const prefectures: [string, string][] = [
  ['530100', '昆明市'], ['530300', '曲靖市'], ['530400', '玉溪市'], ['530500', '保山市'],
  ['530600', '昭通市'], ['530700', '丽江市'], ['530800', '普洱市'], ['530900', '临沧市'],
  ['532300', '楚雄彝族自治州'], ['532500', '红河哈尼族彝族自治州'], ['532600', '文山壮族苗族自治州'],
  ['532800', '西双版纳傣族自治州'], ['532900', '大理白族自治州'], ['533100', '德宏傣族景颇族自治州'],
  ['533300', '怒江傈僳族自治州'], ['533400', '迪庆藏族自治州'],
];

const counties: [string, string, string][] = [
  ['530102', '五华区', '530100'], ['530103', '盘龙区', '530100'], ['530114', '呈贡区', '530100'],
  ['530381', '宣威市', '530300'], ['530402', '红塔区', '530400'], ['532901', '大理市', '532900'],
];

type SchoolSeed = Extract<CreateOrganisationInput, { level: 'school' }>;
const schools: SchoolSeed[] = [
  { level: 'school', id: '4153000001', name: '云南省示范中等专业学校（演示）', parentId: '530102', schoolType: 'secondary-specialised', owningLevel: 'province' },
  { level: 'school', id: '4153010002', name: '昆明市第一职业高级中学（演示）', parentId: '530103', schoolType: 'vocational-high', owningLevel: 'prefecture' },
  { level: 'school', id: '4153010003', name: '五华区职业中学（演示）', parentId: '530102', schoolType: 'vocational-high', owningLevel: 'county' },
  { level: 'school', id: '4153290004', name: '大理市成人中等专业学校（演示）', parentId: '532901', schoolType: 'adult-secondary-specialised', owningLevel: 'county' },
  { level: 'school', id: '4153010005', name: '昆明某学院附设中职部（演示）', parentId: '530114', schoolType: 'higher-education-affiliated', owningLevel: 'province' },
  { level: 'school', id: '4153290006', name: '大理某学院中职部（演示）', parentId: '532900', schoolType: 'higher-education-affiliated', owningLevel: 'prefecture' },
  { level: 'school', id: '4153030007', name: '宣威五年制高职中职段（演示）', parentId: '530381', schoolType: 'five-year-higher-vocational', owningLevel: 'prefecture' },
  // outside A2, a party of A14.3 transfers only
  { level: 'school', id: '4153010008', name: '昆明市第一中学（普通高中，演示）', parentId: '530102', schoolType: 'general-high-school', owningLevel: 'prefecture' },
];

const seedCaller: Caller = {
  principal: {
    credentialId: 'local-seed',
    holderName: 'Local demo seed / 本地演示数据',
    holderKind: 'system',
    role: 'administrator',
    organisationId: PROVINCE,
    organisationLevel: 'province',
    supervisionPath: [PROVINCE],
  },
  requestId: 'local-seed',
};

export async function seedDemoData(): Promise<{ organisations: number; credentials: number }> {
  const organisations: CreateOrganisationInput[] = [
    { level: 'province', id: PROVINCE, name: '云南省教育厅' },
    ...prefectures.map(([id, name]): CreateOrganisationInput => ({ level: 'prefecture', id, name: `${name}教育体育局`, parentId: PROVINCE })),
    ...counties.map(([id, name, parentId]): CreateOrganisationInput => ({ level: 'county', id, name: `${name}教育体育局`, parentId })),
    ...schools,
  ];
  let createdOrganisations = 0;
  for (const org of organisations) {
    if (await loadOrganisation(org.id)) continue;
    await createOrganisation(seedCaller, org);
    createdOrganisations++;
  }
  let createdCredentials = 0;
  for (const c of demoCredentials) {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.credential(c.credentialId) }));
    if (Item) continue;
    const secret = c.token.slice(c.credentialId.length + 1);
    await issueCredential(seedCaller, { organisationId: c.organisationId, role: c.role, holder: c.holder, validDays: 730, reason: 'local demo data' }, { credentialId: c.credentialId, secret });
    createdCredentials++;
  }
  return { organisations: createdOrganisations, credentials: createdCredentials };
}
