import { type GitModelError, usage } from "./errors.js";
import { type FieldDefaults, resolveField, splitPath } from "./fields.js";
import { compileGlob } from "./glob.js";
import type { Metadata } from "./schemas.js";

/**
 * The one filter of the registry: `select --where/--require`, `list --where` and a policy's
 * `require` all compile to a Filter and are checked by checkFilter, so they cannot disagree.
 */

export type FilterOp = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~";
export type FilterValue = string | number | boolean;

export interface Filter {
  path: string;
  op: FilterOp;
  /** `=` holds when the field equals any of these (a `require` list); every other operator has one. */
  values: FilterValue[];
  /** How the user wrote it, for error messages: `--where "metrics.val_rmse<0.02"` or `require training_mode`. */
  origin: string;
}

/** A `require` value from .gitmodel.yaml: a value, or a list meaning any of. */
export type RequirementValue = FilterValue | FilterValue[];

// Longest first, so `>=` is not read as `>` followed by a value `=...`.
const OPERATORS: readonly FilterOp[] = ["!=", ">=", "<=", "=", ">", "<", "~"];
const OPERATOR_CHARS = new Set(["=", "!", "<", ">", "~"]);
const NUMERIC_OPS = new Set<FilterOp>([">", ">=", "<", "<="]);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SYNTAX_HINT =
  "a filter is PATH OP VALUE with OP one of = != > >= < <= ~ (glob), e.g. metrics.val_rmse<0.02";

/** A usage error that quotes the expression and puts a caret under the offending character. */
function syntaxError(flag: string, text: string, column: number, problem: string): GitModelError {
  const opening = `${flag} "`;
  const caret = `${" ".repeat(opening.length + column - 1)}^`;
  return usage(`${opening}${text}": ${problem.replace("{col}", `column ${column}`)}\n${caret}`, {
    column,
    hint: SYNTAX_HINT,
  });
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Parses `k=v`, `k!=v`, `k>v`, `k>=v`, `k<v`, `k<=v`, `k~glob`; `flag` names the option in errors. */
export function parseWhere(text: string, flag = "--where"): Filter {
  let i = 0;
  const skipSpaces = () => {
    while (isSpace(text[i])) i++;
  };
  skipSpaces();
  const pathStart = i;
  while (i < text.length && !OPERATOR_CHARS.has(text[i]!) && !isSpace(text[i])) i++;
  const path = text.slice(pathStart, i);
  if (path === "") {
    if (i >= text.length) throw syntaxError(flag, text, i + 1, "expected a field path at {col}");
    throw syntaxError(flag, text, i + 1, `unexpected '${text[i]}' at {col}: expected a field path first`);
  }
  const emptySegment = findEmptySegment(path);
  if (emptySegment !== undefined) {
    throw syntaxError(
      flag,
      text,
      pathStart + emptySegment + 1,
      "unexpected '.' at {col}: empty path segment",
    );
  }
  skipSpaces();
  const op = OPERATORS.find((o) => text.startsWith(o, i));
  if (op === undefined) {
    const problem = i >= text.length ? "expected an operator at {col}" : `unexpected '${text[i]}' at {col}`;
    throw syntaxError(flag, text, i + 1, `${problem}: expected one of = != > >= < <= ~`);
  }
  i += op.length;
  skipSpaces();
  const value = text.slice(i).trimEnd();
  if (value === "") throw syntaxError(flag, text, i + 1, `missing value after '${op}' at {col}`);
  // A value that starts with an operator is almost always a typo (`>>`, `=>`); `~!x` is a negated glob.
  const first = value[0]!;
  if (OPERATOR_CHARS.has(first) && !(op === "~" && first === "!")) {
    throw syntaxError(flag, text, i + 1, `unexpected '${first}' at {col}`);
  }
  if (NUMERIC_OPS.has(op) && !NUMBER.test(value)) {
    throw syntaxError(
      flag,
      text,
      i + 1,
      `'${op}' compares numbers and ${JSON.stringify(value)} at {col} is not one`,
    );
  }
  const origin = `${flag} "${text}"`;
  // A glob is checked here, so that a bad one is refused even when no version has the field.
  if (op === "~") globMatcher(value, origin);
  return { path, op, values: [NUMERIC_OPS.has(op) ? Number(value) : value], origin };
}

/** The offset of the dot that starts an empty segment (`a..b`, `.a`, `a.`), if any. */
function findEmptySegment(path: string): number | undefined {
  if (path.startsWith(".")) return 0;
  const double = path.indexOf("..");
  if (double >= 0) return double + 1;
  return path.endsWith(".") ? path.length - 1 : undefined;
}

/** Parses a `k=v` flag (`--require`, `--fallback`): a filter that only takes `=`. */
export function parseRequirement(text: string, flag = "--require"): Filter {
  const filter = parseWhere(text, flag);
  if (filter.op !== "=") {
    throw usage(`${flag} "${text}": ${flag} takes KEY=VALUE, not '${filter.op}'`, {
      hint: `use --where for other comparisons, e.g. --where "${text}"`,
    });
  }
  return filter;
}

/** A policy's `require` map as filters: every entry must hold, a list meaning any of. */
export function requireFilters(
  require: Readonly<Record<string, RequirementValue>>,
  origin = "require",
): Filter[] {
  return Object.entries(require).map(([path, value]) => {
    splitPath(path);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0)
      throw usage(`${origin} ${path}: an empty list can never match`, { hint: "list the accepted values" });
    return { path, op: "=", values, origin: `${origin} ${path}` };
  });
}

/** Why the metadata fails the filter, or null when it passes. */
export function checkFilter(filter: Filter, metadata: Metadata, defaults: FieldDefaults = {}): string | null {
  const field = resolveField(metadata, filter.path, defaults);
  // A field that is absent is different from every value, so only `!=` holds.
  if (field === undefined)
    return filter.op === "!=" ? null : `${filter.path} is missing, required ${describeCondition(filter)}`;
  if (holds(filter, field.value, metadata.version)) return null;
  return `${filter.path} is ${show(field.value)}${field.defaulted ? " (default)" : ""}, required ${describeCondition(filter)}`;
}

/** Every reason the metadata fails the filters; empty when it passes them all. */
export function failedFilters(
  filters: readonly Filter[],
  metadata: Metadata,
  defaults: FieldDefaults = {},
): string[] {
  return filters.flatMap((f) => checkFilter(f, metadata, defaults) ?? []);
}

function holds(filter: Filter, actual: unknown, version: string): boolean {
  // A list field (trained_symbols, a list tag) matches when one of its elements does.
  const elements = Array.isArray(actual) ? actual : [actual];
  const expected = filter.values[0]!;
  switch (filter.op) {
    case "=":
      return elements.some((a) => filter.values.some((e) => looseEquals(a, e)));
    case "!=":
      return !elements.some((a) => looseEquals(a, expected));
    case "~":
      return elements.some((a) => isScalar(a) && globMatcher(String(expected), filter.origin)(String(a)));
    default:
      return compareNumbers(filter.op, numberOf(filter, actual, version), Number(expected));
  }
}

function compareNumbers(op: FilterOp, actual: number, expected: number): boolean {
  if (op === ">") return actual > expected;
  if (op === ">=") return actual >= expected;
  if (op === "<") return actual < expected;
  return actual <= expected;
}

/** The field as a number for `>`/`<`; anything else is a usage error naming the version and path. */
function numberOf(filter: Filter, actual: unknown, version: string): number {
  if (isNumeric(actual)) return Number(actual);
  throw usage(
    `${filter.origin}: ${filter.path} of version ${version} is ${JSON.stringify(actual)}, not a number`,
    {
      hint: `'${filter.op}' compares numbers; use = or ~ for text`,
    },
  );
}

/** Numbers compare as numbers (`1` equals `1.0`), everything else as text (`true` equals "true"). */
function looseEquals(actual: unknown, expected: FilterValue): boolean {
  if (isNumeric(actual) && isNumeric(expected)) return Number(actual) === Number(expected);
  return isScalar(actual) && String(actual) === String(expected);
}

const isScalar = (v: unknown): v is FilterValue =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

export const isNumeric = (v: unknown): boolean =>
  (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && NUMBER.test(v.trim()));

// Compiling a glob costs more than matching it, and `list --where` matches one glob against every version.
const globs = new Map<string, (value: string) => boolean>();
function globMatcher(glob: string, origin: string): (value: string) => boolean {
  let matcher = globs.get(glob);
  if (!matcher) {
    // Values are not paths: `*` crosses `/` and matches a leading dot (glob.ts).
    matcher = compileGlob(glob, { origin });
    globs.set(glob, matcher);
  }
  return matcher;
}

function describeCondition(filter: Filter): string {
  const [first] = filter.values;
  switch (filter.op) {
    case "=":
      return filter.values.length === 1 ? show(first) : `one of ${filter.values.map(show).join(", ")}`;
    case "!=":
      return `not ${show(first)}`;
    case "~":
      return `matching ${show(first)}`;
    default:
      return `${filter.op} ${show(first)}`;
  }
}

/** A value as a person reads it in a reason: text bare, lists in brackets, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return value === "" ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  return JSON.stringify(value) ?? String(value);
}

/** The filter as `path op value` text, e.g. for saying which requirement a fallback replaced. */
export function formatFilter(filter: Filter): string {
  return `${filter.path}${filter.op}${filter.values.map(String).join("|")}`;
}
