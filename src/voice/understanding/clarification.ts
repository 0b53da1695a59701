/**
 * A question the line put to the caller to tell close products apart. The next turn is read
 * against it ("the second one", "the big one", "24", "the creamy one", a brand), so it
 * travels with the call from one webhook to the next.
 */
export interface Clarification {
  /**
   * choose: 2 or 3 close candidates named; detail: more than three, a count and a request for
   * a detail; brand: a brand or product line named alone, a count and examples; size: the size
   * asked is not carried, the sizes there are named.
   */
  kind: 'choose' | 'detail' | 'brand' | 'size';
  /** The caller's words this is about, as they said them. */
  query: string;
  /** The products named (choose: all of them; detail/brand/size: the examples or the sizes named), in the order spoken. */
  candidates: { id: string; name: string }[];
  /** How many products fit in all (detail and brand: the N the caller hears). */
  total: number;
}
