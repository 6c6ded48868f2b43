/**
 * A value built on its first use and the same value after. Core's zod schemas
 * are built this way, not at import: building them all cost every Lambda
 * function's start-up tens of milliseconds for schemas most invocations never
 * use (bench/README.md, "Start-up without the schemas").
 */
export function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
