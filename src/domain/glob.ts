import { usage } from "./errors.js";

/**
 * Glob matching in time bounded by (alternatives x pattern length x value length), for globs that
 * come from users: `--where k~glob` and the `lfs:` patterns of .gitmodel.yaml.
 *
 * picomatch (like minimatch and every glob library we found on npm) compiles a glob to a
 * backtracking regular expression: `*a*a*a*a*a*a*a*a*a*a*b` became `.*?a.*?a...b`, which took
 * 39 s to reject a 40-character value. Here a glob is a list of one-character tokens and stars,
 * matched by the classic greedy algorithm: on a mismatch only the last star takes one more
 * character, so every (token, character) pair is tried at most once per alternative.
 *
 * Syntax (bash's, as picomatch reads it with `bash: true`): `*` any run of characters, `?` one
 * character, `[abc]` `[a-z]` `[!a]` `[^a]` a class, `{a,b}` alternatives (nested), `\x` the
 * character x, a leading `!` negates. Extended globs (`+(a|b)`) and POSIX classes (`[[:alpha:]]`)
 * are refused rather than read some other way. With `paths`, `*` and `?` stay inside one folder
 * and a `**` segment spans folders, as in .gitattributes.
 */

export interface GlobOptions {
  /** Match paths: `*` stops at `/`, `**` as a whole segment spans any number of folders. */
  paths?: boolean;
  /** Names the glob in errors (`--where "k~x"`). */
  origin?: string;
}

/** Longest pattern accepted, and most alternatives its braces may expand to. */
export const MAX_GLOB_LENGTH = 1024;
export const MAX_GLOB_ALTERNATIVES = 256;

type Token = "*" | ((c: string) => boolean);
/** A path pattern: folder segments, each a char-level pattern or `**`. */
type Segment = "**" | Token[];

const EXTGLOB = /(^|[^\\])[@*+?!]\(/;

export function compileGlob(glob: string, options: GlobOptions = {}): (value: string) => boolean {
  const origin = options.origin ?? `glob ${JSON.stringify(glob)}`;
  if (glob.length > MAX_GLOB_LENGTH)
    throw usage(`${origin}: a glob may be at most ${MAX_GLOB_LENGTH} characters long`);
  if (EXTGLOB.test(glob)) {
    throw usage(`${origin}: extended globs like +(a|b) are not supported`, {
      hint: "use {a,b} for alternatives, or escape the parenthesis with a backslash",
    });
  }
  let body = glob;
  let negated = false;
  while (body.startsWith("!")) {
    negated = !negated;
    body = body.slice(1);
  }
  const alternatives = expandBraces(body, origin);
  let test: (value: string) => boolean;
  if (options.paths) {
    const compiled = alternatives.map((a) => {
      const segments = a.split("/").map((s): Segment => (s === "**" ? "**" : tokenize(s, origin)));
      // A trailing `/**` is everything inside the folder, not the folder itself (git's wildmatch):
      // it needs one segment at least, so it becomes `/*/**`.
      if (segments.length > 1 && segments.at(-1) === "**") segments.splice(-1, 0, ["*"]);
      return segments;
    });
    test = (value) => {
      const parts = value.split("/");
      return compiled.some((segments) => matchSequence(segments, parts, matchSegment));
    };
  } else {
    const compiled = alternatives.map((a) => tokenize(a, origin));
    test = (value) => {
      const chars = [...value];
      return compiled.some((tokens) => matchSequence(tokens, chars, matchToken));
    };
  }
  return negated ? (value) => !test(value) : test;
}

const matchToken = (token: (c: string) => boolean, c: string) => token(c);
const matchSegment = (segment: Token[], part: string) => matchSequence(segment, [...part], matchToken);

/**
 * The greedy wildcard match: `*` (or `**`) items take as little as they can; on a mismatch the
 * most recent star takes one more element and the items after it start again. Earlier stars never
 * need to change, since the latest star can absorb whatever they would have.
 */
function matchSequence<T, V>(
  pattern: readonly ("*" | "**" | T)[],
  value: readonly V[],
  one: (item: T, element: V) => boolean,
): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const item = pattern[p];
    if (item === "*" || item === "**") {
      star = p++;
      resume = v;
    } else if (item !== undefined && one(item as T, value[v] as V)) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*" || pattern[p] === "**") p++;
  return p === pattern.length;
}

/** One alternative (braces already expanded) as tokens; consecutive stars are one. */
function tokenize(pattern: string, origin: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "*") {
      if (tokens.at(-1) !== "*") tokens.push("*");
    } else if (c === "?") {
      tokens.push(() => true);
    } else if (c === "\\" && i + 1 < chars.length) {
      const literal = chars[++i]!;
      tokens.push((x) => x === literal);
    } else if (c === "[") {
      const parsed = parseClass(chars, i, origin);
      if (parsed) {
        tokens.push(parsed.test);
        i = parsed.end;
      } else {
        tokens.push((x) => x === "[");
      }
    } else {
      tokens.push((x) => x === c);
    }
  }
  return tokens;
}

/** `[...]` starting at `start`: its test and the index of its `]`, or null when it is not closed (a literal `[`). */
function parseClass(
  chars: readonly string[],
  start: number,
  origin: string,
): { test: (c: string) => boolean; end: number } | null {
  let i = start + 1;
  const negated = chars[i] === "!" || chars[i] === "^";
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (let first = true; i < chars.length; first = false) {
    let c = chars[i]!;
    if (c === "]" && !first) {
      const test = (x: string) => ranges.some(([lo, hi]) => x >= lo && x <= hi);
      return { test: negated ? (x) => !test(x) : test, end: i };
    }
    if (c === "[" && chars[i + 1] === ":") {
      throw usage(`${origin}: POSIX classes like [[:alpha:]] are not supported`, {
        hint: "list the characters instead, e.g. [a-zA-Z]",
      });
    }
    if (c === "\\" && i + 1 < chars.length) c = chars[++i]!;
    if (chars[i + 1] === "-" && chars[i + 2] !== undefined && chars[i + 2] !== "]") {
      let hi = chars[i + 2]!;
      i += 2;
      if (hi === "\\" && i + 1 < chars.length) hi = chars[++i]!;
      ranges.push([c, hi]);
    } else {
      ranges.push([c, c]);
    }
    i++;
  }
  return null;
}

/**
 * `{a,b}` expanded into the alternatives it stands for, nested braces included; escapes are
 * kept for tokenize. A brace without a comma at its own level, or without its `}`, is literal.
 */
function expandBraces(pattern: string, origin: string): string[] {
  const group = findBraceGroup(pattern);
  if (!group) return [pattern];
  const before = pattern.slice(0, group.open);
  const after = pattern.slice(group.close + 1);
  const results: string[] = [];
  for (const choice of group.choices) {
    for (const expanded of expandBraces(before + choice + after, origin)) {
      results.push(expanded);
      if (results.length > MAX_GLOB_ALTERNATIVES) {
        throw usage(`${origin}: the braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`, {
          hint: "use fewer {a,b} groups, or a * or [...] instead",
        });
      }
    }
  }
  return results;
}

/** The first brace group with a comma at its level: where it opens and closes, and its choices. */
function findBraceGroup(pattern: string): { open: number; close: number; choices: string[] } | null {
  for (let open = 0; open < pattern.length; open++) {
    const c = pattern[open];
    if (c === "\\") open++;
    else if (c === "[") open = skipClass(pattern, open);
    else if (c === "{") {
      let depth = 0;
      const commas: number[] = [];
      for (let i = open; i < pattern.length; i++) {
        const d = pattern[i];
        if (d === "\\") i++;
        else if (d === "[") i = skipClass(pattern, i);
        else if (d === "{") depth++;
        else if (d === "," && depth === 1) commas.push(i);
        else if (d === "}" && --depth === 0) {
          if (commas.length === 0) break;
          const bounds = [open, ...commas, i];
          const choices = bounds.slice(1).map((end, k) => pattern.slice(bounds[k]! + 1, end));
          return { open, close: i, choices };
        }
      }
    }
  }
  return null;
}

/** The index of the `]` closing a class at `start`, or `start` when it does not close (a literal `[`). */
function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "!" || pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === "\\") i++;
    else if (pattern[i] === "]") return i;
  }
  return start;
}
