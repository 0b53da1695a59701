/**
 * Typo tolerance without scanning the dictionary: every dictionary word is filed under
 * itself and each of its one-letter deletions, so a misheard word finds its neighbours
 * (one insertion, deletion, substitution or swap away) by a handful of map lookups.
 */

export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[cols - 1];
}

export class NeighbourIndex {
  private readonly buckets = new Map<string, string[]>();

  add(word: string): void {
    for (const key of [word, ...deletions(word)]) {
      const bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, [word]);
      else if (!bucket.includes(word)) bucket.push(word);
    }
  }

  /**
   * Dictionary words within `max` edits (1 or 2) of `word`, found through shared deletions; for
   * two edits the word's two-letter deletions are looked up too ("emergencyc" → "emergen").
   */
  near(word: string, max: number): string[] {
    const found = new Set<string>();
    const look = (key: string) => {
      for (const candidate of this.buckets.get(key) ?? []) {
        if (candidate !== word && editDistance(word, candidate, max) <= max) found.add(candidate);
      }
    };
    const once = deletions(word);
    look(word);
    for (const key of once) look(key);
    if (max >= 2) for (const key of once) for (const twice of deletions(key)) look(twice);
    return [...found];
  }
}
