/**
 * What JSON.parse and our copies would change without a word, found so that it can be refused:
 * a key given twice (JSON.parse keeps the last) and a `__proto__` key (zod's copy and any plain
 * assignment drop it).
 */

/** The key that JavaScript objects cannot hold as data through a copy by assignment. */
export const RESERVED_KEY = "__proto__";

/** The dotted path of the first own `__proto__` key in a parsed value, or null. Iterative. */
export function findReservedKey(value: unknown, prefix = ""): string | null {
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, RESERVED_KEY)) return join(path, RESERVED_KEY);
    for (const [key, child] of Object.entries(node)) stack.push([child, join(path, key)]);
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

interface Frame {
  /** Keys seen so far, for an object; null for an array. */
  keys: Set<string> | null;
  path: string;
  /** The key whose value comes next (object), or the index of the next item (array). */
  next: string;
  items: number;
}

/**
 * The first key given twice in one object of a JSON text, with its dotted path and line, or
 * null. The text must be valid JSON (parse it first): the scan only tells keys from values.
 */
export function findDuplicateKey(text: string): { path: string; line: number } | null {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack.at(-1);
    if (c === "\n") line++;
    else if (c === "{" || c === "[") {
      const path = top ? join(top.path, top.keys ? top.next : String(top.items)) : "";
      stack.push({ keys: c === "{" ? new Set() : null, path, next: "", items: 0 });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === "," && top && !top.keys) top.items++;
    else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      let after = end + 1;
      while (text[after] === " " || text[after] === "\t" || text[after] === "\n" || text[after] === "\r")
        after++;
      if (top?.keys && text[after] === ":") {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) return { path: join(top.path, key), line };
        top.keys.add(key);
        top.next = key;
      }
      i = end;
    }
  }
  return null;
}
