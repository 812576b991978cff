import type { HolderKind, Role } from '../../shared/auth/principal.js';

/** The local stack's demo credentials (no runtime imports here: main.ts prints them before handlers load). */
export interface DemoCredential {
  credentialId: string;
  token: string;
  organisationId: string;
  role: Role;
  holder: { kind: HolderKind; name: string };
}

function demo(name: string, organisationId: string, role: Role, holder: string, kind: HolderKind = 'person'): DemoCredential {
  const credentialId = `demo-${name}`;
  return { credentialId, token: `${credentialId}.local-demo-secret-${name}`, organisationId, role, holder: { kind, name: holder } };
}

/** Known tokens, so the README's curl works on every laptop; never used outside the local stack. */
export const demoCredentials: DemoCredential[] = [
  demo('province-admin', '530000', 'administrator', '省厅管理员 张明（演示）'),
  demo('province-reviewer', '530000', 'reviewer', '省厅审核员 李华（演示）'),
  demo('kunming-reviewer', '530100', 'reviewer', '昆明市审核员 王芳（演示）'),
  demo('wuhua-reviewer', '530102', 'reviewer', '五华区审核员 赵强（演示）'),
  demo('school-registrar', '4153010003', 'registrar', '五华区职业中学学籍管理员 陈静（演示）'),
  demo('school-system', '4153010003', 'registrar', '五华区职业中学教务系统（演示厂商）', 'system'),
  demo('kunming-school-registrar', '4153010002', 'registrar', '昆明市第一职业高级中学学籍管理员 刘洋（演示）'),
  demo('general-school-registrar', '4153010008', 'registrar', '昆明市第一中学学籍管理员 周敏（演示）'),
];
