import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { seedDemo } from '../../app/demo/seed-demo.ts';
import { readConfig } from '../../config.ts';
import { connectDatabase } from '../../db/connect.ts';
import { lockPathFor, readEmbeddedLock } from '../../db/embedded-lock.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { failWith, usageError } from '../output.ts';
import { withSystem } from '../system.ts';

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('执行数据库迁移（内置数据库或 DATABASE_URL）')
    .action(async () => {
      const config = readConfig();
      if (!config.databaseUrl && readEmbeddedLock(config.dataDir)) {
        usageError('内置数据库正由运行中的服务使用，请先停止服务。');
      }
      const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrateToLatest(database.db as never);
        const applied =
          result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        process.stdout.write(
          applied.length ? `已执行迁移：\n${applied.join('\n')}\n` : '数据库已是最新结构。\n',
        );
      } catch (error) {
        failWith(error);
      } finally {
        await database.close();
      }
    });

  program
    .command('demo')
    .description('演示数据')
    .option('--reset', '清空数据库并重建演示数据')
    .option('--force', '在 PostgreSQL（DATABASE_URL）上也执行清空')
    .action(async (options: { reset?: boolean; force?: boolean }) => {
      if (!options.reset) usageError('请使用 gongkai demo --reset 重建演示数据');
      const config = readConfig();
      if (config.databaseUrl && !options.force) {
        usageError('当前使用 PostgreSQL（DATABASE_URL）。清空会删除全部数据，确认请加 --force。');
      }
      try {
        if (config.databaseUrl) {
          const database = await connectDatabase({ databaseUrl: config.databaseUrl });
          try {
            await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`.execute(database.db);
          } finally {
            await database.close();
          }
        } else {
          if (readEmbeddedLock(config.dataDir)) usageError('内置数据库正由运行中的服务使用，请先停止服务。');
          rmSync(config.dataDir, { recursive: true, force: true });
          rmSync(lockPathFor(config.dataDir), { force: true });
        }
        const logins = await withSystem(
          async (system) => system.demoLogins ?? (await seedDemo(system.deps)),
          { demo: true },
        );
        process.stdout.write(`演示数据已重建。演示账号（密码均为 ${logins[0]?.password}）：\n`);
        for (const login of logins)
          process.stdout.write(`  ${login.username}  ${login.agencyName}  ${login.roleLabels.join('、')}\n`);
      } catch (error) {
        failWith(error);
      }
    });
}
