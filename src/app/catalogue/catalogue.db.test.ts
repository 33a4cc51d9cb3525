import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { actorsByUsername } from '../../../test/helpers/fixtures.ts';
import type { EntryInput } from '../../contract/catalogue.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { createCatalogueSearch } from '../../search/index.ts';
import {
  DEMO_CONSTRUCTION_DECISIONS,
  DEMO_ENTERPRISE_DECISIONS,
  DEMO_WEBSITE_ITEMS,
} from '../demo/catalogue.seed.ts';
import type { AppDeps } from '../shared/deps.ts';
import { recordAdministrativeFee } from './administrative-fees.ts';
import { approveEntry } from './approve-entry.ts';
import { updateIndexNumberRule } from './catalogue-settings.ts';
import { changeEntryValidity } from './change-entry-validity.ts';
import { computeReportSection2 } from './compute-report-section2.ts';
import { createEntry } from './create-entry.ts';
import { getEntry } from './get-entry.ts';
import { listEntries } from './list-entries.ts';
import { listTimeliness } from './list-timeliness.ts';
import { getPublicEntry, listPublicDecisions, searchPublicCatalogue } from './public-catalogue.ts';
import { returnEntryToDraft } from './return-entry-to-draft.ts';
import { submitEntryForReview } from './submit-entry-for-review.ts';
import { updateEntry } from './update-entry.ts';
import { withdrawEntry } from './withdraw-entry.ts';

const BUREAU_CODE = '11320582014000028G';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

const normative = (overrides: Partial<EntryInput> = {}): EntryInput => ({
  title: '张家港市行政审批局关于印发《企业开办全程网办实施细则》的通知',
  summary: '规范企业开办全程网办的办理流程。',
  documentNumber: '张审批规〔2026〕1号',
  formedOn: '2026-11-20',
  category: 'a20_01',
  documentType: 'normative_document',
  ...overrides,
});

describe.each(ENGINES)('catalogue on %s', (engine) => {
  let testDb: TestDatabase;
  let deps: AppDeps;
  let bureauId: string;
  let townId: string;
  let actors = new Map<string, Actor>();
  const as = (username: string) => actors.get(username)!;
  // Friday 27 November 2026, 10:00 in China.
  const clock = fixedClock('2026-11-27T02:00:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock });
    deps = testDb.deps;
    const repos = createRepositories(deps.db);
    actors = await actorsByUsername(deps.db);
    bureauId = (await repos.agencies.findByCode(BUREAU_CODE))!.id;
    townId = as('tq.clerk').agencyId;
  });
  afterAll(async () => testDb?.close());

  it('seeds the bureau’s 2021 catalogue at the seed report’s volume', async () => {
    const repos = createRepositories(deps.db);
    expect(await repos.decisions.countByCategory(bureauId, '2021-01-01', '2021-12-31')).toEqual([
      { kind: 'licensing', matterCategory: '企业开办类', count: DEMO_ENTERPRISE_DECISIONS },
      { kind: 'licensing', matterCategory: '基本建设类', count: DEMO_CONSTRUCTION_DECISIONS },
    ]);
    const published = await listEntries(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      status: 'published',
      year: 2021,
      page: 1,
      pageSize: 500,
    });
    expect(published.total).toBe(DEMO_WEBSITE_ITEMS);
    const numbers = published.entries.map((e) => e.indexNumber!);
    expect(new Set(numbers).size).toBe(DEMO_WEBSITE_ITEMS);
    for (const n of numbers) expect(n).toMatch(/^014000028\/2021-\d{5}$/);
    expect(numbers).toContain('014000028/2021-00270');
  });

  it('computes section 二 of the bureau’s 2021 report: 43,850 licensing decisions and nothing else', async () => {
    const feed = await computeReportSection2(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      year: 2021,
    });
    expect(feed.section2).toEqual({
      rule: { issued: 0, repealed: 0, in_force: 0 },
      normative_document: { issued: 0, repealed: 0, in_force: 0 },
      licensing: { decisions: 43_850 },
      penalty: { decisions: 0 },
      coercion: { decisions: 0 },
      administrative_fee: { amount_wan_yuan: 0 },
    });
    expect(feed.drillDown.licensing.decisions).toMatchObject({ source: 'decision', count: 43_850 });
    // The supervisor sees the bureau (its subtree); the town clerk does not.
    await expect(
      computeReportSection2(deps, { actor: as('zjg.supervisor'), agencyId: bureauId, year: 2021 }),
    ).resolves.toBeTruthy();
    expect(
      (await refusal(computeReportSection2(deps, { actor: as('tq.clerk'), agencyId: bureauId, year: 2021 })))
        .code,
    ).toBe('not_found');
  });

  it('runs draft → 保密审查 → published with a 索引号, audited; the author does not review', async () => {
    const draft = await createEntry(deps, { actor: as('spj.clerk'), agencyId: bureauId, entry: normative() });
    expect(draft).toMatchObject({
      status: 'draft',
      indexNumber: null,
      issuingAgencyName: '张家港市行政审批局',
    });
    const edited = await updateEntry(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      // Typed with square brackets, kept the way imports keep it (六角括号).
      changes: {
        ...normative({ summary: '修改后的概述', documentNumber: '张审批规 [2026] 1号' }),
        version: draft.version,
      },
    });
    expect(edited.documentNumber).toBe('张审批规〔2026〕1号');
    // The console's list finds it by its 文号 typed either way.
    for (const text of ['张审批规〔2026〕1', '张审批规[2026]1']) {
      const listed = await listEntries(deps, { actor: as('spj.clerk'), text, page: 1, pageSize: 10 });
      expect(
        listed.entries.map((e) => e.id),
        text,
      ).toContain(draft.id);
    }
    // A stale version is a conflict, not a silent overwrite.
    expect(
      (
        await refusal(
          updateEntry(deps, {
            actor: as('spj.clerk'),
            entryId: draft.id,
            changes: { ...normative(), version: draft.version },
          }),
        )
      ).code,
    ).toBe('conflict');
    const submitted = await submitEntryForReview(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      version: edited.version,
    });
    expect(submitted.status).toBe('in_review');
    // The clerk may not approve; the reviewer may.
    expect(
      (
        await refusal(
          approveEntry(deps, { actor: as('spj.clerk'), entryId: draft.id, version: submitted.version }),
        )
      ).code,
    ).toBe('forbidden');
    const returned = await returnEntryToDraft(deps, {
      actor: as('spj.reviewer'),
      entryId: draft.id,
      version: submitted.version,
      note: '第三段涉及内部事务，请删去',
    });
    expect(returned).toMatchObject({ status: 'draft', reviewNote: '第三段涉及内部事务，请删去' });
    const again = await submitEntryForReview(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      version: returned.version,
    });
    const published = await approveEntry(deps, {
      actor: as('spj.reviewer'),
      entryId: draft.id,
      version: again.version,
    });
    expect(published).toMatchObject({
      status: 'published',
      publishedOn: '2026-11-27',
      indexNumber: '014000028/2026-00001',
    });
    const detail = await getEntry(deps, { actor: as('spj.clerk'), entryId: draft.id });
    // Formed Friday 20 November, published Friday 27 November: 5 workdays.
    expect(detail.clock).toMatchObject({
      status: 'published_on_time',
      workdaysTaken: 5,
      dueOn: '2026-12-18',
    });
    expect(detail.actions).toEqual([]);
    expect((await getEntry(deps, { actor: as('spj.reviewer'), entryId: draft.id })).actions).toEqual([
      'withdraw',
    ]);

    const audit = await createRepositories(deps.db).auditLog.list({
      scope: { kind: 'all' },
      entityType: 'catalogue_entry',
      entityId: draft.id,
      limit: 20,
      offset: 0,
    });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'catalogue_entry.created',
      'catalogue_entry.updated',
      'catalogue_entry.submit_for_review',
      'catalogue_entry.return_to_draft',
      'catalogue_entry.submit_for_review',
      'catalogue_entry.approve',
    ]);
  });

  it('refuses the review by the entry’s own author', async () => {
    const draft = await createEntry(deps, {
      actor: as('spj.reviewer'),
      agencyId: bureauId,
      entry: normative({ title: '审核人自己起草的通知', documentNumber: '张审批规〔2026〕2号' }),
    });
    const submitted = await submitEntryForReview(deps, {
      actor: as('spj.reviewer'),
      entryId: draft.id,
      version: draft.version,
    });
    const error = await refusal(
      approveEntry(deps, { actor: as('spj.reviewer'), entryId: draft.id, version: submitted.version }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('起草人以外');
  });

  it('never gives a withdrawn entry’s 索引号 again', async () => {
    const publish = async (title: string) => {
      const draft = await createEntry(deps, {
        actor: as('spj.clerk'),
        agencyId: bureauId,
        entry: normative({ title, documentNumber: null, documentType: 'notice', category: 'a20_05' }),
      });
      const submitted = await submitEntryForReview(deps, {
        actor: as('spj.clerk'),
        entryId: draft.id,
        version: draft.version,
      });
      return approveEntry(deps, { actor: as('spj.reviewer'), entryId: draft.id, version: submitted.version });
    };
    const first = await publish('将被撤回的通知');
    const withdrawn = await withdrawEntry(deps, {
      actor: as('spj.reviewer'),
      entryId: first.id,
      version: first.version,
      reason: '误发，内容尚未定稿',
    });
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      indexNumber: first.indexNumber,
      withdrawnOn: '2026-11-27',
    });
    const second = await publish('撤回之后公开的通知');
    expect(second.indexNumber).not.toBe(first.indexNumber);
    expect(Number(second.indexNumber!.slice(-5))).toBe(Number(first.indexNumber!.slice(-5)) + 1);
    // The withdrawn entry's page says so; the portal does not show its content.
    const page = await getPublicEntry(deps, { agencyCode: BUREAU_CODE, indexNumber: first.indexNumber! });
    expect(page?.entry.status).toBe('withdrawn');
  });

  it('follows the agency’s own 索引号 rule, without reusing numbers of the old one', async () => {
    await updateIndexNumberRule(deps, {
      actor: as('spj.admin'),
      agencyId: townId,
      pattern: '{org-}/{yyyy}{mm}-{seq:4}',
    }).then(
      () => {
        throw new Error('an agency admin of the bureau changed the town’s rule');
      },
      (e: DomainError) => expect(e.code).toBe('not_found'),
    );
    const error = await refusal(
      updateIndexNumberRule(deps, { actor: as('spj.admin'), agencyId: bureauId, pattern: '{org}/{seq:5}' }),
    );
    expect(error.message).toContain('年份');
    const settings = await updateIndexNumberRule(deps, {
      actor: as('spj.admin'),
      agencyId: bureauId,
      pattern: '{uscc}/{yyyy}{mm}-{seq:5}',
    });
    expect(settings.example).toBe('11320582014000028G/202611-00001');
    const draft = await createEntry(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      entry: normative({
        title: '按新规则编号的通知',
        documentNumber: null,
        documentType: 'notice',
        category: 'a20_05',
      }),
    });
    const submitted = await submitEntryForReview(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      version: draft.version,
    });
    const published = await approveEntry(deps, {
      actor: as('spj.reviewer'),
      entryId: draft.id,
      version: submitted.version,
    });
    expect(published.indexNumber).toBe('11320582014000028G/202611-00001');
    await updateIndexNumberRule(deps, {
      actor: as('spj.admin'),
      agencyId: bureauId,
      pattern: '{org}/{yyyy}-{seq:5}',
    });
  });

  it('counts a repeal and fees in section 二 of the year they happen in', async () => {
    const draft = await createEntry(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      entry: normative({
        title: '将被废止的规范性文件',
        documentNumber: '张审批规〔2026〕9号',
        formedOn: '2026-02-02',
      }),
    });
    const submitted = await submitEntryForReview(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      version: draft.version,
    });
    const published = await approveEntry(deps, {
      actor: as('spj.reviewer'),
      entryId: draft.id,
      version: submitted.version,
    });
    const before = await computeReportSection2(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      year: 2026,
    });
    expect(
      (
        await refusal(
          changeEntryValidity(deps, {
            actor: as('spj.clerk'),
            entryId: draft.id,
            version: published.version,
            validity: 'repealed',
            validityChangedOn: '2026-11-20',
          }),
        )
      ).message,
    ).toContain('废止依据');
    await changeEntryValidity(deps, {
      actor: as('spj.clerk'),
      entryId: draft.id,
      version: published.version,
      validity: 'repealed',
      validityChangedOn: '2026-11-20',
      repealedBy: '张审批规〔2026〕12号',
    });
    await recordAdministrativeFee(deps, {
      actor: as('spj.clerk'),
      fee: { agencyId: bureauId, year: 2026, item: '档案查询复制费', amountYuan: 12_345.6 },
    });
    const after = await computeReportSection2(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      year: 2026,
    });
    expect(after.section2.normative_document.issued).toBe(before.section2.normative_document.issued);
    expect(after.section2.normative_document.repealed).toBe(before.section2.normative_document.repealed! + 1);
    expect(after.section2.normative_document.in_force).toBe(before.section2.normative_document.in_force! - 1);
    expect(after.drillDown.normative_document.repealed).toEqual({
      source: 'catalogue_entry',
      ids: [draft.id],
    });
    expect(after.section2.administrative_fee.amount_wan_yuan).toBe(1.2346);
  });

  it('lists what is due, overdue and published late, with workdays', async () => {
    const timeliness = await listTimeliness(deps, { actor: as('spj.clerk'), agencyId: bureauId, year: 2026 });
    expect(timeliness.today).toBe('2026-11-27');
    // The demo's current work: a draft formed 40 days ago is overdue; two are still due.
    expect(timeliness.entries.overdue.map((e) => e.title)).toContain('关于调整企业开办窗口设置的通告');
    expect(timeliness.entries.due.map((e) => e.title)).toEqual(
      expect.arrayContaining(['市政务服务中心第一季度办件情况通报']),
    );
    for (const item of timeliness.entries.overdue) expect(item.clock.workdaysLate).toBeGreaterThan(0);
    const year2021 = await listTimeliness(deps, { actor: as('spj.clerk'), agencyId: bureauId, year: 2021 });
    expect(year2021.entries.summary.publishedLate).toBe(year2021.entries.publishedLate.length);
    expect(year2021.entries.summary.publishedLate).toBeGreaterThan(0);
    expect(year2021.entries.summary.publishedOnTime + year2021.entries.summary.publishedLate).toBe(
      DEMO_WEBSITE_ITEMS,
    );
    const licensing = year2021.decisions.find((d) => d.kind === 'licensing')!.summary;
    expect(licensing.publishedOnTime + licensing.publishedLate).toBe(43_850);
    expect(licensing.publishedLate).toBeGreaterThan(0);
  });

  it('keeps other agencies’ drafts out of reach', async () => {
    const draft = await createEntry(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      entry: normative({ title: '仅本局可见的草稿', documentNumber: '张审批规〔2026〕7号' }),
    });
    expect((await refusal(getEntry(deps, { actor: as('tq.clerk'), entryId: draft.id }))).code).toBe(
      'not_found',
    );
    expect(
      (await refusal(createEntry(deps, { actor: as('tq.clerk'), agencyId: bureauId, entry: normative() })))
        .code,
    ).toBe('not_found');
    // 第二十一条 township items are not offered to a county department.
    const error = await refusal(
      createEntry(deps, {
        actor: as('spj.clerk'),
        agencyId: bureauId,
        entry: normative({ category: 'a21_t04' }),
      }),
    );
    expect(error.message).toContain('不属于本机关适用');
  });

  describe('Chinese full-text search', () => {
    const search = (text: string, extra: Record<string, unknown> = {}) =>
      createCatalogueSearch(deps.db).search({ text, page: 1, pageSize: 20, ...extra });

    it('finds 行政许可 inside 企业开办类行政许可, with the hits marked', async () => {
      const result = await search('行政许可');
      const titles = result.hits.map((h) => h.title);
      expect(titles).toContain('2021年十二月企业开办类行政许可办理结果公示');
      const hit = result.hits.find((h) => h.title === '2021年十二月企业开办类行政许可办理结果公示')!;
      expect(hit.titleParts.filter((p) => p.hit).map((p) => p.text)).toEqual(['行政许可']);
      // Newest first.
      const dates = result.hits.map((h) => h.publishedOn);
      expect([...dates].sort().reverse()).toEqual(dates);
    });

    it('finds by every word of a longer query and by words the dictionary adds', async () => {
      const result = await search('企业开办类行政许可');
      expect(result.words).toEqual(['企业开办', '类', '行政许可']);
      expect(result.total).toBe(12);
      expect((await search('规范性文件')).hits.map((h) => h.title)).toContain(
        '张家港市行政审批局关于印发《企业开办全程网办实施细则》的通知',
      );
    });

    it('finds a 文号 from a fragment', async () => {
      const result = await search('张审批〔2021〕12');
      expect(result.hits.map((h) => h.documentNumber)).toContain('张审批〔2021〕12号');
      const hit = result.hits.find((h) => h.documentNumber === '张审批〔2021〕12号')!;
      expect(hit.documentNumberParts?.find((p) => p.hit)?.text).toBe('张审批〔2021〕12');
      // As people type the year's brackets: the same entries, the same mark.
      for (const typed of ['张审批[2021]12', '张审批（2021）12', '张审批【2021】12', '张审批 〔2021〕 12']) {
        const same = await search(typed);
        expect(same.total, typed).toBe(result.total);
        const marked = same.hits.find((h) => h.documentNumber === '张审批〔2021〕12号')!;
        expect(marked.documentNumberParts?.find((p) => p.hit)?.text).toBe('张审批〔2021〕12');
      }
    });

    it('filters by agency, year, validity and category, and pages', async () => {
      const all = await search('行政许可', { pageSize: 5 });
      const second = await search('行政许可', { pageSize: 5, page: 2 });
      expect(all.hits).toHaveLength(5);
      expect(second.hits.map((h) => h.id)).not.toEqual(expect.arrayContaining([all.hits[0]!.id]));
      expect((await search('行政许可', { year: 2020 })).total).toBe(0);
      expect((await search('行政许可', { agencyCode: '11320582014000036B' })).total).toBe(0);
      expect((await search('行政许可', { agencyCode: BUREAU_CODE })).total).toBe(28);
      expect((await search('规范性文件', { validity: 'repealed' })).hits.map((h) => h.title)).toEqual([
        '将被废止的规范性文件',
      ]);
      const byCategory = await search('公示', { category: 'a20_05', year: 2021 });
      expect(byCategory.total).toBeGreaterThan(0);
      for (const hit of byCategory.hits) expect(hit.category).toBe('a20_05');
    });

    it('never finds drafts or withdrawn entries', async () => {
      expect((await search('仅本局可见的草稿')).total).toBe(0);
      expect((await search('将被撤回的通知')).total).toBe(0);
    });

    it('finds decisions by a 文号 fragment and by the counterparty beside the catalogue', async () => {
      const found = await searchPublicCatalogue(deps, { text: '张审建许〔2021〕012', page: 1 });
      expect(found.decisions?.total).toBe(10);
      for (const d of found.decisions!.items) expect(d.documentNumber).toMatch(/^张审建许〔2021〕012\d号$/);
      const one = await searchPublicCatalogue(deps, { text: '张审建许〔2021〕0120', page: 1 });
      expect(one.decisions?.items.map((d) => d.documentNumber)).toEqual(['张审建许〔2021〕0120号']);
      const company = one.decisions!.items[0]!.counterpartyName;
      const byName = await listPublicDecisions(deps, { agencyCode: BUREAU_CODE, text: company, page: 1 });
      expect(byName?.items.map((d) => d.counterpartyName)).toContain(company);
      const list = await listPublicDecisions(deps, {
        agencyCode: BUREAU_CODE,
        text: '张审批企〔2021〕00012',
        page: 1,
      });
      expect(list?.items.map((d) => d.documentNumber)).toEqual(['张审批企〔2021〕00012号']);
      // Square brackets as typed find the decision, beside the search and in the list.
      const typed = await searchPublicCatalogue(deps, { text: '张审批企[2021]00012', page: 1 });
      expect(typed.decisions?.items.map((d) => d.documentNumber)).toEqual(['张审批企〔2021〕00012号']);
      const listed = await listPublicDecisions(deps, {
        agencyCode: BUREAU_CODE,
        text: '张审批企[2021]00012',
        page: 1,
      });
      expect(listed?.items.map((d) => d.documentNumber)).toEqual(['张审批企〔2021〕00012号']);
    });
  });
});
