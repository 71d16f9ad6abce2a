/**
 * How much git-model reads from one input (docs/decisions/core.md, "Limits on what is read").
 * Real inputs are far below: a metadata.json is a few kilobytes, a history line a few hundred
 * bytes. The limits make a hostile or broken input (metadata nested 10,000 levels, 4 million
 * keys, a 1 GB line) a clear error that names the limit instead of a stack overflow, minutes of
 * parsing or gigabytes of memory.
 */

const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** A JSON file: metadata.json (run folder, --metadata, a version's), stages.json. */
  jsonBytes: 8 * MiB,
  /** One line of history.jsonl or monitoring.jsonl. */
  lineBytes: 1 * MiB,
  /** .gitmodel.yaml. */
  configBytes: 1 * MiB,
  /** Objects and arrays inside one another, in any JSON or YAML input. */
  depth: 64,
  /** Object keys plus array elements in one JSON or YAML document. */
  entries: 100_000,
} as const;

const megabytes = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

/** Why a text of this many bytes is too large for `maxBytes` (what it is: "a JSON file"), or null. */
export function tooLarge(text: string, maxBytes: number, what: string): string | null {
  // A UTF-16 unit is 1 to 3 bytes in UTF-8: only a long text needs counting.
  if (text.length * 3 <= maxBytes) return null;
  return sizeTooLarge(new TextEncoder().encode(text).length, maxBytes, what);
}

/** A size in bytes (from stat) over the limit, as tooLarge says it. */
export function sizeTooLarge(bytes: number, maxBytes: number, what: string): string | null {
  return bytes > maxBytes
    ? `${bytes.toLocaleString("en-US")} bytes, more than the ${megabytes(maxBytes)} git-model reads in ${what}`
    : null;
}

/**
 * Why a parsed value is nested too deep or holds too many entries, or null. Iterative, so the
 * check itself cannot overflow the stack it protects.
 */
export function beyondShapeLimits(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let entries = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= INPUT_LIMITS.depth) {
      return `nested deeper than ${INPUT_LIMITS.depth} levels, the most git-model reads`;
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    entries += children.length;
    if (entries > INPUT_LIMITS.entries) {
      return `more than ${INPUT_LIMITS.entries.toLocaleString("en-US")} keys and list items, the most git-model reads in one file`;
    }
    for (const child of children)
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return null;
}

/** The hint every limit error carries. */
export const LIMIT_HINT =
  "keep metadata small and flat (large data belongs in an artifact file); the limits are in docs/decisions/core.md";
