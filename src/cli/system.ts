import { openSystem, type System } from '../bootstrap.ts';
import { readConfig } from '../config.ts';
import { readEmbeddedLock } from '../db/embedded-lock.ts';
import { usageError } from './output.ts';

/**
 * Opens the system for a CLI command. On the embedded database the command must have the data
 * directory to itself: when a server holds it, writing commands are refused with the way out.
 */
export async function openSystemForCli(options: { demo?: boolean } = {}): Promise<System> {
  const config = readConfig();
  if (!config.databaseUrl) {
    const lock = readEmbeddedLock(config.dataDir);
    if (lock) {
      usageError(
        `内置数据库 ${config.dataDir} 正由运行中的服务（进程 ${lock.pid}）使用。请先停止该服务再执行此命令，或设置 DATABASE_URL 使用 PostgreSQL（可多个进程同时使用）。`,
      );
    }
  }
  return openSystem({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    demo: options.demo ?? false,
  });
}

/** Runs `work` on an opened system and always closes it (an open PGlite keeps the process alive). */
export async function withSystem<T>(
  work: (system: System) => Promise<T>,
  options: { demo?: boolean } = {},
): Promise<T> {
  const system = await openSystemForCli(options);
  try {
    return await work(system);
  } finally {
    await system.close();
  }
}
