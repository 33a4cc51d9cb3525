import type { Command } from 'commander';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../core/agency/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { failWith } from '../output.ts';
import { withSystem } from '../system.ts';

export function registerAgencyCommands(program: Command): void {
  const agency = program.command('agency').description('机关');

  agency
    .command('list')
    .description('列出全部机关')
    .action(async () => {
      try {
        const agencies = await withSystem((s) => createRepositories(s.database.db).agencies.listAll());
        for (const a of agencies) {
          process.stdout.write(
            `${a.code}\t${a.name}\t${AGENCY_LEVEL_LABELS[a.level]}${AGENCY_KIND_LABELS[a.kind]}\n`,
          );
        }
      } catch (error) {
        failWith(error);
      }
    });

  agency
    .command('show')
    .description('显示一个机关（代码或准确名称）')
    .argument('<agency>', '统一社会信用代码、组织机构代码或机关全称')
    .action(async (codeOrName: string) => {
      try {
        const found = await withSystem((s) =>
          createRepositories(s.database.db).agencies.findByCodeOrName(codeOrName),
        );
        if (!found) throw new Error(`未找到机关“${codeOrName}”`);
        process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      } catch (error) {
        failWith(error);
      }
    });
}
