import type { AppDeps } from '../shared/deps.ts';
import { seedDemoAnnualReport } from './annual-report.seed.ts';
import { seedDemoCatalogue } from './catalogue.seed.ts';
import { seedDemoDisclosureRequests } from './disclosure-request.seed.ts';

/** What the demo region's seed hands to each area that adds its own demo records. */
export interface DemoContext {
  /** DEMO_AGENCIES keys → agency ids, e.g. 'approval_bureau'. */
  agencyIdByKey: ReadonlyMap<string, string>;
  /** Demo usernames → staff ids, e.g. 'spj.clerk'. */
  staffIdByUsername: ReadonlyMap<string, string>;
}

export type DemoSeeder = (deps: AppDeps, context: DemoContext) => Promise<void>;

/**
 * Each area registers here the function that adds its demo records (the 2021 report, the requests,
 * the catalogue) after the region and its staff exist. They run in this order on first start and on
 * `gongkai demo --reset`. The annual report comes last: its cells are taken from the ledger the
 * others have filled.
 */
export const DEMO_SEEDERS: { name: string; seed: DemoSeeder }[] = [
  { name: 'disclosure-request', seed: seedDemoDisclosureRequests },
  { name: 'catalogue', seed: seedDemoCatalogue },
  { name: 'annual-report', seed: seedDemoAnnualReport },
];
