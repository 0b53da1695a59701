import type { Product } from '../../store/schemas.js';
import type { CallerQuery } from './caller-query.js';
import { normaliseTokens } from './normalise.js';
import type { ProductIndex } from './product-index.js';
import { ROLE } from './product-text.js';

/**
 * How well one product answers what the caller said, term by named term, so a newcomer (and
 * the debug log) can see why a product won. A product qualifies only when
 *   - it has every main word the caller said (a typo or a sound-alike counts, weaker); the
 *     last one or two may be missing when they are kind words the store uses and the rest
 *     names the product distinctly ("Kellogg's Corn Flakes cereal", "Pepsi cola");
 *   - what matched says which product it is: its head ("milk"), a whole keyword, two or more
 *     words of its name ("Rao's marinara", "dog chow"), all of its name, or one rare word of
 *     its name said just as it is written ("Sleepytime", "Goldfish"); or, a tier lower, only
 *     the word its name begins with, when that word begins names in this store: a brand;
 *   - and a near word alone is not enough unless it is a long, close one ("ibuprofin").
 */
export interface ScoreParts {
  /** The caller's main words it has, each weighted by how rare the word is in the catalogue (brands and flavours count most). */
  words: number;
  /** Vague words and containers the caller said that its name has ("pizza rolls"). */
  soft: number;
  /** Words after "for"/"with" that it has. */
  context: number;
  /** A keyword said in full (1 when the caller said exactly it). */
  keyword: number;
  /** The caller said exactly its name. */
  exactName: number;
  /** It has every word the caller said. */
  complete: number;
  /** Trailing kind words it lacks. */
  missing: number;
  /** Only to order equals: the share of its name said (or of a keyword). */
  coverage: number;
  /** The caller's last word is its head ("chuck it balls": the ball); a little, only to order equals, if its head was said elsewhere. */
  head: number;
}

export interface Candidate {
  slot: number;
  product: Product;
  /** Evidence from what the caller said; products within CLEAR_LEAD of the best are close. */
  score: number;
  parts: ScoreParts;
  /**
   * 'name': the product itself was named; 'line': by one rare word of its name ("Sleepytime");
   * 'lead': only by its brand ("Purina"); 'related': by one word of its name that says what it is
   * for or made of ("allergy" of "Claritin Allergy Tablets"): never named alone, only counted
   * in a request for a detail. A better tier found drops the lower ones.
   */
  tier: 'name' | 'line' | 'lead' | 'related';
  /** Every main word matched as said (no typo or sound-alike needed). */
  exact: boolean;
  /** How many of the caller's main words it has, and how many trailing kind words it lacks (0 for a full match). */
  matched: number;
  /** The caller's words it has as said (main and context), as bits by position: what a department's words are checked against. */
  said: number;
  missing: number;
  /** The catalogue terms of the lead words matched (for a brand answer: which brand). */
  leadTerms: number[];
  /** What orders equal scores: the product's name length and id (from the index's arrays, so a sort of thousands reads one shape of object). */
  nameLength: number;
  id: string;
}

const WEIGHT_SOFT = 0.5;
const WEIGHT_CONTEXT = 1;
const CONTEXT_FLOOR = 0.6;
/** Context after a pause (", the oil based one") against context after "for"/"to" ("to cover a water stain"). */
const ASIDE = 1.5;
const AROUND = 1;
const WEIGHT_HEAD_SAID = 0.3;
const WEIGHT_KEYWORD_EXACT = 1;
const WEIGHT_KEYWORD_FULL = 0.3;
const WEIGHT_EXACT_NAME = 0.6;
const WEIGHT_COMPLETE = 0.4;
const PENALTY_MISSING = 0.4;
const MAX_MISSING = 2;
/** Order-only terms are scaled down so they never decide between close products alone. */
const RANK_ONLY = 0.1;
const MIN_WEIGHT = 0.2;

/** Rarer words say more: a brand on three products outweighs "food" on three thousand. */
export function termWeight(index: ProductIndex, id: number): number {
  const n = index.live;
  const df = index.df[id];
  if (df <= 0 || n <= 0) return MIN_WEIGHT;
  return Math.max(MIN_WEIGHT, Math.min(1, Math.log(1 + n / df) / Math.log(1 + n)));
}

/**
 * Below this many products, how often a word occurs says little about it: in a small shop
 * "chocolate" is on one product and still not a brand.
 */
const TELLING_CATALOGUE = 1000;

/**
 * A word on this few products of a big catalogue names them: a line ("Sleepytime", "Ovengold").
 * In a small shop only a word written the way brands are ("KryptoFlex", "Rao's") says as much.
 */
export function isRare(index: ProductIndex, id: number, roles: number): boolean {
  if (index.live >= TELLING_CATALOGUE) return index.df[id] <= Math.max(5, index.live / 2000);
  return (roles & ROLE.MARKED) !== 0 && index.df[id] <= 3;
}

/**
 * A word that begins names the way a brand does: it begins two or more ("Purina", and then
 * also "Children's Zyrtec" is Zyrtec), it is written like one ("Rao's"), or in a big
 * catalogue it begins the one name it is in and the caller said it as written ("Planters").
 * Not "Blue" of "Blue Diamond" among a thousand blue things, not "blueberries" for the
 * Blueberry Pet collar, nor "Chocolate" of a small shop's cookies.
 */
export function isBrandLike(index: ProductIndex, id: number, roles: number, product: Product, said: string, near: boolean): boolean {
  if (index.leadDf[id] >= 2 || (roles & ROLE.LEAD && roles & ROLE.MARKED)) return true;
  // A close slip of a long brand ("Immodium", "Cetafil") was meant as written.
  return index.live >= TELLING_CATALOGUE && index.leadDf[id] === 1 && index.df[id] === 1 && (near || saidAsWritten(product, said));
}

/** Scratch space for one search at a time (searches are synchronous and never overlap). */
export class ScoreScratch {
  roles = new Int32Array(64);
  best = new Float64Array(64);
  bestExact = new Uint8Array(64);
  bestStrong = new Uint8Array(64);
  bestRoles = new Int32Array(64);
  bestTerm = new Int32Array(64);
  weights = new Float64Array(64);
  /** Per main word: whether the catalogue knows it at all (an exact term exists); 2 when it is what some product is (a head). */
  known = new Uint8Array(64);
  /** Term numbers of one product's match (its name words, its main words, those it has): reused, nothing allocated per product. */
  nameIds = new Int32Array(64);
  mainIds = new Int32Array(64);
  matchedIds = new Int32Array(64);

  /** Term weights, worked out once per search: a common name word is weighed for thousands of candidates. */
  private weightCache = new Float64Array(1024);
  private weightStamp = new Uint32Array(1024);
  private stamp = 0;

  weightOf(index: ProductIndex, id: number): number {
    if (id >= this.weightStamp.length) {
      const n = Math.max(id + 1, this.weightStamp.length * 2);
      this.weightCache = new Float64Array(n);
      this.weightStamp = new Uint32Array(n);
    }
    if (this.weightStamp[id] !== this.stamp) {
      this.weightStamp[id] = this.stamp;
      this.weightCache[id] = termWeight(index, id);
    }
    return this.weightCache[id];
  }

  prepare(query: CallerQuery, index: ProductIndex): void {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) this.weightStamp.fill(0);
    const size = Math.max(query.terms.length, query.words.length);
    if (this.roles.length < size) {
      const n = size * 2;
      this.roles = new Int32Array(n);
      this.best = new Float64Array(n);
      this.bestExact = new Uint8Array(n);
      this.bestStrong = new Uint8Array(n);
      this.bestRoles = new Int32Array(n);
      this.bestTerm = new Int32Array(n);
      this.weights = new Float64Array(n);
      this.known = new Uint8Array(n);
      this.nameIds = new Int32Array(n);
      this.mainIds = new Int32Array(n);
      this.matchedIds = new Int32Array(n);
    }
    this.known.fill(0, 0, query.words.length);
    for (const i of query.main) if (index.knowsInactive(query.words[i].stem)) this.known[i] = 1;
    for (let t = 0; t < query.terms.length; t++) {
      const term = query.terms[t];
      this.weights[t] = termWeight(index, term.id);
      if (term.exact && term.to - term.from === 1) this.known[term.from] = Math.max(this.known[term.from], index.headDf[term.id] > 0 ? 2 : 1);
    }
  }
}

export function scoreProduct(index: ProductIndex, slot: number, query: CallerQuery, scratch: ScoreScratch): Candidate | undefined {
  const product = index.products[slot];
  if (product === undefined) return undefined;
  const data = index.pool.data;
  const at = index.start.data[slot];
  const nTerms = data[at];
  const { terms, words, main } = query;

  // 1. Which of the query's terms this product has, and in what role (one merge of two sorted lists).
  const roles = scratch.roles;
  let p = 0;
  for (let t = 0; t < terms.length; t++) {
    const id = terms[t].id;
    while (p < nTerms && data[at + 1 + p * 2] < id) p++;
    roles[t] = p < nTerms && data[at + 1 + p * 2] === id ? data[at + 2 + p * 2] : 0;
  }

  // 2. Each word's best reading that this product has.
  const { best, bestExact, bestStrong, bestRoles, bestTerm, weights, known } = scratch;
  for (let i = 0; i < words.length; i++) {
    best[i] = 0;
    bestExact[i] = 0;
    bestStrong[i] = 0;
    bestRoles[i] = 0;
    bestTerm[i] = -1;
  }
  for (let t = 0; t < terms.length; t++) {
    if (roles[t] === 0) continue;
    const term = terms[t];
    // A joined word is one word's worth of evidence, shared by the words it joins; a small word it
    // takes in counts half ("U lock" is "U-Lock", more than any lock).
    const small = term.to - term.from - term.meaningful;
    const value = (term.confidence * weights[t] * (1 + 0.5 * small)) / term.meaningful;
    for (let i = term.from; i < term.to; i++) {
      bestRoles[i] |= roles[t];
      if (term.exact) bestExact[i] = 1;
      if (term.strong) bestStrong[i] = 1;
      if (value > best[i]) {
        best[i] = value;
        bestTerm[i] = t;
      }
    }
  }

  // 3. The main words: which it has, and which trailing ones it lacks.
  let matched = 0;
  let exactMain = 0;
  let weakOnly = false;
  let wordScore = 0;
  let headHit = false;
  let dimensionHit = false;
  let nameWords = 0;
  const { nameIds, mainIds, matchedIds } = scratch;
  let nameIdCount = 0;
  let allLead = true;
  let rareHit = -1;
  let leadTerms: number[] | undefined;
  let lastMatched = -1;
  for (let m = 0; m < main.length; m++) {
    const i = main[m];
    if (bestTerm[i] < 0) continue;
    lastMatched = m;
    matched++;
    wordScore += best[i];
    if (bestExact[i]) exactMain++;
    else if (!bestStrong[i]) weakOnly = true;
    const r = bestRoles[i];
    if (r & ROLE.HEAD) headHit = true;
    // "Do you carry 2x4s?": a dimension names the thing when a name begins with it (the 2x4 stud, not the 2x4 joist hanger).
    if (r & ROLE.DIMENSION) dimensionHit = true;
    const id = terms[bestTerm[i]].id;
    // Distinct words: "my doctor is Dr. Smith" says "dr" twice, which is still one word of "Dr. Scholl's".
    const joined = terms[bestTerm[i]].to - terms[bestTerm[i]].from > 1;
    if (r & ROLE.NAME && (joined || !contains(nameIds, nameIdCount, id))) {
      nameIds[nameIdCount++] = id;
      nameWords++;
    }
    // A brand is one also where it does not begin the name ("Children's Zyrtec"), if it mostly does.
    const brandHere = r & ROLE.LEAD || (index.leadDf[id] > 0 && index.leadDf[id] * 2 >= index.df[id]);
    if (brandHere && isBrandLike(index, id, r, product, words[i].text, !bestExact[i] && bestStrong[i] === 1)) (leadTerms ??= []).push(id);
    else allLead = false;
    if (bestExact[i] && r & ROLE.NAME && isRare(index, id, r)) rareHit = i;
  }
  if (matched === 0) return undefined;
  // A typo or a sound-alike alone ("blah" ~ "blue") names nothing; next to a word said right, it may.
  if (exactMain === 0 && weakOnly) return undefined;
  const missing = main.length - matched;
  let unknownMissing = false;
  let kindless = false;
  let kindMissing = false;
  if (missing > 0) {
    // Only trailing words, never more than two.
    if (missing > MAX_MISSING || lastMatched !== matched - 1) return undefined;
    for (let m = matched; m < main.length; m++) {
      // "Kellogg's Corn Flakes cereal": a kind word; "Coffee mate pumpkin spice": another flavour,
      // not this one (unless the caller said all its name: "Pepsi cola").
      if (known[main[m]] === 1) kindless = true;
      if (known[main[m]] === 2) kindMissing = true;
      if (!known[main[m]]) unknownMissing = true;
    }
  }
  // The thing asked for is what the caller said last: "chuck it balls" is the ball, not the launcher.
  const lastMain = main[lastMatched];
  const headSaid = lastMain !== undefined && missing === 0 && (bestRoles[lastMain] & ROLE.HEAD) !== 0;

  // 4. What the match says about the product: its name, a keyword, or only its brand.
  // What identifies it is what the caller asked for, not what they said it is for ("batteries for a smoke detector").
  let matchedCount = 0;
  for (let t = 0; t < terms.length; t++) if (roles[t] !== 0 && words[terms[t].from].role !== 'context') matchedIds[matchedCount++] = terms[t].id;
  let k = at + 1 + nTerms * 2;
  const nName = data[k++];
  const nameFrom = k;
  k += nName;
  k++; // head
  let nameWeight = 0;
  let nameHit = 0;
  let allName = nName > 0;
  for (let j = nameFrom; j < nameFrom + nName; j++) {
    const w = scratch.weightOf(index, data[j]);
    nameWeight += w;
    if (contains(matchedIds, matchedCount, data[j])) nameHit += w;
    else allName = false;
  }
  let coverage = nameWeight > 0 ? nameHit / nameWeight : 0;

  let mainCount = 0;
  for (const i of main) if (bestTerm[i] >= 0) mainIds[mainCount++] = terms[bestTerm[i]].id;
  let keyword = 0;
  const nKeywords = data[k++];
  for (let q = 0; q < nKeywords; q++) {
    const length = data[k++];
    let hits = 0;
    for (let j = k; j < k + length; j++) if (contains(matchedIds, matchedCount, data[j])) hits++;
    coverage = Math.max(coverage, length > 0 ? hits / length : 0);
    if (length > 0 && hits === length) {
      let exactly = missing === 0 && mainCount === length;
      for (let j = k; j < k + length && exactly; j++) exactly = contains(mainIds, mainCount, data[j]);
      keyword = Math.max(keyword, exactly ? WEIGHT_KEYWORD_EXACT : WEIGHT_KEYWORD_FULL);
    }
    k += length;
  }

  const leadOnly = allLead && leadTerms !== undefined && matched === 1;
  const joinedHit = rareHit >= 0 && terms[bestTerm[rareHit]].to - terms[bestTerm[rareHit]].from > 1;
  const line = !headHit && keyword === 0 && nameWords === 1 && !leadOnly && (dimensionHit || (rareHit >= 0 && (joinedHit || saidAsWritten(product, words[rareHit].text))));
  const named = headHit || keyword > 0 || nameWords >= 2 || allName;
  const related = matched === 1 && missing === 0 && exactMain === 1 && nameWords === 1 && main.length === 1;
  const tier: Candidate['tier'] | undefined = leadOnly && !(keyword > 0 || allName || headHit) ? 'lead' : named ? 'name' : line ? 'line' : related ? 'related' : undefined;
  if (!tier) return undefined;
  // Missing kind words are forgiven only when the rest names this product distinctly; a word
  // the store has never heard of ("Bonne Maman apricot jam" for its preserves) only after a rare one.
  if (missing > 0 && !(nameWords >= 2 || allName)) return undefined;
  if (kindless && !allName) return undefined;
  // A kind the store sells that this product is not, and not all its name said: "Golden Valley
  // honey cereal" where there is none is not its honey candles.
  if (kindMissing && !allName && !headHit) return undefined;
  if (unknownMissing && !(nameWords >= 2 && rareHit >= 0)) return undefined;

  let context = 0;
  let soft = 0;
  let complete = missing === 0;
  for (let i = 0; i < words.length; i++) {
    const role = words[i].role;
    // Context words are few and chosen by the caller: a common one ("cats") still tells products apart.
    if (role === 'context' && bestTerm[i] >= 0) context += terms[bestTerm[i]].confidence * Math.max(CONTEXT_FLOOR, weights[bestTerm[i]]) * (words[i].aside ? ASIDE : AROUND);
    else if (role === 'soft') {
      if (bestRoles[i] & (ROLE.NAME | ROLE.KEYWORD)) soft += best[i];
      else if (known[i] && !/^\d/.test(words[i].text)) complete = false;
    }
  }
  const parts: ScoreParts = {
    words: wordScore,
    soft: soft * WEIGHT_SOFT,
    context: context * WEIGHT_CONTEXT,
    keyword,
    exactName: allName && missing === 0 ? WEIGHT_EXACT_NAME : 0,
    complete: complete ? WEIGHT_COMPLETE : 0,
    missing: -missing * PENALTY_MISSING,
    coverage: coverage * RANK_ONLY,
    head: headSaid ? WEIGHT_HEAD_SAID : headHit ? RANK_ONLY / 2 : 0,
  };
  const score = parts.words + parts.soft + parts.context + parts.keyword + parts.exactName + parts.complete + parts.missing + parts.coverage + parts.head;
  let said = 0;
  for (let i = 0; i < words.length && i < 31; i++) if (bestExact[i]) said |= 1 << i;
  return { slot, product, score, parts, tier, exact: exactMain === matched, matched, said, missing, leadTerms: leadTerms ?? NO_TERMS, nameLength: index.nameLengths[slot], id: index.ids[slot] };
}

const NO_TERMS: number[] = [];

function contains(list: Int32Array, count: number, id: number): boolean {
  for (let i = 0; i < count; i++) if (list[i] === id) return true;
  return false;
}

/** The stems of the caller's words a candidate has as said. */
export function saidStems(candidate: Candidate, query: CallerQuery): string[] {
  const out: string[] = [];
  query.words.forEach((word, i) => {
    if (i < 31 && candidate.said & (1 << i)) out.push(word.stem);
  });
  return out;
}

/** "Goldfish" in "Goldfish Cheddar Crackers", but not "peanuts" for "Peanut Butter": the word as the name writes it. */
function saidAsWritten(product: Product, word: string): boolean {
  return normaliseTokens(product.name).some((t) => t.text === word);
}
