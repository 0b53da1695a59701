import type { Size } from './sizes.js';
import { comparableKinds } from './units.js';

/**
 * "The big one", "the wide one", "the smaller": which of a few products, by a size they all
 * have and that differs among them (a hose's length, not its width that they share).
 */
export const BIG_WORDS = new Set(['big', 'bigger', 'biggest', 'large', 'larger', 'largest', 'huge', 'giant', 'jumbo', 'family', 'most', 'long', 'longer', 'longest', 'tall', 'taller', 'tallest', 'heavy', 'heavier', 'wide', 'wider', 'widest', 'thick', 'thicker']);
export const SMALL_WORDS = new Set(['small', 'smaller', 'smallest', 'little', 'mini', 'tiny', 'least', 'short', 'shorter', 'shortest', 'light', 'lighter', 'narrow', 'narrower', 'thin', 'thinner']);

/** Whether the words ask for the biggest or the smallest, if they clearly ask for one. */
export function relativeSizeAsked(words: readonly string[]): 'biggest' | 'smallest' | undefined {
  const bigger = words.some((w) => BIG_WORDS.has(w));
  const smaller = words.some((w) => SMALL_WORDS.has(w));
  if (bigger === smaller) return undefined;
  return bigger ? 'biggest' : 'smallest';
}

/**
 * The index of the product with the largest (or smallest) size, by the first of their sizes
 * that differs ("5/8 in. x 50 ft." and "5/8 in. x 75 ft." hoses differ in the second).
 */
export function extremeBySize(sizes: readonly Size[][], which: 'biggest' | 'smallest'): number | undefined {
  const first = sizes[0] ?? [];
  for (let k = 0; k < first.length; k++) {
    const values = sizes.map((list) => {
      const own = list[k];
      return own === undefined || own.any || !comparableKinds(own.unit.kind, first[k].unit.kind) ? undefined : (own.max ?? own.value);
    });
    if (values.some((v) => v === undefined)) continue;
    const numbers = values as number[];
    if (new Set(numbers).size === 1) continue;
    const target = which === 'biggest' ? Math.max(...numbers) : Math.min(...numbers);
    return numbers.filter((v) => v === target).length === 1 ? numbers.indexOf(target) : undefined;
  }
  return undefined;
}
