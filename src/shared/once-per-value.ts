/**
 * `derive`, remembered per input object. The store hands out the same frozen value until its
 * file changes, so what is derived from it (an index, a merged log, the week's hours spoken)
 * is computed once per version and dropped together with that version.
 */
export function oncePerValue<T extends object, R>(derive: (value: T) => R): (value: T) => R {
  const results = new WeakMap<T, R>();
  return (value) => {
    const known = results.get(value);
    if (known !== undefined || results.has(value)) return known as R;
    const result = derive(value);
    results.set(value, result);
    return result;
  };
}
