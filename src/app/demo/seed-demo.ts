import { classifyAgencyCode } from '../../core/shared/identity-codes.ts';
import { STAFF_ROLE_LABELS } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashPassword } from '../shared/password.ts';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_PASSWORD } from './demo-region.ts';
import { DEMO_SEEDERS } from './demo-seeders.ts';

export interface DemoLogin {
  username: string;
  password: string;
  displayName: string;
  agencyName: string;
  roleLabels: string[];
}

const SEED_ACTOR = '系统初始化（演示数据）';

/**
 * Fills an empty database with the demo region and its staff, then lets every area registered in
 * DEMO_SEEDERS add its demo records.
 */
export async function seedDemo(deps: AppDeps): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staffIdByUsername = new Map<string, string>();
  const agencyIdByKey = new Map<string, string>();
  const logins = await inTransaction(deps.db, async (repos) => {
    const nameByKey = new Map<string, string>();
    for (const demo of DEMO_AGENCIES) {
      const { key, parentKey, ...fields } = demo;
      const agency = await repos.agencies.insert({
        ...fields,
        codeKind: classifyAgencyCode(demo.code)!,
        parentId: parentKey ? agencyIdByKey.get(parentKey)! : null,
        guideIntro: null,
      });
      agencyIdByKey.set(key, agency.id);
      nameByKey.set(key, agency.name);
      await repos.auditLog.append({
        actorStaffId: null,
        actorLabel: SEED_ACTOR,
        agencyId: agency.id,
        action: 'agency.created',
        entityType: 'agency',
        entityId: agency.id,
        newValue: agency,
      });
    }
    const logins: DemoLogin[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const staff = await repos.staff.insert({
        agencyId: agencyIdByKey.get(account.agencyKey)!,
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        roles: account.roles,
        phone: account.phone,
      });
      await repos.auditLog.append({
        actorStaffId: null,
        actorLabel: SEED_ACTOR,
        agencyId: staff.agencyId,
        action: 'staff.created',
        entityType: 'staff',
        entityId: staff.id,
        newValue: { username: staff.username, roles: staff.roles },
      });
      staffIdByUsername.set(staff.username, staff.id);
      logins.push({
        username: account.username,
        password: DEMO_PASSWORD,
        displayName: account.displayName,
        agencyName: nameByKey.get(account.agencyKey)!,
        roleLabels: account.roles.map((r) => STAFF_ROLE_LABELS[r]),
      });
    }
    return logins;
  });
  for (const seeder of DEMO_SEEDERS) await seeder.seed(deps, { agencyIdByKey, staffIdByUsername });
  return logins;
}

export function demoLogins(): DemoLogin[] {
  const nameByKey = new Map(DEMO_AGENCIES.map((a) => [a.key, a.name]));
  return DEMO_ACCOUNTS.map((account) => ({
    username: account.username,
    password: DEMO_PASSWORD,
    displayName: account.displayName,
    agencyName: nameByKey.get(account.agencyKey)!,
    roleLabels: account.roles.map((r) => STAFF_ROLE_LABELS[r]),
  }));
}
