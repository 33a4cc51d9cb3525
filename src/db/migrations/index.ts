import type { Migration } from 'kysely';
import * as createFoundation from './2026-11-27T2100_create_foundation.ts';
import * as createAnnualReport from './2026-11-27T2200_create_annual_report.ts';
import * as createCatalogue from './2026-11-27T2200_create_catalogue.ts';
import * as createDisclosureRequest from './2026-11-27T2200_create_disclosure_request.ts';
import * as cellOriginComputed from './2026-11-27T2300_cell_origin_computed.ts';
import * as catalogueChangeFeed from './2026-11-28T0000_catalogue_change_feed.ts';
import * as documentImport from './2026-11-28T0100_document_import.ts';
import * as decisionChangeFeed from './2026-11-28T0200_decision_change_feed.ts';
import * as documentNumberBrackets from './2026-11-28T0300_document_number_brackets.ts';

/**
 * Every migration, in order. Listed statically (not read from the directory) so that the set is
 * reviewable in one place and identical on both engines.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-27T2100_create_foundation': createFoundation,
  '2026-11-27T2200_create_annual_report': createAnnualReport,
  '2026-11-27T2200_create_catalogue': createCatalogue,
  '2026-11-27T2200_create_disclosure_request': createDisclosureRequest,
  '2026-11-27T2300_cell_origin_computed': cellOriginComputed,
  '2026-11-28T0000_catalogue_change_feed': catalogueChangeFeed,
  '2026-11-28T0100_document_import': documentImport,
  '2026-11-28T0200_decision_change_feed': decisionChangeFeed,
  '2026-11-28T0300_document_number_brackets': documentNumberBrackets,
};
