/** A text cut into plain and matching parts, for <mark> in the portal. */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

/**
 * Marks every occurrence of the query and of its words (case-insensitive), longest first, merging
 * overlaps. Done on the page's own text, so it never depends on how the index was cut. The words
 * are prepared once for all the texts of a result page.
 */
export function highlighter(needles: readonly string[]): (text: string) => HighlightPart[] {
  const words = [...new Set(needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    const lower = text.toLowerCase();
    let marks: Uint8Array | null = null;
    for (const word of words) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
        marks ??= new Uint8Array(text.length);
        marks.fill(1, at, at + word.length);
      }
    }
    if (!marks) return text.length > 0 ? [{ text, hit: false }] : [];
    const parts: HighlightPart[] = [];
    let start = 0;
    for (let i = 1; i <= text.length; i++) {
      if (i === text.length || marks[i] !== marks[start]) {
        parts.push({ text: text.slice(start, i), hit: marks[start] === 1 });
        start = i;
      }
    }
    return parts;
  };
}

export function highlight(text: string, needles: readonly string[]): HighlightPart[] {
  return highlighter(needles)(text);
}
