import type { Command } from 'commander';
import { quoteProcessingFee } from '../../core/fees/index.ts';
import { failWith, usageError } from '../output.ts';

function count(value: string | undefined, label: string, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) usageError(`${label}应为不小于 ${min} 的整数`);
  return n;
}

/**
 * 信息处理费 quotes for staff (国办函〔2020〕109号): the amount alone on stdout, so that scripts can
 * read it; `--explain` adds the tier breakdown and the articles.
 */
export function registerFeeCommands(program: Command): void {
  const fee = program.command('fee').description('信息处理费（国办函〔2020〕109号）');

  fee
    .command('quote')
    .description(
      '计算信息处理费（元）：按量 --per-page <页数>，或按件 --per-piece --count <件数>；二者不得同时适用',
    )
    .option('--per-page <pages>', '按量计收：提供的页数（第五条）')
    .option('--per-piece', '按件计收：同一申请人一个自然月内累计（第四条）')
    .option('--count <pieces>', '按件计收时本次申请的件数')
    .option('--earlier-this-month <pieces>', '按件计收时该申请人本月此前已申请的件数', '0')
    .option('--explain', '同时输出分档计算过程')
    .action(
      (options: {
        perPage?: string;
        perPiece?: boolean;
        count?: string;
        earlierThisMonth: string;
        explain?: boolean;
      }) => {
        if (options.perPage !== undefined && options.perPiece) {
          usageError('按件计收和按量计收不得同时适用（109号第三条），请只选一种');
        }
        if (options.perPage === undefined && !options.perPiece) {
          usageError('请选择计收方式：--per-page <页数> 或 --per-piece --count <件数>');
        }
        try {
          const quote =
            options.perPage !== undefined
              ? quoteProcessingFee({ method: 'per_page', pages: count(options.perPage, '页数', 0) })
              : quoteProcessingFee({
                  method: 'per_piece',
                  pieces: count(options.count, '件数（--count）', 1),
                  earlierPiecesThisMonth: count(options.earlierThisMonth, '本月此前件数', 0),
                });
          process.stdout.write(`${quote.amountYuan}\n`);
          if (options.explain) process.stdout.write(`${quote.reasons.join('\n')}\n`);
        } catch (error) {
          failWith(error);
        }
      },
    );
}
