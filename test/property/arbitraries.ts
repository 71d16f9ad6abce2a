import fc from "fast-check";
import { expect } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import type { Metadata } from "../../src/domain/schemas.js";

/**
 * Hostile inputs for the property tests (issue 11 item 14): names, versions, references,
 * `--where` expressions, metadata, .gitmodel.yaml and stages.json, mixing arbitrary text with
 * the shapes that broke things before (escapes, git options, control characters, deep nesting,
 * huge repetition, git ref-name traps).
 */

const traps = [
  "",
  ".",
  "..",
  "../x",
  "../../../etc",
  "a/b",
  "/abs",
  "-x",
  "--help",
  "--version",
  "a\nb",
  "a\u0000b",
  "a\u001bb",
  "x".repeat(300),
  "CHURN",
  "\u00e9t\u00e9",
  "a.lock",
  "a..b",
  "a@{b",
  "a~1",
  "a^b",
  "a:b",
  "a b",
  "*",
  "[",
  "\\",
  "__proto__",
  "constructor",
  "\ud800",
] as const;

export const trap = fc.constantFrom(...traps);

/** Text that is sometimes plausible, sometimes a trap, sometimes anything at all. */
const word = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 3, arbitrary: trap },
  { weight: 2, arbitrary: word },
  { weight: 1, arbitrary: fc.tuple(trap, word).map(([a, b]) => `${a}${b}`) },
);

export const modelName = fc.oneof(hostileText, fc.constant("churn"));

const semverish = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.option(hostileText, { nil: undefined }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre === undefined ? "" : `-${pre}`}`);
export const version = fc.oneof(hostileText, semverish, fc.constantFrom("1.0.0", "v1.0.0", "1.0.0-a.lock"));

export const reference = fc
  .tuple(
    modelName,
    fc.constantFrom("@", "#", "", "@@", "#@"),
    fc.oneof(version, fc.constant("latest"), fc.constant("production")),
  )
  .map(([m, sep, rest]) => (sep === "" ? m : `${m}${sep}${rest}`));

const fieldPath = fc.oneof(
  fc.constantFrom("metrics.acc", "tags.k", "stage", "version", "params.a.b", "trained_symbols.0"),
  hostileText,
);
const operator = fc.constantFrom("=", "!=", ">", ">=", "<", "<=", "~", "~!", "==", "=>", "");
const globish = fc
  .array(fc.constantFrom("*", "?", "a", "[a-z]", "[!a]", "{a,b}", "\\", "+(a|b)", "[[:alpha:]]", "**", "!"), {
    maxLength: 12,
  })
  .map((p) => p.join(""));
export const whereExpression = fc.oneof(
  fc.tuple(fieldPath, operator, fc.oneof(hostileText, globish)).map(([p, o, v]) => `${p}${o}${v}`),
  hostileText,
);

/** JSON text of a value nested `depth` levels, objects and arrays in turn (built as text: JSON.stringify would overflow). */
export const nestedJson = (depth: number): string => {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? "[" : '{"k":';
    close = (i % 2 ? "]" : "}") + close;
  }
  return `${open}1${close}`;
};

/** PROPERTY_SCALE=10 runs ten times as many cases, for a deeper search than CI's. */
export const scaled = (runs: number) => Math.ceil(runs * Number(process.env.PROPERTY_SCALE ?? 1));

/** Valid metadata, with a long tag, a list tag and a nested param for filters to reach. */
export const validMetadata: Metadata = {
  schema: 1,
  name: "churn",
  version: "1.0.0",
  created_at: "2026-11-20T14:03:11Z",
  artifacts: [{ path: "model.pkl", sha256: "0".repeat(64), size: 1 }],
  metrics: { acc: 0.9 },
  tags: { k: "a".repeat(200), list: ["a", "b"] },
  params: { a: { b: 3 } },
};

/** metadata.json texts: arbitrary JSON, the valid shape with fields replaced, deep nesting, broken text. */
export const metadataText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .tuple(
      fc.constantFrom(...Object.keys(validMetadata), "params", "__proto__", "lineage"),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map(
      ([key, value]) =>
        `{${JSON.stringify(validMetadata).slice(1, -1)}, ${JSON.stringify(key)}: ${JSON.stringify(value)}}`,
    ),
  fc
    .integer({ min: 60, max: 20_000 })
    .map((d) => `{${JSON.stringify(validMetadata).slice(1, -1)}, "params": ${nestedJson(d)}}`),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '{"metrics": {"a": 1, "a": 2}}',
    '{"tags": {"__proto__": "x"}}',
    "\ufeff{}",
    "{".repeat(20_000),
  ),
);

/** stages.json texts. */
export const stagesText = fc.oneof(
  fc
    .dictionary(
      fc.oneof(hostileText, fc.constantFrom("production", "staging")),
      fc.oneof(version, fc.array(version, { maxLength: 3 })),
      {
        maxKeys: 4,
      },
    )
    .map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 60, max: 20_000 }).map((d) => `{"production": ${"[".repeat(d)}${"]".repeat(d)}}`),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{"production": "1.0.0", "production": "2.0.0"}', '{"production": "../../../evil"}'),
);

/** .gitmodel.yaml texts: YAML from arbitrary values, configuration keys with hostile values, raw text. */
export const configText = fc.oneof(
  fc
    .record(
      {
        root: fc.oneof(
          hostileText,
          fc.constantFrom("models", "./models", ".git", ".git/hooks", "models//x", "."),
        ),
        lfs: fc.array(fc.oneof(hostileText, globish), { maxLength: 3 }),
        stages: fc.array(fc.oneof(hostileText, fc.record({ name: hostileText })), { maxLength: 3 }),
        lfs_threshold_bytes: fc.oneof(fc.integer(), fc.double(), hostileText),
      },
      { requiredKeys: [] },
    )
    .map((c) => JSON.stringify(c)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 80 }),
  fc.integer({ min: 60, max: 50_000 }).map((d) => `root: models\nlfs: ${"[".repeat(d)}${"]".repeat(d)}\n`),
  fc.constantFrom(
    "a: &a [1]\nb: [*a, *a, *a, *a]\n",
    "root: models\nroot: other\n",
    "!!js/function 'function(){}'\n",
    "root: !!binary aGVsbG8=\n",
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
  ),
);

/**
 * What the CLI may do with any input: succeed, or fail with a GitModelError (exit 1 or 2 and a
 * message). Anything else (a TypeError, a RangeError from a stack overflow) is a crash.
 */
export function expectHandled(action: () => unknown, input: unknown): void {
  try {
    action();
  } catch (e) {
    expect(e, `${JSON.stringify(input)?.slice(0, 200)} threw ${String(e)}`).toBeInstanceOf(GitModelError);
    const error = e as GitModelError;
    expect([1, 2]).toContain(error.exitCode);
    expect(error.message.trim()).not.toBe("");
  }
}
