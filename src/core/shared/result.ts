/** Expected refusals travel as values (kysely's `{ error, results }` style), not exceptions. */
export type Result<T, E = DomainRefusal> = { ok: true; value: T } | { ok: false; error: E };

export interface DomainRefusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const refuse = <E>(error: E): Result<never, E> => ({ ok: false, error });
