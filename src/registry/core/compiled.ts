import type { ZodMiniType } from "zod/mini";
import { compile } from "zod/v4/core";

/**
 * A schema as zod's compiler turns it into a plain function (one `new Function`, at first use),
 * for the readers that parse thousands of records: the compiled parse takes about half the time
 * of zod's interpreter (10,000 metadata.json: 190 -> 100 ms; 100,000 monitoring lines: 450 ->
 * 210 ms; docs/benchmarks.md). Input the fast path rejects goes to zod's own parser, so results
 * and messages are zod's. A module of its own: the compiler is 90 KB that a command reading a
 * few files does better without.
 */
const cache = new WeakMap<ZodMiniType, ZodMiniType>();

export function compiled<T extends ZodMiniType>(schema: T): T {
  let fast = cache.get(schema);
  if (!fast) {
    fast = compile(schema);
    cache.set(schema, fast);
  }
  return fast as T;
}
