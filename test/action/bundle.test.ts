import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * @actions/core and @actions/github are the Action's alone (DESIGN section 11): no module the CLI
 * or the library can load, statically or on demand, holds them. Read from the built chunks.
 */

const DIST = join(import.meta.dirname, "..", "..", "dist");

/** Every file an entry can load: its static imports and its dynamic import()s, transitively. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(DIST, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s*)"(\.{1,2}\/[^"]+)"/g))
      queue.push(join(file, "..", m[1]!));
  }
  return seen;
}

const markers = {
  "@actions/core": '"add-mask"',
  "@actions/github": "getOctokitOptions",
};

describe("the build", () => {
  it("keeps @actions/* out of everything the CLI and the library load", () => {
    // The CLI is its entry and one file (scripts/build.mjs), the library an entry and chunks; both
    // must reach the code of every command they can run, or the check below would look at too little.
    for (const [entry, marker] of [
      ["cli.js", "function defineReport("],
      ["index.js", "function selectVersion("],
    ] as const) {
      const files = reachable(entry);
      expect(files.size).toBeGreaterThan(1);
      expect([...files].some((f) => readFileSync(f, "utf8").includes(marker))).toBe(true);
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        for (const [name, marker] of Object.entries(markers))
          expect(text.includes(marker), `${entry} reaches ${file}, which holds ${name}`).toBe(false);
      }
    }
  });

  it("has the Action load both", () => {
    const texts = [...reachable("action.js")].map((f) => readFileSync(f, "utf8"));
    for (const marker of Object.values(markers)) expect(texts.some((t) => t.includes(marker))).toBe(true);
  });
});
