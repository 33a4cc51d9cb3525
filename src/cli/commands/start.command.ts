import type { Command } from 'commander';
import { demoLogins } from '../../app/demo/seed-demo.ts';
import { openSystem } from '../../bootstrap.ts';
import { readConfig } from '../../config.ts';
import { readEmbeddedLock, writeEmbeddedLock } from '../../db/embedded-lock.ts';
import { buildServer } from '../../http/server.ts';
import { failWith, usageError } from '../output.ts';

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
      } catch (error) {
        failWith(error);
      }
    });
}
