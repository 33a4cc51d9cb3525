import type { AgencyInput } from '../../contract/agency.ts';
import { type Agency, isValidParentLevel } from '../../core/agency/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { classifyAgencyCode } from '../../core/shared/identity-codes.ts';
import { type Actor, hasPermission } from '../../core/staff/index.ts';
import { inTransaction, isUniqueViolation } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { markAgenciesChanged } from './get-public-agency.ts';

/**
 * A system admin creates any agency; a supervisor creates agencies inside its own subtree (its
 * departments, towns and service centres).
 */
export async function createAgency(
  deps: AppDeps,
  input: { actor: Actor; agency: AgencyInput },
): Promise<Agency> {
  const { actor, agency } = input;
  const isSystemAdmin = actor.roles.includes('system_admin');
  if (!isSystemAdmin && !hasPermission(actor.roles, 'agency.create_child'))
    throw new DomainError('forbidden');
  const codeKind = classifyAgencyCode(agency.code);
  if (!codeKind) throw new DomainError('agency_code_invalid');
  try {
    const result = await inTransaction(deps.db, async (repos) => {
      const parentId = agency.parentId ?? null;
      if (!parentId && !isSystemAdmin) throw new DomainError('agency_parent_invalid', '请选择上级机关');
      if (parentId) {
        await requireAgencyInScope(repos, actor, parentId);
        const parent = await repos.agencies.findById(parentId);
        if (!parent) throw new DomainError('agency_parent_invalid');
        if (!isValidParentLevel(parent.level, agency.level)) {
          throw new DomainError('agency_parent_invalid', '下级机关的层级不能高于上级机关');
        }
      }
      const created = await repos.agencies.insert({
        code: agency.code,
        codeKind,
        name: agency.name,
        shortName: agency.shortName ?? null,
        level: agency.level,
        kind: agency.kind,
        parentId,
        address: agency.address ?? null,
        postalCode: agency.postalCode ?? null,
        officeHours: agency.officeHours ?? null,
        phone: agency.phone ?? null,
        fax: agency.fax ?? null,
        email: agency.email ?? null,
        website: agency.website ?? null,
        disclosureOffice: agency.disclosureOffice ?? null,
        guideIntro: agency.guideIntro ?? null,
      });
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId: created.id,
        action: 'agency.created',
        entityType: 'agency',
        entityId: created.id,
        newValue: created,
      });
      return created;
    });
    markAgenciesChanged();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('duplicate', '已存在相同代码或名称的机关');
    throw error;
  }
}
