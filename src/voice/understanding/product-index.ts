import type { Product } from '../../store/schemas.js';
import { NeighbourIndex } from './edit-distance.js';
import { Float64Pool, Int32Pool } from './pool.js';
import { productText, ROLE } from './product-text.js';
import type { Dimension, Size } from './sizes.js';
import { phoneticKeys } from './terms.js';
import { UNIT_KINDS, type UnitKind } from './units.js';

/**
 * The live catalogue, indexed for the words callers use. Terms (stems, joined words,
 * dimensions) are numbered; each product is a slot whose terms, name, head and keywords sit
 * packed in one Int32Array, and each term lists the slots holding it.
 *
 * Edits are cheap: a removed product's slot is marked dead (its postings are skipped, and a
 * term's list is compacted once it is half dead); a changed or new product gets a fresh slot
 * at the end. Term weights come from the live counts at search time, so an edited index
 * answers exactly like one built from scratch. Once dead slots outnumber live ones, the
 * index is rebuilt from the live products.
 */

/** A dimension's units, by number, in the size pool. */
const DIMENSION_UNITS: string[] = [''];
function unitCode(unit: string): number {
  let code = DIMENSION_UNITS.indexOf(unit);
  if (code < 0) code = DIMENSION_UNITS.push(unit) - 1;
  return code;
}

export const PREFIX_KEY = 5;
const PREFIXED_LENGTH = 8;

export const KIND_CODES: readonly UnitKind[] = UNIT_KINDS;
/** Numbers stored per size: kind code, value, amount, top of a range (NaN if none), sold by the unit (1/0). */
const SIZE_FIELDS = 5;

export interface ProductChanges {
  /** New or changed products (an inactive one is removed). */
  upserted: readonly Product[];
  removedIds: readonly string[];
}

export class ProductIndex {
  /** Term → its number; a number is never reused, so a term's postings stay its own. */
  readonly termIds = new Map<string, number>();
  /** Term number → term. */
  readonly termText: string[] = [];
  /** Live products holding each term. */
  df: number[] = [];
  /** Live products whose name begins with each term (a brand is mostly where names begin). */
  leadDf: number[] = [];
  /** Live products each term is the head of (what a product is: "cereal", "chips"). */
  headDf: number[] = [];
  /** Term number → slots holding it, oldest first; dead slots are skipped and swept out lazily. */
  postings: number[][] = [];
  private deadPostings: number[] = [];
  /** The product in each slot; undefined once removed. */
  products: (Product | undefined)[] = [];
  /** Each slot's product id and name length, what orders equal scores (read from these plain arrays, not from records of many shapes). */
  readonly ids: string[] = [];
  readonly nameLengths: number[] = [];
  /**
   * Slot s is packed at pool[start[s]..]: nTerms, (term, roles) × nTerms sorted by term,
   * nName, name terms…, head term (or -1), nKeywords, (length, terms…) × nKeywords.
   */
  readonly pool = new Int32Pool(4096);
  readonly start = new Int32Pool(1024);
  /** Slot s's sizes at sizes[sizeStart[s]..]: nSizes, (kind code, value) × nSizes, nDimensions, (length, values…) × nDimensions. */
  readonly sizes = new Float64Pool(1024);
  readonly sizeStart = new Int32Pool(1024);
  private readonly slotOfId = new Map<string, number>();
  /** Stems filed under their one-letter deletions (typos), and Double Metaphone code → stems (sound-alikes). */
  readonly neighbours = new NeighbourIndex();
  readonly phonetic = new Map<string, string[]>();
  /** Long stems by their first five letters: a caller may say only the start of a long word ("worcester sauce"). */
  readonly prefixes = new Map<string, string[]>();
  private readonly filedWords = new Set<string>();
  live = 0;
  dead = 0;
  /** Counts changes to the catalogue's words (a product added, removed or renamed; not a new price or stock). */
  wordsVersion = 0;
  /** Terms of products kept but not offered (inactive), by product: the store knows these words, it just does not sell them now. */
  private readonly inactiveTerms = new Map<string, string[]>();
  private readonly inactiveDf = new Map<string, number>();

  /** A term's number, if any live product holds it. */
  liveTerm(term: string): number | undefined {
    const id = this.termIds.get(term);
    return id !== undefined && this.df[id] > 0 ? id : undefined;
  }

  slotOf(productId: string): number | undefined {
    return this.slotOfId.get(productId);
  }

  *liveSlots(): Generator<number> {
    for (let slot = 0; slot < this.products.length; slot++) if (this.products[slot]) yield slot;
  }

  liveProducts(): Product[] {
    const out: Product[] = [];
    for (const product of this.products) if (product) out.push(product);
    return out;
  }

  /** The same words, another price or stock: the slot keeps its terms, answers give the new record. */
  replaceRecord(slot: number, product: Product): void {
    this.products[slot] = product;
    this.nameLengths[slot] = product.name.length;
  }

  /** A word of a product the store keeps but does not offer now ("Coffee mate pumpkin spice", out of season). */
  knowsInactive(term: string): boolean {
    return (this.inactiveDf.get(term) ?? 0) > 0;
  }

  add(product: Product): void {
    this.wordsVersion++;
    if (!product.active) {
      const terms = [...productText(product).terms.keys()];
      this.inactiveTerms.set(product.id, terms);
      for (const term of terms) this.inactiveDf.set(term, (this.inactiveDf.get(term) ?? 0) + 1);
      return;
    }
    const text = productText(product);
    const slot = this.products.length;
    this.products.push(product);
    this.ids.push(product.id);
    this.nameLengths.push(product.name.length);
    this.slotOfId.set(product.id, slot);
    this.live++;

    // Each term packed with its roles (roles fit in 8 bits), so one numeric sort orders them by term.
    const entries: number[] = [];
    for (const [term, roles] of text.terms) {
      const id = this.idOf(term);
      entries.push(id * 256 + roles);
      this.df[id]++;
      if (roles & ROLE.LEAD) this.leadDf[id]++;
      if (roles & ROLE.HEAD) this.headDf[id]++;
      this.postings[id].push(slot);
      if ((roles & ROLE.JOIN) === 0) this.fileForFuzzy(term);
    }
    entries.sort(byNumber);
    const pool = this.pool;
    this.start.push(pool.length);
    pool.reserve(4 + entries.length * 2 + text.name.length + text.keywords.reduce((n, k) => n + k.length + 1, 0));
    pool.push(entries.length);
    for (const entry of entries) {
      pool.push(Math.floor(entry / 256));
      pool.push(entry % 256);
    }
    pool.push(text.name.length);
    for (const stem of text.name) pool.push(this.idOf(stem));
    pool.push(text.head === undefined ? -1 : this.idOf(text.head));
    pool.push(text.keywords.length);
    for (const phrase of text.keywords) {
      pool.push(phrase.length);
      for (const stem of phrase) pool.push(this.idOf(stem));
    }

    const sizes = this.sizes;
    this.sizeStart.push(sizes.length);
    sizes.push(text.sizes.length);
    for (const size of text.sizes) {
      sizes.push(KIND_CODES.indexOf(size.unit.kind));
      sizes.push(size.value);
      sizes.push(size.amount);
      sizes.push(size.max ?? Number.NaN);
      sizes.push(size.any ? 1 : 0);
    }
    sizes.push(text.dimensions.length);
    for (const dimension of text.dimensions) {
      sizes.push(dimension.values.length);
      for (const v of dimension.values) sizes.push(v);
      for (const unit of dimension.units) sizes.push(unitCode(unit));
    }
  }

  remove(productId: string): void {
    const inactive = this.inactiveTerms.get(productId);
    if (inactive) {
      this.inactiveTerms.delete(productId);
      for (const term of inactive) {
        const n = (this.inactiveDf.get(term) ?? 1) - 1;
        if (n > 0) this.inactiveDf.set(term, n);
        else this.inactiveDf.delete(term);
      }
    }
    const slot = this.slotOfId.get(productId);
    if (slot === undefined) return;
    this.wordsVersion++;
    this.slotOfId.delete(productId);
    this.products[slot] = undefined;
    this.live--;
    this.dead++;
    const data = this.pool.data;
    const at = this.start.data[slot];
    for (let i = 0, n = data[at]; i < n; i++) {
      const id = data[at + 1 + i * 2];
      this.df[id]--;
      if (data[at + 2 + i * 2] & ROLE.LEAD) this.leadDf[id]--;
      if (data[at + 2 + i * 2] & ROLE.HEAD) this.headDf[id]--;
      // A list half made of dead slots is swept now: its cost is its own length, paid rarely.
      if (++this.deadPostings[id] * 2 > this.postings[id].length) {
        this.postings[id] = this.postings[id].filter((s) => this.products[s] !== undefined);
        this.deadPostings[id] = 0;
      }
    }
  }

  /** The roles a term plays in a slot's product, 0 if it does not have it. */
  rolesOf(slot: number, id: number): number {
    const data = this.pool.data;
    const at = this.start.data[slot];
    for (let i = 0, n = data[at]; i < n; i++) {
      const term = data[at + 1 + i * 2];
      if (term === id) return data[at + 2 + i * 2];
      if (term > id) return 0;
    }
    return 0;
  }

  /** Sizes of a slot (their units carry only the kind: the spoken unit is in the product's name). */
  sizesOf(slot: number): Size[] {
    const data = this.sizes.data;
    const at = this.sizeStart.data[slot];
    const out: Size[] = [];
    for (let i = 0, n = data[at]; i < n; i++) {
      const f = at + 1 + i * SIZE_FIELDS;
      const size: Size = { value: data[f + 1], amount: data[f + 2], unit: { spoken: '', kind: KIND_CODES[data[f]], factor: 1 } };
      if (!Number.isNaN(data[f + 3])) size.max = data[f + 3];
      if (data[f + 4] === 1) size.any = true;
      out.push(size);
    }
    return out;
  }

  dimensionsOf(slot: number): Dimension[] {
    const data = this.sizes.data;
    let at = this.sizeStart.data[slot];
    at += 1 + data[at] * SIZE_FIELDS;
    const out: Dimension[] = [];
    for (let i = 0, n = data[at++]; i < n; i++) {
      const length = data[at++];
      const values = Array.from(data.subarray(at, at + length));
      const units = Array.from(data.subarray(at + length, at + 2 * length), (code) => DIMENSION_UNITS[code] ?? '');
      out.push({ values, units });
      at += 2 * length;
    }
    return out;
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.termIds.set(term, id);
      this.termText.push(term);
      this.df.push(0);
      this.leadDf.push(0);
      this.headDf.push(0);
      this.postings.push([]);
      this.deadPostings.push(0);
    }
    return id;
  }

  /** Register a word for typo and sound-alike lookups (digits never fuzz: "1percent" is not "2percent"). */
  private fileForFuzzy(term: string): void {
    if (this.filedWords.has(term) || /\d/.test(term) || term.length < 3) return;
    this.filedWords.add(term);
    if (term.length >= 4) this.neighbours.add(term);
    if (term.length >= PREFIXED_LENGTH) {
      const key = term.slice(0, PREFIX_KEY);
      const list = this.prefixes.get(key);
      if (!list) this.prefixes.set(key, [term]);
      else list.push(term);
    }
    for (const key of phoneticKeys(term)) {
      const list = this.phonetic.get(key);
      if (!list) this.phonetic.set(key, [term]);
      else list.push(term);
    }
  }
}

function byNumber(a: number, b: number): number {
  return a - b;
}

export function buildProductIndex(inventory: readonly Product[]): ProductIndex {
  const index = new ProductIndex();
  for (const product of inventory) index.add(product);
  return index;
}

/**
 * Apply edits in place, at a cost proportional to the products changed. Returns the index
 * to use from now on: the same one, or a fresh build once dead slots outnumber live ones.
 */
export function updateProductIndex(index: ProductIndex, changes: ProductChanges): ProductIndex {
  for (const id of changes.removedIds) index.remove(id);
  for (const product of changes.upserted) {
    index.remove(product.id);
    index.add(product);
  }
  if (index.dead > Math.max(1000, index.live)) return buildProductIndex(index.liveProducts());
  return index;
}

/** What the index reads of a product: a change elsewhere (price, stock, place) needs no re-indexing. */
function sameIndexedText(a: Product, b: Product): boolean {
  if (a.name !== b.name || a.active !== b.active || a.keywords.length !== b.keywords.length) return false;
  for (let i = 0; i < a.keywords.length; i++) if (a.keywords[i] !== b.keywords[i]) return false;
  return true;
}

/**
 * The changes from the catalogue an index holds (`before`) to `inventory`, or undefined when
 * so much changed that building afresh is as quick. A changed price only swaps the product
 * object. The store keeps records in their places and adds new ones at the end, so an edit
 * is found by walking the two lists side by side; a removal shifts them, and then each
 * product is looked up by id.
 */
function changesTo(index: ProductIndex, before: readonly Product[], inventory: readonly Product[]): ProductChanges | undefined {
  const changed = changedInPlace(before, inventory);
  if (changed) return sortOut(index, changed, []);
  const seen = new Set<string>();
  const differing: Product[] = [];
  for (const product of inventory) {
    seen.add(product.id);
    const slot = index.slotOf(product.id);
    if (slot === undefined || index.products[slot] !== product) differing.push(product);
  }
  const removedIds: string[] = [];
  for (const product of index.products) if (product && !seen.has(product.id)) removedIds.push(product.id);
  return sortOut(index, differing, removedIds);
}

/** The records that differ when `inventory` is `before` with some replaced in place and some added at the end; undefined otherwise. */
function changedInPlace(before: readonly Product[], inventory: readonly Product[]): Product[] | undefined {
  if (inventory.length < before.length) return undefined;
  const changed: Product[] = [];
  for (let i = 0; i < before.length; i++) {
    if (inventory[i] === before[i]) continue;
    if (inventory[i].id !== before[i].id) return undefined;
    changed.push(inventory[i]);
  }
  for (let i = before.length; i < inventory.length; i++) changed.push(inventory[i]);
  return changed;
}

/** Changed products: a new price or stock swaps the record in its slot; new words are re-indexed. */
function sortOut(index: ProductIndex, changed: readonly Product[], removedIds: string[]): ProductChanges | undefined {
  const upserted: Product[] = [];
  const swapped: [number, Product][] = [];
  for (const product of changed) {
    const slot = index.slotOf(product.id);
    const known = slot === undefined ? undefined : index.products[slot];
    if (known && product.active && sameIndexedText(known, product)) swapped.push([slot as number, product]);
    else if (known || product.active) upserted.push(product);
    if (upserted.length > index.live / 4 + 100) return undefined;
  }
  for (const [slot, product] of swapped) index.replaceRecord(slot, product);
  return { upserted, removedIds };
}

let latest: { inventory: readonly Product[]; index: ProductIndex } | undefined;
const indexes = new WeakMap<readonly Product[], ProductIndex>();

/**
 * The store hands out the same frozen inventory array until the file changes, so the index
 * is looked up per inventory version. A new version is usually a small edit of the last
 * one: that index is brought up to date in place (and stops answering for the old version).
 */
export function productIndexFor(inventory: readonly Product[]): ProductIndex {
  const known = indexes.get(inventory);
  if (known) return known;
  let index: ProductIndex | undefined;
  if (latest) {
    const changes = changesTo(latest.index, latest.inventory, inventory);
    if (changes) {
      index = updateProductIndex(latest.index, changes);
      indexes.delete(latest.inventory);
    }
  }
  index ??= buildProductIndex(inventory);
  indexes.set(inventory, index);
  latest = { inventory, index };
  return index;
}
