/** A text cut into plain and matching parts, for <mark> in the portal. */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

/**
 * Marks every occurrence of the query and of its words (case-insensitive), longest first, merging
 * overlaps. Done on the page's own text, so it never depends on how the index was cut.
 */
export function highlight(text: string, needles: readonly string[]): HighlightPart[] {
  const lower = text.toLowerCase();
  const marks = new Uint8Array(text.length);
  const words = [...new Set(needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
      marks.fill(1, at, at + word.length);
    }
  }
  const parts: HighlightPart[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      parts.push({ text: text.slice(start, i), hit: marks[start] === 1 });
      start = i;
    }
  }
  return parts.filter((p) => p.text.length > 0);
}
