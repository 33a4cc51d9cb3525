import { type OutcomeCode, outcomeGroupOf } from '../annual-report/cells.ts';
import { daysBetween, type LocalDate } from '../shared/local-date.ts';

/**
 * Two hints for the handler, never decisions:
 * - findPossibleRepeats: the same applicant asking again for much the same information, which may be
 *   a 重复申请 (第三十六条第六项, report row 三(五)2). Whether it is a repeat stays a human judgement.
 * - proposeProactiveDisclosure: information asked for by several different applicants, which the
 *   agency may move into proactive disclosure (第四十四条).
 *
 * Similarity is the Dice coefficient of character bigrams: Chinese has no spaces, and bigrams catch
 * reordered phrases (“2024年预算” / “预算2024年”) without a dictionary.
 */

export interface RepeatCandidate {
  id: string;
  applicantName: string;
  /** Number of the identity document (居民身份证号 or 统一社会信用代码), when given. */
  applicantIdNumber: string | null;
  description: string;
  receivedOn: LocalDate;
  /** The outcome once replied (proposeProactiveDisclosure leaves out information that can not be disclosed). */
  outcome?: OutcomeCode | null;
}

/** Phrases every application repeats; they say nothing about which information is wanted. */
const BOILERPLATE = [
  '申请公开',
  '请求公开',
  '要求公开',
  '依申请',
  '政府信息',
  '相关信息',
  '相关文件',
  '有关',
  '关于',
  '的',
];

export function normaliseDescription(text: string): string {
  let normalised = text.normalize('NFKC').toLowerCase();
  for (const phrase of BOILERPLATE) normalised = normalised.split(phrase).join('');
  return normalised.replace(/[\p{P}\p{S}\p{Z}\s]/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const chars = [...normaliseDescription(text)];
  const grams = new Map<string, number>();
  const add = (gram: string) => grams.set(gram, (grams.get(gram) ?? 0) + 1);
  if (chars.length === 1) add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!);
  return grams;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const [gram, n] of b) {
    sizeB += n;
    shared += Math.min(n, a.get(gram) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** Dice coefficient of character bigrams, 0 (nothing shared) to 1 (same text after normalisation). */
export function descriptionSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

const normaliseName = (name: string) => name.normalize('NFKC').replace(/\s/g, '');
const normaliseId = (id: string) => id.normalize('NFKC').replace(/\s/g, '').toUpperCase();

/** Who an applicant is across applications: the document number when there is one, else the name. */
export function applicantKeyOf(
  candidate: Pick<RepeatCandidate, 'applicantName' | 'applicantIdNumber'>,
): string {
  return candidate.applicantIdNumber
    ? `id:${normaliseId(candidate.applicantIdNumber)}`
    : `name:${normaliseName(candidate.applicantName)}`;
}

/**
 * Same applicant: equal document numbers; or, when one side has no number, equal names. Two different
 * numbers are two people, whatever their names.
 */
function sameApplicant(a: RepeatCandidate, b: RepeatCandidate): 'id_number' | 'name' | null {
  if (a.applicantIdNumber && b.applicantIdNumber) {
    return normaliseId(a.applicantIdNumber) === normaliseId(b.applicantIdNumber) ? 'id_number' : null;
  }
  return normaliseName(a.applicantName) === normaliseName(b.applicantName) &&
    normaliseName(a.applicantName) !== ''
    ? 'name'
    : null;
}

export interface RepeatOptions {
  /** How far back to look, in calendar days (default 365). */
  windowDays?: number;
  /** Minimum description similarity, 0–1 (default 0.6). */
  minSimilarity?: number;
}

export interface PossibleRepeat {
  earlierId: string;
  similarity: number;
  sameApplicantBy: 'id_number' | 'name';
  daysApart: number;
  earlierOutcome: OutcomeCode | null;
  /** Why it is shown, in Chinese. */
  reason: string;
}

export function findPossibleRepeats(
  newRequest: RepeatCandidate,
  earlierRequests: readonly RepeatCandidate[],
  options: RepeatOptions = {},
): PossibleRepeat[] {
  const windowDays = options.windowDays ?? 365;
  const minSimilarity = options.minSimilarity ?? 0.6;
  const grams = bigrams(newRequest.description);
  const found: PossibleRepeat[] = [];
  for (const earlier of earlierRequests) {
    if (earlier.id === newRequest.id) continue;
    const daysApart = daysBetween(earlier.receivedOn, newRequest.receivedOn);
    if (daysApart < 0 || daysApart > windowDays) continue;
    const by = sameApplicant(newRequest, earlier);
    if (!by) continue;
    const similarity = dice(grams, bigrams(earlier.description));
    if (similarity < minSimilarity) continue;
    found.push({
      earlierId: earlier.id,
      similarity,
      sameApplicantBy: by,
      daysApart,
      earlierOutcome: earlier.outcome ?? null,
      reason: `同一申请人（${by === 'id_number' ? '证件号码相同' : '姓名或名称相同'}）${daysApart}天前曾申请内容相近的信息（相似度${Math.round(similarity * 100)}%），请核实是否属于重复申请（《政府信息公开条例》第三十六条第六项）`,
    });
  }
  return found.sort((a, b) => b.similarity - a.similarity || a.daysApart - b.daysApart);
}

export interface ProactiveOptions {
  /** Distinct applicants needed (default 3). */
  minApplicants?: number;
  /** Minimum description similarity to group two requests (default 0.6). */
  minSimilarity?: number;
}

export interface ProactiveDisclosureProposal {
  requestIds: string[];
  applicantCount: number;
  /** The description closest to all the others of the group. */
  representativeDescription: string;
  firstReceivedOn: LocalDate;
  lastReceivedOn: LocalDate;
  /** Requests of the group already answered with disclosure (full or partial). */
  disclosedCount: number;
  reason: string;
}

/** Outcomes that show the information can not be disclosed, or was never really asked for. */
function isExcludedOutcome(outcome: OutcomeCode | null | undefined): boolean {
  if (!outcome) return false;
  return outcomeGroupOf(outcome) !== null;
}

/**
 * Groups requests for much the same information (single-link: a request joins a group when it is
 * similar enough to any member) and proposes the groups asked for by at least `minApplicants`
 * different applicants. Requests whose outcome shows the information was withheld, unavailable or
 * not processed are left out: 第四十四条 only concerns information that can be disclosed.
 */
export function proposeProactiveDisclosure(
  requests: readonly RepeatCandidate[],
  options: ProactiveOptions = {},
): ProactiveDisclosureProposal[] {
  const minApplicants = options.minApplicants ?? 3;
  const minSimilarity = options.minSimilarity ?? 0.6;
  const pool = requests.filter((r) => !isExcludedOutcome(r.outcome));
  const grams = pool.map((r) => bigrams(r.description));
  const parent = pool.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const similarity = new Map<string, number>();
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      const s = dice(grams[i]!, grams[j]!);
      if (s < minSimilarity) continue;
      similarity.set(`${i}:${j}`, s);
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  pool.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });

  const proposals: ProactiveDisclosureProposal[] = [];
  for (const members of groups.values()) {
    const applicants = new Set(members.map((i) => applicantKeyOf(pool[i]!)));
    if (applicants.size < minApplicants) continue;
    const score = (i: number) =>
      members.reduce(
        (sum, j) => (j === i ? sum : sum + (similarity.get(i < j ? `${i}:${j}` : `${j}:${i}`) ?? 0)),
        0,
      );
    const representative = members.reduce((best, i) => (score(i) > score(best) ? i : best), members[0]!);
    const dates = members.map((i) => pool[i]!.receivedOn).sort();
    const disclosedCount = members.filter((i) => {
      const outcome = pool[i]!.outcome;
      return outcome === 'disclosed' || outcome === 'partially_disclosed';
    }).length;
    proposals.push({
      requestIds: members.map((i) => pool[i]!.id),
      applicantCount: applicants.size,
      representativeDescription: pool[representative]!.description,
      firstReceivedOn: dates[0]!,
      lastReceivedOn: dates.at(-1)!,
      disclosedCount,
      reason: `${applicants.size}个不同申请人申请公开内容相近的政府信息${disclosedCount > 0 ? `，其中${disclosedCount}件已予以公开或部分公开` : ''}；属于可以公开的，可以纳入主动公开的范围（《政府信息公开条例》第四十四条）`,
    });
  }
  return proposals.sort(
    (a, b) => b.applicantCount - a.applicantCount || b.requestIds.length - a.requestIds.length,
  );
}
