import type { Command } from 'commander';
import { demoLogins } from '../../app/demo/seed-demo.ts';
import { openSystem, type System } from '../../bootstrap.ts';
import { readConfig } from '../../config.ts';
import { readEmbeddedLock, writeEmbeddedLock } from '../../db/embedded-lock.ts';
import { buildServer } from '../../http/server.ts';
import { buildCatalogueIndex } from '../../search/indexed-catalogue-search.ts';
import { failWith, usageError } from '../output.ts';

/**
 * The portal's search index is built in memory after the server listens (PostgreSQL answers
 * searches meanwhile); a large catalogue shows its progress.
 */
function buildSearchIndexWithProgress(system: System): void {
  const started = performance.now();
  let shown = 0;
  buildCatalogueIndex(system.deps.db, ({ loaded, total }) => {
    if (total >= 100_000 && loaded - shown >= total / 10) {
      shown = loaded;
      process.stdout.write(`  检索索引：已载入 ${loaded} / ${total} 条目录\n`);
    }
  }).then(
    () =>
      process.stdout.write(`  检索索引已就绪（${((performance.now() - started) / 1000).toFixed(1)} 秒）。\n`),
    (error: unknown) =>
      process.stderr.write(`检索索引未能建立（${(error as Error).message}），检索暂由数据库回答。\n`),
  );
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('启动系统（缺省使用内置数据库，首次启动写入演示数据）')
    .option('--port <port>', '端口（缺省 3000 或环境变量 PORT）')
    .option('--host <host>', '监听地址（缺省 127.0.0.1 或环境变量 HOST）')
    .option('--no-demo', '空数据库不写入演示数据')
    .action(async (options: { port?: string; host?: string; demo: boolean }) => {
      const config = readConfig();
      const port = Number(options.port ?? config.port);
      const host = options.host ?? config.host;
      if (!config.databaseUrl) {
        const lock = readEmbeddedLock(config.dataDir);
        if (lock) usageError(`内置数据库已由另一个服务（进程 ${lock.pid}，${lock.url ?? ''}）使用。`);
      }
      try {
        const system = await openSystem({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          demo: options.demo && config.demo,
        });
        const app = await buildServer({
          deps: system.deps,
          logLevel: config.logLevel,
          secureCookies: config.secureCookies,
          trustProxy: config.trustProxy,
        });
        await app.listen({ port, host });
        const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
        const base = `http://${shownHost}:${port}`;
        const releaseLock = config.databaseUrl ? () => {} : writeEmbeddedLock(config.dataDir, base);
        const shutdown = async () => {
          await app.close();
          await system.close();
          releaseLock();
          process.exit(0);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);

        const lines = [
          '',
          'Gongkai 公开 已启动',
          `  数据库：${config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `内置 PGlite，数据目录 ${config.dataDir}`}`,
          `  公众门户：${base}/`,
          `  工作人员控制台：${base}/console/`,
          `  接口文档：${base}/api/docs`,
        ];
        const logins = system.demoLogins ?? (options.demo && config.demo ? demoLogins() : null);
        if (logins) {
          lines.push(system.demoLogins ? '  已写入演示数据。演示账号：' : '  演示账号（若未修改）：');
          for (const login of logins) {
            lines.push(
              `    ${login.username.padEnd(16)} 密码 ${login.password}   ${login.displayName}，${login.agencyName}，${login.roleLabels.join('、')}`,
            );
          }
        }
        lines.push('  按 Ctrl+C 停止。', '');
        process.stdout.write(`${lines.join('\n')}\n`);
        buildSearchIndexWithProgress(system);
      } catch (error) {
        failWith(error);
      }
    });
}
