import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/helpers/database.ts';
import { normaliseDocumentNumber } from '../../core/catalogue/index.ts';
import { createRepositories } from '../repositories/index.ts';
import { up } from './2026-11-28T0300_document_number_brackets.ts';

describe.each(ENGINES)('migration 2026-11-28T0300 (文号 brackets) on %s', (engine) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true });
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('writes stored 文号 as the import does, and leaves the rest as they were', async () => {
    const repos = createRepositories(testDb.deps.db);
    const agency = (await repos.agencies.listAll())[0]!;
    const spellings = [
      '张审批[2021]3号',
      '张审批 （2021） 4号',
      '张审批【2021】5号',
      '张审批(2021)6号',
      '张审批［2021］7号',
      '张审批〔2021〕8号',
      '张审批[第9号]',
      '苏府〔2020〕　10号',
    ];
    await repos.catalogue.insertPublishedEntries(
      spellings.map((documentNumber, i) => ({
        agencyId: agency.id,
        fields: {
          title: `文件${i}`,
          summary: null,
          body: null,
          issuingAgencyName: agency.name,
          documentNumber,
          formedOn: '2021-03-01',
          category: 'a20_01',
          documentType: 'notice',
          topic: null,
          validity: 'in_force',
          validityChangedOn: null,
          repealedBy: null,
        },
        tokens: [],
        indexNumber: `T/2021-${String(i).padStart(5, '0')}`,
        publishedOn: '2021-03-02',
      })),
    );
    await up(testDb.deps.db as never);
    const stored = await sql<{ title: string; documentNumber: string }>`
      SELECT title, document_number AS "documentNumber" FROM catalogue_entry WHERE index_number LIKE 'T/%'
      ORDER BY index_number`.execute(testDb.deps.db);
    // The database's rewrite is the core's, spelling for spelling.
    expect(stored.rows.map((r) => r.documentNumber)).toEqual(spellings.map(normaliseDocumentNumber));
    expect(stored.rows.map((r) => r.documentNumber)).toEqual([
      '张审批〔2021〕3号',
      '张审批〔2021〕4号',
      '张审批〔2021〕5号',
      '张审批〔2021〕6号',
      '张审批〔2021〕7号',
      '张审批〔2021〕8号',
      '张审批[第9号]',
      '苏府〔2020〕10号',
    ]);
  });
});
