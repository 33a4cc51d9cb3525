import type { Command } from 'commander';
import { computeReportSections34 } from '../../app/disclosure-request/compute-report-sections34.ts';
import { explainRequestByTrackingCode } from '../../app/disclosure-request/explain-request-deadline.ts';
import { APPLICANT_TYPES, SECTION3_ROW_LABELS, SECTION3_ROWS } from '../../core/annual-report/index.ts';
import { isLocalDate } from '../../core/shared/local-date.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { failWith, usageError } from '../output.ts';
import { withSystem } from '../system.ts';

/** 依申请公开 for the operator on the server: a request's 计时说明, an agency's report figures. */
export function registerRequestCommands(program: Command): void {
  const request = program.command('request').description('依申请公开');

  request
    .command('explain')
    .description('输出一件申请的计时说明（受理编号）')
    .argument('<tracking-code>', '受理编号，如 Y20261127-7K3MQ9')
    .option('--as-of <date>', '按某日计算（YYYY-MM-DD，默认今天）')
    .action(async (trackingCode: string, options: { asOf?: string }) => {
      if (options.asOf && !isLocalDate(options.asOf))
        usageError(`日期“${options.asOf}”无效，应为 YYYY-MM-DD`);
      try {
        const view = await withSystem((s) =>
          explainRequestByTrackingCode(s.deps, { trackingCode, asOf: options.asOf }),
        );
        process.stdout.write(view.text);
      } catch (error) {
        failWith(error);
      }
    });

  request
    .command('report-feed')
    .description('由办理记录计算年度报告第三、四部分（按申请人类型）')
    .requiredOption('--agency <agency>', '机关代码或全称')
    .requiredOption('--year <year>', '年度')
    .option('--json', '输出 JSON（含每个单元格对应的申请）')
    .action(async (options: { agency: string; year: string; json?: boolean }) => {
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 2019 || year > 2100) usageError('年度无效');
      try {
        const feed = await withSystem(async (s) => {
          const agency = await createRepositories(s.database.db).agencies.findByCodeOrName(options.agency);
          if (!agency) throw new Error(`未找到机关“${options.agency}”`);
          return computeReportSections34(s.deps, { actor: null, agencyId: agency.id, year });
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${feed.agencyName} ${year} 年 三、收到和处理政府信息公开申请情况\n`);
        process.stdout.write(
          `项目\t${['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].join('\t')}\n`,
        );
        for (const row of SECTION3_ROWS) {
          const cells = [...APPLICANT_TYPES, 'total' as const].map((c) => feed.section3[row][c] ?? 0);
          process.stdout.write(`${SECTION3_ROW_LABELS[row]}\t${cells.join('\t')}\n`);
        }
        process.stdout.write('四、政府信息公开行政复议、行政诉讼情况\n');
        for (const [block, columns] of Object.entries(feed.section4)) {
          process.stdout.write(`${block}\t${Object.values(columns).join('\t')}\n`);
        }
      } catch (error) {
        failWith(error);
      }
    });
}
