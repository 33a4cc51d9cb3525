import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { AdministrativeFee } from '../../db/repositories/catalogue-fee.repository.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/** 行政事业性收费 collected in a year, per item: section 二 reports their sum in 万元. */
export async function recordAdministrativeFee(
  deps: AppDeps,
  input: {
    actor: Actor;
    fee: {
      agencyId: string;
      year: number;
      item: string;
      basis?: string | null;
      amountYuan: number;
      note?: string | null;
    };
  },
): Promise<AdministrativeFee> {
  const { actor, fee } = input;
  requirePermission(actor, 'catalogue.edit');
  return inTransaction(deps.db, async (repos) => {
    await requireAgencyInScope(repos, actor, fee.agencyId);
    const created = await repos.administrativeFees.insert({
      agencyId: fee.agencyId,
      year: fee.year,
      item: fee.item,
      basis: fee.basis ?? null,
      amountYuan: fee.amountYuan,
      note: fee.note ?? null,
      createdBy: actor.staffId,
    });
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: fee.agencyId,
      action: 'administrative_fee.recorded',
      entityType: 'administrative_fee',
      entityId: created.id,
      newValue: created,
    });
    return created;
  });
}

export async function listAdministrativeFees(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<AdministrativeFee[]> {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  return repos.administrativeFees.listForYear(input.agencyId, input.year);
}

export async function deleteAdministrativeFee(
  deps: AppDeps,
  input: { actor: Actor; feeId: string },
): Promise<void> {
  requirePermission(input.actor, 'catalogue.edit');
  await inTransaction(deps.db, async (repos) => {
    const fee = await repos.administrativeFees.findById(input.feeId);
    if (!fee) throw new DomainError('not_found');
    await requireAgencyInScope(repos, input.actor, fee.agencyId);
    await repos.administrativeFees.delete(fee.id);
    await repos.auditLog.append({
      actorStaffId: input.actor.staffId,
      actorLabel: actorLabel(input.actor),
      agencyId: fee.agencyId,
      action: 'administrative_fee.deleted',
      entityType: 'administrative_fee',
      entityId: fee.id,
      oldValue: fee,
    });
  });
}
