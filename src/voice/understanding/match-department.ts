import type { Department } from '../../store/schemas.js';
import { editDistance } from './edit-distance.js';
import { normaliseText, tokensOf } from './normalise.js';
import { stemOf } from './terms.js';

export interface DepartmentMatch {
  department: Department;
  /** By its name ("the bakery") or by a keyword ("I need a refill"). */
  via: 'name' | 'keyword';
  /** Stems of the caller's words that the match used. */
  covered: Set<string>;
}

interface IndexedDepartment {
  department: Department;
  /** Whole name, and each distinctive word of it ("meat", "seafood"). */
  namePhrases: string[][];
  keywordPhrases: string[][];
}

/** Words of department names that do not single one out ("Customer Service" is not "service"). */
const GENERIC_NAME_WORDS = new Set(['and', 'the', 'of', 'department', 'dept', 'service', 'services', 'counter', 'section', 'center', 'centre', 'desk', 'shop', 'store']);

const cache = new WeakMap<readonly Department[], IndexedDepartment[]>();
const VIAS = ['name', 'keyword'] as const;

function indexFor(departments: readonly Department[]): IndexedDepartment[] {
  let index = cache.get(departments);
  if (!index) {
    index = departments
      .filter((d) => d.active)
      .map((department) => {
        const name = stemsOf(department.name);
        const words = name.filter((s) => !GENERIC_NAME_WORDS.has(s) && s.length >= 3).map((s) => [s]);
        return { department, namePhrases: [name, ...words], keywordPhrases: department.keywords.map(stemsOf).filter((k) => k.length > 0) };
      });
    cache.set(departments, index);
  }
  return index;
}

function stemsOf(text: string): string[] {
  return tokensOf(normaliseText(text)).map(stemOf);
}

/**
 * The department the caller's words point at: names outrank keywords, longer phrases
 * outrank shorter ones ("birthday cake" over "cake"); the first listed wins a tie.
 */
export function matchDepartment(words: readonly string[], departments: readonly Department[]): DepartmentMatch | undefined {
  const stems = words.map(stemOf);
  let best: DepartmentMatch | undefined;
  let bestScore = 0;
  for (const entry of indexFor(departments)) {
    let score = 0;
    let via: DepartmentMatch['via'] = 'keyword';
    let covered: Set<string> | undefined;
    // Names first (worth 10 more), then keywords; nothing is allocated for a department that does not match.
    for (const kind of VIAS) {
      const base = kind === 'name' ? 10 : 0;
      for (const phrase of kind === 'name' ? entry.namePhrases : entry.keywordPhrases) {
        if (!containsPhrase(stems, phrase)) continue;
        covered ??= new Set();
        for (const s of phrase) covered.add(s);
        if (base + phrase.length > score) {
          score = base + phrase.length;
          via = kind;
        }
      }
    }
    if (covered && score > bestScore) {
      bestScore = score;
      best = { department: entry.department, via, covered };
    }
  }
  return best;
}

/**
 * A slip on a long single word ("perscription", "complain"): one edit away, same first
 * letter. Only a last resort, once nothing else understood the caller.
 */
export function matchMisheardDepartment(words: readonly string[], departments: readonly Department[]): DepartmentMatch | undefined {
  const index = indexFor(departments);
  for (const stem of words.map(stemOf)) {
    if (stem.length < 6) continue;
    for (const entry of index) {
      for (const [phrases, via] of [[entry.namePhrases, 'name'], [entry.keywordPhrases, 'keyword']] as const) {
        for (const phrase of phrases) {
          const [word] = phrase;
          if (phrase.length === 1 && word[0] === stem[0] && editDistance(stem, word, 1) <= 1) {
            return { department: entry.department, via, covered: new Set([stem]) };
          }
        }
      }
    }
  }
  return undefined;
}

function containsPhrase(stems: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= stems.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (stems[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
