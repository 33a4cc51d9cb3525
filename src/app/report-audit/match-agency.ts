/**
 * Which agency a published report is about, from the name printed in its title. Reports often print a
 * shorter name than the register holds (洪泽区人民政府 for 淮安市洪泽区人民政府), so a name also matches a
 * longer one that ends with it — but only when that leaves one candidate, and never on a bare
 * 人民政府/办公室 that many agencies end with.
 */

const MIN_SUFFIX_LENGTH = 5;

export function normaliseAgencyName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

/** 0: different agencies; 1: one name ends with the other; 2: the same name. */
export function agencyNameMatch(a: string, b: string): 0 | 1 | 2 {
  const x = normaliseAgencyName(a);
  const y = normaliseAgencyName(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 2;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= MIN_SUFFIX_LENGTH && long.endsWith(short) ? 1 : 0;
}

/** The one agency the printed name designates among `agencies`, or null when none or several do. */
export function matchAgency<T extends { name: string; shortName?: string | null }>(
  printed: string | null,
  agencies: readonly T[],
): T | null {
  if (!printed) return null;
  const exact = agencies.filter(
    (a) =>
      agencyNameMatch(printed, a.name) === 2 || (a.shortName && agencyNameMatch(printed, a.shortName) === 2),
  );
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const suffix = agencies.filter((a) => agencyNameMatch(printed, a.name) === 1);
  return suffix.length === 1 ? suffix[0]! : null;
}
