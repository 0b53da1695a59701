import { oncePerValue } from '../../shared/once-per-value.js';
import type { Department } from '../../store/schemas.js';
import { editDistance } from './edit-distance.js';
import { normaliseText, tokensOf } from './normalise.js';
import { classify, stemOf } from './terms.js';

export interface DepartmentMatch {
  department: Department;
  /** By its name ("the bakery") or by a keyword ("I need a refill"). */
  via: 'name' | 'keyword';
  /** Stems of the caller's words that the match used. */
  covered: Set<string>;
  /** Significant words in the phrase that matched: "birthday cake" is 2, "cake" 1. */
  length: number;
  /** The significant stems of that phrase. */
  phrase: string[];
}

interface IndexedDepartment {
  department: Department;
  /** Whole name, and each distinctive word of it ("meat", "seafood"). */
  namePhrases: string[][];
  keywordPhrases: string[][];
  /** Stems of its name and keywords, and of its description: the words of its work, in any order. */
  ownStems: Set<string>;
  descriptionStems: Set<string>;
}

/** Words of department names that do not single one out ("Customer Service" is not "service"). */
const GENERIC_NAME_WORDS = new Set(['and', 'the', 'of', 'department', 'dept', 'service', 'services', 'counter', 'section', 'center', 'centre', 'desk', 'shop', 'store']);

/** Small words of a phrase that do not make it longer ("get my blood pressure checked" is three words long). */
const PHRASE_FILLER = new Set(['a', 'an', 'the', 'my', 'your', 'our', 'of', 'for', 'to', 'and', 'or', 'in', 'on', 'at', 'i', 'me', 'get', 'have', 'do', 'is', 'are', 'it', 'some']);

/** One phrase of a department, filed under its first stem. */
interface PhraseEntry {
  /** The department's place in the list: the first listed wins a tie. */
  position: number;
  phrase: string[];
  via: DepartmentMatch['via'];
}

interface DepartmentIndex {
  departments: IndexedDepartment[];
  /** Every name and keyword phrase by its first stem: a caller's words look up only their own candidates. */
  byFirstStem: Map<string, PhraseEntry[]>;
  /** Each significant word of a keyword phrase of two or more words ("lost" of "lost and found"), by stem. */
  byPhraseWord: Map<string, number[]>;
}

const indexFor = oncePerValue((departments: readonly Department[]): DepartmentIndex => {
  const indexed = departments
    .filter((d) => d.active)
    .map((department) => {
      const name = stemsOf(department.name);
      const words = name.filter((s) => !GENERIC_NAME_WORDS.has(s) && s.length >= 3).map((s) => [s]);
      const keywordPhrases = department.keywords.map(stemsOf).filter((k) => k.length > 0);
      const worded = (stems: string[]) => new Set(stems.filter((s) => !PHRASE_FILLER.has(s) && !GENERIC_NAME_WORDS.has(s) && s.length >= 2));
      return {
        department,
        namePhrases: [name, ...words],
        keywordPhrases,
        ownStems: worded([...name, ...keywordPhrases.flat()]),
        descriptionStems: worded(stemsOf(department.description)),
      };
    });
  const byFirstStem = new Map<string, PhraseEntry[]>();
  indexed.forEach((entry, position) => {
    const file = (phrase: string[], via: DepartmentMatch['via']) => {
      if (phrase.length === 0) return;
      const list = byFirstStem.get(phrase[0]);
      if (list) list.push({ position, phrase, via });
      else byFirstStem.set(phrase[0], [{ position, phrase, via }]);
    };
    for (const phrase of entry.namePhrases) file(phrase, 'name');
    for (const phrase of entry.keywordPhrases) file(phrase, 'keyword');
  });
  const byPhraseWord = new Map<string, number[]>();
  indexed.forEach((entry, position) => {
    for (const phrase of entry.keywordPhrases) {
      const significant = phrase.filter((stem) => !PHRASE_FILLER.has(stem) && stem.length >= 4);
      if (significant.length < 2) continue;
      for (const stem of significant) {
        const list = byPhraseWord.get(stem) ?? [];
        if (!list.includes(position)) list.push(position);
        byPhraseWord.set(stem, list);
      }
    }
  });
  return { departments: indexed, byFirstStem, byPhraseWord };
});

function stemsOf(text: string): string[] {
  return tokensOf(normaliseText(text)).map(stemOf);
}

/**
 * The department the caller's words point at: longer phrases outrank shorter ones, so a
 * department's keyword phrase beats one word of another's name ("sliced meat" is the deli,
 * not Meat and Seafood); words products use count half ("return a bag of dog food" is
 * customer service, not Dog Training); at equal length a name outranks a keyword; the first
 * listed wins a tie.
 */
export function matchDepartment(words: readonly string[], departments: readonly Department[], isProductWord: (stem: string) => boolean = () => false): DepartmentMatch | undefined {
  const index = indexFor(departments);
  const stems = words.map(stemOf);
  let found: (DepartmentMatch & { score: number })[] | undefined;
  for (let i = 0; i < stems.length; i++) {
    const candidates = index.byFirstStem.get(stems[i]);
    if (!candidates) continue;
    for (const { position, phrase, via } of candidates) {
      if (!startsAt(stems, i, phrase)) continue;
      found ??= [];
      const match = (found[position] ??= { department: index.departments[position].department, via, covered: new Set(), score: 0, length: 0, phrase: [] });
      for (const s of phrase) match.covered.add(s);
      const significant = phrase.filter((stem) => !PHRASE_FILLER.has(stem));
      // Each word counts 1 (half, if products use it too: "dog" in a pet shop); a name a little more.
      const weight = significant.reduce((n, stem) => n + (isProductWord(stem) ? 0.5 : 1), 0);
      const score = weight + (via === 'name' ? 0.5 * (weight / Math.max(1, significant.length)) : 0);
      if (score > match.score) {
        match.score = score;
        match.via = via;
        match.length = significant.length;
        match.phrase = significant;
      }
    }
  }
  let best: (DepartmentMatch & { score: number }) | undefined;
  for (const match of found ?? []) if (match && (!best || match.score > best.score)) best = match;
  return best && { department: best.department, via: best.via, covered: best.covered, length: best.length, phrase: best.phrase };
}

/**
 * Plain wording about a department's work: one word of one of its longer keyword phrases
 * ("I lost my wallet" for "lost and found"). Only a last resort, and only for words that
 * `isProductWord` says the catalogue does not use.
 */
export function matchDepartmentLoosely(words: readonly string[], departments: readonly Department[], isProductWord: (stem: string) => boolean): DepartmentMatch | undefined {
  const index = indexFor(departments);
  for (const word of words) {
    const stem = stemOf(word);
    const positions = index.byPhraseWord.get(stem);
    if (!positions || positions.length !== 1 || isProductWord(stem)) continue;
    return { department: index.departments[positions[0]].department, via: 'keyword', covered: new Set([stem]), length: 1, phrase: [stem] };
  }
  return undefined;
}

/**
 * Plain wording about what a department does, its words in any order ("Can you cut a sheet of
 * plywood to size?" for a Lumber Yard that cuts to size; "Where can I recycle old ink
 * cartridges?"): more than half of the caller's words (not counting small words and numbers) are the department's own —
 * its name, keywords or description — and one at least is of its name or keywords (or its
 * description has every one of them). The
 * department whose words cover the most; none when two cover as much. Only once no product
 * was named.
 */
export function matchDepartmentByWork(words: readonly string[], departments: readonly Department[]): DepartmentMatch | undefined {
  const stems = [...new Set(words.filter((w) => classify(w) !== 'stop' && !/^\d/.test(w)).map(stemOf))];
  if (stems.length < 2) return undefined;
  let best: { entry: IndexedDepartment; covered: string[] } | undefined;
  let tied = false;
  for (const entry of indexFor(departments).departments) {
    const covered = stems.filter((s) => entry.ownStems.has(s) || entry.descriptionStems.has(s));
    // Its description alone may say it, when it says everything the caller did ("scan old negatives").
    const own = covered.some((s) => entry.ownStems.has(s)) || (covered.length >= 2 && covered.length === stems.length);
    if (covered.length * 2 <= stems.length || !own) continue;
    if (best && covered.length === best.covered.length) tied = true;
    else if (!best || covered.length > best.covered.length) {
      best = { entry, covered };
      tied = false;
    }
  }
  if (!best || tied) return undefined;
  return { department: best.entry.department, via: 'keyword', covered: new Set(best.covered), length: best.covered.length, phrase: best.covered };
}

/**
 * A slip on a long single word ("perscription", "complain"): one edit away, same first
 * letter. Only a last resort, once nothing else understood the caller.
 */
export function matchMisheardDepartment(words: readonly string[], departments: readonly Department[]): DepartmentMatch | undefined {
  const index = indexFor(departments);
  for (const stem of words.map(stemOf)) {
    if (stem.length < 6) continue;
    for (const entry of index.departments) {
      for (const [phrases, via] of [[entry.namePhrases, 'name'], [entry.keywordPhrases, 'keyword']] as const) {
        for (const phrase of phrases) {
          const [word] = phrase;
          if (phrase.length === 1 && word[0] === stem[0] && editDistance(stem, word, 1) <= 1) {
            return { department: entry.department, via, covered: new Set([stem]), length: 1, phrase: [stem] };
          }
        }
      }
    }
  }
  return undefined;
}

function startsAt(stems: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > stems.length) return false;
  for (let j = 1; j < phrase.length; j++) if (stems[at + j] !== phrase[j]) return false;
  return true;
}
