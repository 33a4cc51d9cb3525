/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { ReportTables } from './cells.ts';
import { draftOverviewSentences, overviewFactsFromTables } from './draft-overview.ts';
import { runRules } from './rules.ts';

const EXPECTED = import.meta.glob('../../../test/shared/fixtures/**/*.expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, ReportTables>;

describe('draftOverviewSentences', () => {
  it('writes the seed’s figures in the seed’s manner', () => {
    const text = draftOverviewSentences({
      year: 2021,
      agencyName: '张家港市行政审批局',
      publishedItems: 270,
      normativeDocumentsIssued: 0,
      licensingDecisions: 43850,
      penaltyDecisions: 0,
      requestsReceived: 2,
      requestsCarriedOver: 0,
      requestsClosed: 2,
      requestsCarriedForward: 0,
      outcomes: { unavailable: 2, disclosed: 0 },
      reconsiderations: 0,
      litigations: 0,
      processingFeeYuan: 0,
    });
    expect(text).toBe(
      '2021年，张家港市行政审批局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“公开为常态、不公开为例外”，' +
        '扎实做好主动公开、依申请公开和政府信息管理等各项工作。2021年度，' +
        '**主动公开方面**，全年主动公开政府信息270条，本年未制发行政规范性文件，公开行政许可决定43850件；' +
        '**依申请公开方面**，本年新收政府信息公开申请2件，上年结转0件，办结2件（其中无法提供2件），结转下年度继续办理0件；' +
        '**行政复议和行政诉讼方面**，本年未发生因政府信息公开工作被申请行政复议或被提起行政诉讼的情况；' +
        '**信息处理费方面**，本年未收取信息处理费。',
    );
  });

  it('leaves out what is not known and says so plainly when nothing happened', () => {
    expect(draftOverviewSentences({ year: 2024 })).toBe(
      '2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“公开为常态、不公开为例外”，扎实做好主动公开、依申请公开和政府信息管理等各项工作。',
    );
    const quiet = draftOverviewSentences({
      year: 2024,
      requestsReceived: 0,
      requestsCarriedOver: 0,
      processingFeeYuan: 3940,
    });
    expect(quiet).toContain('**依申请公开方面**，本年未收到政府信息公开申请');
    expect(quiet).toContain('收取信息处理费3940元');
    expect(quiet).not.toContain('行政复议');
  });

  it('is a draft R8 reads back without contradiction, for every fixture', () => {
    for (const [path, tables] of Object.entries(EXPECTED)) {
      const overview = draftOverviewSentences(overviewFactsFromTables(tables));
      const prose = { preamble: '', overview, problems: '', otherMatters: '' };
      expect(
        runRules({ tables, prose }).filter((f) => f.rule === 'R8'),
        path,
      ).toEqual([]);
    }
  });

  it('a draft from other figures is caught by R8', () => {
    const tables = Object.values(EXPECTED).find((t) => t.agency === '淮安市人民政府') as ReportTables;
    const facts = { ...overviewFactsFromTables(tables), requestsReceived: 3000, reconsiderations: 350 };
    const prose = { preamble: '', overview: draftOverviewSentences(facts), problems: '', otherMatters: '' };
    const cells = runRules({ tables, prose })
      .filter((f) => f.rule === 'R8')
      .map((f) => f.cells.at(-1));
    expect(cells).toEqual(['section3.new.total', 'section4.reconsideration.total']);
  });

  it('derives facts from the tables, using the merged （六） row', () => {
    const tables = Object.values(EXPECTED).find((t) => t.formatVersion === '2019') as ReportTables;
    const facts = overviewFactsFromTables(tables);
    expect(facts.outcomes?.other).toBe(187);
    expect(facts.requestsReceived).toBe(3119);
    expect(facts.litigations).toBe(46);
    expect(draftOverviewSentences(facts)).toContain('办结3050件（其中予以公开');
  });
});
