import { approveEntry } from '../../src/app/catalogue/approve-entry.ts';
import { createEntry } from '../../src/app/catalogue/create-entry.ts';
import { submitEntryForReview } from '../../src/app/catalogue/submit-entry-for-review.ts';
import type { AppDeps } from '../../src/app/shared/deps.ts';
import type { EntryInput } from '../../src/contract/catalogue.ts';
import type { CatalogueEntry } from '../../src/core/catalogue/index.ts';
import type { Actor } from '../../src/core/staff/index.ts';
import type { Executor } from '../../src/db/repositories/executor.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';

/** Small fixtures the import tests and benchmarks share. */

/**
 * GBK bytes for a text (what Excel writes as “CSV” on a Chinese Windows), from the platform's
 * decoder: Node has no GBK encoder.
 */
export function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const encoded = table.get(char);
      if (!encoded) throw new Error(`no GBK code for ${char}`);
      bytes.push(...encoded);
    }
  }
  return Buffer.from(bytes);
}

/** The demo bureau alone (a county department), in a database without the demo. Returns its id. */
export async function insertBureau(db: Executor): Promise<string> {
  const agency = await createRepositories(db).agencies.insert({
    code: '11320582014000028G',
    codeKind: 'unified_social_credit_code',
    name: '张家港市行政审批局',
    shortName: null,
    level: 'county',
    kind: 'department',
    parentId: null,
    address: null,
    postalCode: null,
    officeHours: null,
    phone: null,
    fax: null,
    email: null,
    website: null,
    disclosureOffice: null,
    guideIntro: null,
  });
  return agency.id;
}

/** Every member of staff as an actor, by username (the demo's spj.clerk, spj.reviewer, …). */
export async function actorsByUsername(db: Executor): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  for (const staff of await createRepositories(db).staff.listInScope({ kind: 'all' })) {
    actors.set(staff.username, {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      agencyId: staff.agencyId,
      roles: staff.roles,
    });
  }
  return actors;
}

/** An entry through the console's workflow: drafted by `clerk`, reviewed and published by `reviewer` today. */
export async function publishInConsole(
  deps: AppDeps,
  input: { clerk: Actor; reviewer: Actor; agencyId: string; entry: EntryInput },
): Promise<CatalogueEntry> {
  const draft = await createEntry(deps, { actor: input.clerk, agencyId: input.agencyId, entry: input.entry });
  const submitted = await submitEntryForReview(deps, {
    actor: input.clerk,
    entryId: draft.id,
    version: draft.version,
  });
  return approveEntry(deps, { actor: input.reviewer, entryId: draft.id, version: submitted.version });
}
