import { isDomainError } from '../core/shared/domain-error.ts';

/** Errors reach the operator as one Chinese line on stderr, with a non-zero exit status. */
export function failWith(error: unknown): never {
  if (isDomainError(error)) {
    process.stderr.write(`错误：${error.message}\n`);
    process.exit(1);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`错误：${message}\n`);
  process.exit(1);
}

export function usageError(message: string): never {
  process.stderr.write(`用法错误：${message}\n`);
  process.exit(2);
}
