import type { FeeQuoteView } from '../../contract/disclosure-request-api.ts';
import { countEarlierPiecesThisMonth, quoteProcessingFee } from '../../core/fees/index.ts';
import { addDays, localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { DisclosureRequestRecord } from '../../db/repositories/disclosure-request.repository.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { requireRequest } from './request-access.ts';

function monthBounds(on: string): [string, string] {
  const [y, m] = on.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return [`${on.slice(0, 7)}-01`, addDays(next, -1)];
}

/**
 * Pieces the same applicant (same identity document number) applied for at this agency earlier in the
 * natural month of this application's receipt (109号第四条: 同一申请人一个自然月内累计).
 */
export async function earlierPiecesThisMonth(
  repos: Repositories,
  record: DisclosureRequestRecord,
): Promise<number> {
  const on = record.receivedOn ?? localDateInChina(record.submittedAt ?? record.createdAt);
  const [monthStart, monthEnd] = monthBounds(on);
  const history = await repos.disclosureRequests.listPieceHistory({
    agencyId: record.agencyId,
    identityNumber: record.identityNumber,
    monthStart,
    monthEnd,
    excludeId: record.id,
  });
  return countEarlierPiecesThisMonth(history, record.identityNumber, on);
}

/**
 * The processing fee of one request with its tier breakdown (109号第四条、第五条), for the fee notice:
 * per page from the pages provided, or per piece from this application's pieces and the applicant's
 * earlier pieces this month, never both.
 */
export async function quoteRequestFee(
  deps: AppDeps,
  input: {
    actor: Actor;
    requestId: string;
    basis: { method: 'per_page'; pages: number } | { method: 'per_piece'; pieces?: number | undefined };
  },
): Promise<FeeQuoteView> {
  requirePermission(input.actor, 'case.read');
  const repos = createRepositories(deps.db);
  const record = await requireRequest(repos, input.actor, input.requestId);
  if (input.basis.method === 'per_page') {
    return {
      quote: quoteProcessingFee({ method: 'per_page', pages: input.basis.pages }),
      earlierPiecesThisMonth: null,
    };
  }
  const earlier = await earlierPiecesThisMonth(repos, record);
  return {
    quote: quoteProcessingFee({
      method: 'per_piece',
      pieces: input.basis.pieces ?? record.pieces,
      earlierPiecesThisMonth: earlier,
    }),
    earlierPiecesThisMonth: earlier,
  };
}
