import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import { checkFilter, parseWhere } from "../../src/domain/filters.js";
import { compileGlob, MAX_GLOB_ALTERNATIVES } from "../../src/domain/glob.js";
import type { Metadata } from "../../src/domain/schemas.js";

/**
 * Issue 11 item 9: a `--where` glob is matched in time bounded by the pattern and the value,
 * never by a backtracking regular expression (picomatch took 39 s on a 40-character value).
 */

const withTag = (value: string): Metadata => ({
  schema: 1,
  name: "m",
  version: "1.0.0",
  created_at: "2026-11-20T14:03:11Z",
  artifacts: [{ path: "model.pkl", sha256: "0".repeat(64), size: 1 }],
  tags: { k: value },
});

// The timeouts below only catch a hang (picomatch never finished these); speed is measured by the bench.
describe("globs that made picomatch backtrack", () => {
  it("rejects *a*a*a*a*a*a*a*a*a*a*b on long values", { timeout: 10_000 }, () => {
    const filter = parseWhere("tags.k~*a*a*a*a*a*a*a*a*a*a*b");
    for (const length of [40, 1_000, 20_000]) {
      expect(checkFilter(filter, withTag("a".repeat(length)))).toMatch(/required matching/);
    }
    expect(checkFilter(filter, withTag(`${"a".repeat(20_000)}b`))).toBeNull();
  });

  it("matches path globs of many stars against long paths", { timeout: 10_000 }, () => {
    const match = compileGlob("*a*a*a*a*a*a*a*a*a*a*b/**/*a*a*a*a*a*a*a*c", { paths: true });
    expect(match(`${"a".repeat(5_000)}/${"a/".repeat(500)}${"a".repeat(5_000)}`)).toBe(false);
    expect(match(`${"a".repeat(5_000)}b/x/${"a".repeat(50)}c`)).toBe(true);
  });
});

describe("glob syntax", () => {
  const m = (glob: string, value: string) => compileGlob(glob)(value);

  it("reads stars, classes, braces, escapes and negation as bash does", () => {
    expect(m("cont*", "continued")).toBe(true);
    expect(m("runs:/*/1H/*", "runs:/abc/models/1H/model.zip")).toBe(true);
    expect(m("?H", "1H")).toBe(true);
    expect(m("?H", "12H")).toBe(false);
    expect(m("[0-9]H", "4H")).toBe(true);
    expect(m("[!0-9]H", "4H")).toBe(false);
    expect(m("[^0-9]H", "xH")).toBe(true);
    expect(m("[]a]", "]")).toBe(true);
    expect(m("{1H,4H,1D}", "4H")).toBe(true);
    expect(m("{1H,4H,1D}", "2H")).toBe(false);
    expect(m("a{b,c{d,e}}f", "acef")).toBe(true);
    expect(m("{a}", "{a}")).toBe(true);
    expect(m("\\*x", "*x")).toBe(true);
    expect(m("\\*x", "ax")).toBe(false);
    expect(m("[ab", "[ab")).toBe(true);
    expect(m("!base*", "continued")).toBe(true);
    expect(m("!base*", "base_v2")).toBe(false);
    expect(m("", "")).toBe(true);
    expect(m("*", "")).toBe(true);
    expect(m("🙂?", "🙂🙃")).toBe(true);
  });

  it("keeps * and ? inside a folder for paths, and lets ** span folders", () => {
    const p = (glob: string, value: string) => compileGlob(glob, { paths: true })(value);
    expect(p("*.pkl", "model.pkl")).toBe(true);
    expect(p("*.pkl", "sub/model.pkl")).toBe(false);
    expect(p("**/*.pkl", "sub/deeper/model.pkl")).toBe(true);
    expect(p("**/*.pkl", "model.pkl")).toBe(true);
    expect(p("sub/**", "sub/a/b")).toBe(true);
    // A trailing /** is everything inside the folder, not the folder itself (git's wildmatch).
    expect(p("sub/**", "sub")).toBe(false);
    expect(p("*/**", "a")).toBe(false);
    expect(p("**", "a")).toBe(true);
    expect(p("s?b/x", "s/b/x")).toBe(false);
    expect(p("*.pkl", ".hidden.pkl")).toBe(true);
  });

  it("reads a trailing /** as git reads .gitattributes: inside the folder, not the folder", () => {
    const globs = ["sub/**", "*/**", "a?/**", "[ab]/**", "**/b/**", "**"];
    const paths = ["sub", "sub/x", "a", "ab", "ab/c", "b", "a/b", "a/b/c", "x/b"];
    const repo = mkdtempSync(join(tmpdir(), "gm-glob-"));
    try {
      execFileSync("git", ["init", "-q", repo]);
      const attributes = globs.map((g, i) => `${g} g${i}`).join("\n");
      writeFileSync(join(repo, ".gitattributes"), `${attributes}\n`);
      const out = execFileSync("git", ["check-attr", "--stdin", ...globs.map((_, i) => `g${i}`)], {
        cwd: repo,
        input: `${paths.join("\n")}\n`,
        encoding: "utf8",
      });
      const set = new Set(
        out
          .split("\n")
          .filter((l) => l.endsWith(": set"))
          .map((l) => l.slice(0, -": set".length)),
      );
      for (const [i, glob] of globs.entries()) {
        for (const path of paths) {
          const byGit = set.has(`${path}: g${i}`);
          expect(compileGlob(glob, { paths: true })(path), `${glob} on ${path}`).toBe(byGit);
        }
      }
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("refuses what it would otherwise read some other way, by name", () => {
    const refusal = (glob: string) => {
      try {
        compileGlob(glob, { origin: `--where "k~${glob}"` });
      } catch (e) {
        expect(e).toBeInstanceOf(GitModelError);
        expect((e as GitModelError).exitCode).toBe(2);
        return (e as GitModelError).message;
      }
      throw new Error(`expected ${glob} to be refused`);
    };
    expect(refusal("+(a|b)")).toContain("extended globs");
    expect(refusal("x@(a|b)")).toContain('--where "k~x@(a|b)"');
    expect(refusal("[[:alpha:]]")).toContain("POSIX classes");
    expect(refusal("{a,b}".repeat(9))).toContain(`more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
    expect(refusal("a".repeat(2_000))).toContain("at most 1024 characters");
    // An escaped parenthesis is a plain character.
    expect(compileGlob("*\\(v2)")("model(v2)")).toBe(true);
  });
});

describe("agrees with picomatch (bash: true, dot: true) on globs it matches without trouble", () => {
  // Pieces of globs; values from the same letters. `?` and `/`: picomatch's `?` and `[^a]` never
  // match `/` even with `bash: true`, ours do (a value is not a path), so values leave `/` out
  // where the glob has them. picomatch reads `[!a]` as "! or a" where bash and git read "not a", as
  // we do, so the negated class is written `[^a]` here. Lone `.` and `..` segments are left out: picomatch refuses them to `*`.
  const piece = fc.constantFrom(
    "a",
    "b",
    "c",
    "*",
    "?",
    "[ab]",
    "[^a]",
    "[a-c]",
    "{a,bc}",
    "{,b}",
    "\\*",
    "/",
  );
  const globs = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));
  // picomatch matches nothing against "" (`!a` included); ours reads `!a` as "not a", so "" matches.
  const values = fc
    .array(fc.constantFrom("a", "b", "c", "*", "/", "x"), { minLength: 1, maxLength: 12 })
    .map((p) => p.join(""));

  it("on generated globs and values", () => {
    fc.assert(
      fc.property(globs, values, fc.boolean(), (glob, rawValue, negate) => {
        // In a value `**` is `*`; picomatch still lets `**/` match nothing at all.
        fc.pre(glob !== "" && !/(^|[^\\])\*\*/.test(glob));
        const value = /[?^]/.test(glob) ? rawValue.replaceAll("/", "") : rawValue;
        fc.pre(value !== "" && !value.endsWith("/"));
        const pattern = negate ? `!${glob}` : glob;
        const expected = picomatch(pattern, { bash: true, dot: true })(value);
        expect(compileGlob(pattern)(value), `${pattern} on ${JSON.stringify(value)}`).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it("on generated path globs, as picomatch reads .gitattributes-like patterns", () => {
    const pathPiece = fc.constantFrom("a", "b", "*", "?", "[ab]", "{a,b}", "/", "**/", ".pkl");
    const pathGlobs = fc.array(pathPiece, { minLength: 1, maxLength: 7 }).map((p) => p.join(""));
    const paths = fc
      .array(fc.constantFrom("a", "b", "ab", "m.pkl"), { minLength: 1, maxLength: 4 })
      .map((p) => p.join("/"));
    fc.assert(
      fc.property(pathGlobs, paths, (glob, path) => {
        fc.pre(!glob.includes("//") && !glob.startsWith("/") && !glob.endsWith("/"));
        // git (and so we) read `**` inside a segment as `*`; picomatch lets it cross folders.
        fc.pre(!/[^/]\*\*|\*\*[^/]/.test(glob));
        // picomatch lets `sub/**` match `sub` but not `*/**` match `a`; git matches neither
        // (checked against git itself below).
        fc.pre(!glob.endsWith("/**"));
        const expected = picomatch(glob, { dot: true })(path);
        expect(compileGlob(glob, { paths: true })(path), `${glob} on ${path}`).toBe(expected);
      }),
      { numRuns: 3_000 },
    );
  });
});
