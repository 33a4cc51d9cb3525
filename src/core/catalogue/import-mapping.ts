import { ok, type Result, refuse } from '../shared/result.ts';

/**
 * Column mapping for bulk imports: which column of the file feeds which field. Headers are matched
 * after normalisation (spaces dropped, full-width brackets made half-width, Latin lower-cased) against
 * each field's known names; an explicit mapping (field → header) overrides the guess.
 */
export interface ImportFieldSpec<F extends string = string> {
  field: F;
  /** The Chinese name shown in reports and templates. */
  label: string;
  required: boolean;
  /** Header names this field is recognised by, the label first. */
  aliases: readonly string[];
  /** A required field may instead be fed by this other field's column (名称 ← 事项名称). */
  fallback?: F;
  /** What the column holds, for templates and the console's mapping step. */
  hint?: string;
}

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[*＊]/g, '')
    .toLowerCase();
}

export interface ColumnMapping<F extends string = string> {
  /** Field → column index (0-based). */
  columns: Partial<Record<F, number>>;
  /** Headers nobody reads: reported, not an error (exports carry many extra columns). */
  ignoredHeaders: string[];
}

/**
 * Resolves the mapping for a header row. Refuses — before any row is read — when a required field has
 * no column, when an explicit mapping names a header the file does not have, or when two columns
 * could feed one field.
 */
export function resolveColumnMapping<F extends string>(
  specs: readonly ImportFieldSpec<F>[],
  headers: readonly string[],
  explicit: Partial<Record<F, string>> = {},
  optionalFields: ReadonlySet<F> = new Set(),
): Result<ColumnMapping<F>, { code: 'import_columns_invalid'; message: string; problems: string[] }> {
  const normalised = headers.map(normaliseHeader);
  const problems: string[] = [];
  const columns: Partial<Record<F, number>> = {};
  const used = new Set<number>();
  const specByField = new Map(specs.map((s) => [s.field, s]));
  for (const [field, header] of Object.entries(explicit) as [F, string][]) {
    const spec = specByField.get(field);
    if (!spec) {
      problems.push(`列映射中的字段“${field}”不存在`);
      continue;
    }
    // An empty header: the field is read from no column, even one its known names would match.
    if (header.trim() === '') continue;
    const index = normalised.indexOf(normaliseHeader(header));
    if (index < 0) problems.push(`列映射指定“${spec.label}”取自列“${header}”，但文件中没有这一列`);
    else {
      columns[field] = index;
      used.add(index);
    }
  }
  for (const spec of specs) {
    if (columns[spec.field] !== undefined || explicit[spec.field] !== undefined) continue;
    const candidates = spec.aliases
      .map((alias) => normalised.indexOf(normaliseHeader(alias)))
      .filter((i, pos, all) => i >= 0 && !used.has(i) && all.indexOf(i) === pos);
    if (candidates.length > 1) {
      problems.push(
        `“${spec.label}”可能取自多列（${candidates.map((i) => `“${headers[i]}”`).join('、')}），请用列映射指定其中一列`,
      );
      continue;
    }
    if (candidates.length === 1) {
      columns[spec.field] = candidates[0]!;
      used.add(candidates[0]!);
    }
  }
  for (const spec of specs) {
    if (!spec.required || optionalFields.has(spec.field) || columns[spec.field] !== undefined) continue;
    if (explicit[spec.field] !== undefined && explicit[spec.field]!.trim() !== '') continue;
    if (spec.fallback !== undefined && columns[spec.fallback] !== undefined) continue;
    const fallback = spec.fallback ? specByField.get(spec.fallback) : undefined;
    problems.push(
      `缺少必需的列“${spec.label}”${fallback ? `或“${fallback.label}”` : ''}（可用列名：${spec.aliases.join('、')}）`,
    );
  }
  if (problems.length > 0) {
    return refuse({
      code: 'import_columns_invalid',
      message: `文件的列不符合要求：${problems.join('；')}`,
      problems,
    });
  }
  const ignoredHeaders = headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  return ok({ columns, ignoredHeaders });
}

/**
 * Parses a mapping written `字段=列名,字段=列名` (fields by their English name or Chinese label);
 * `字段=` with no header reads the field from no column.
 */
export function parseMappingText<F extends string>(
  specs: readonly ImportFieldSpec<F>[],
  text: string,
): Result<Partial<Record<F, string>>> {
  const mapping: Partial<Record<F, string>> = {};
  for (const part of text.split(/[,，;；\n]/)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return refuse({ code: 'validation_failed', message: `列映射“${part}”应写作 字段=列名` });
    const key = part.slice(0, eq).trim();
    const header = part.slice(eq + 1).trim();
    const spec = specs.find((s) => s.field === key || s.label === key);
    if (!spec) {
      return refuse({
        code: 'validation_failed',
        message: `列映射中的字段“${key}”不存在（可用字段：${specs.map((s) => `${s.field}/${s.label}`).join('、')}）`,
      });
    }
    // 字段= (no header): the field is not read from the file.
    mapping[spec.field] = header;
  }
  return ok(mapping);
}
