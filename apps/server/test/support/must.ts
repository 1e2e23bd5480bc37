/** The value, or a thrown error naming what was missing: a test's "this must exist", checked. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined)
    throw new Error(`expected a ${what}, got ${String(value)}`);
  return value;
}
