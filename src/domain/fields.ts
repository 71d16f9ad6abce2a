import { type GitModelError, usage } from "./errors.js";
import type { Metadata } from "./schemas.js";

/**
 * Dot paths into metadata.json (DESIGN section 6): `metrics.val_rmse`, `tags.timeframe`,
 * `trained_symbols`. A bare name that is not a top-level field is looked up in `tags`, so
 * `--require training_mode=multi_symbol` works whether a project records it at the top level
 * (seed 001) or as a tag (`register --tag`).
 */

/** Values for fields that old metadata lacks (seed 001: a missing training_mode means single_symbol). */
export type FieldDefaults = Readonly<Record<string, unknown>>;

/** A field's value, and whether it came from `defaults` rather than from the metadata. */
export interface ResolvedField {
  value: unknown;
  defaulted: boolean;
}

/** The segments of a dot path; an empty segment (`a..b`, `.a`, `a.`) is a usage error. */
export function splitPath(path: string): string[] {
  const segments = path.split(".");
  if (segments.some((s) => s === "")) {
    throw usage(`invalid field path ${JSON.stringify(path)}: empty segment`, { hint: PATH_HINT });
  }
  return segments;
}

export const PATH_HINT =
  "paths are dot paths into metadata.json, e.g. metrics.val_rmse, tags.timeframe or trained_symbols";

/** The value at `path`, or undefined when the metadata does not have it (JSON null counts as absent). */
export function lookupField(metadata: Metadata, path: string): unknown {
  const segments = splitPath(path);
  const root = metadata as Record<string, unknown>;
  // A bare name that is not a top-level field is a tag (DESIGN section 6).
  const walk = segments.length === 1 && !Object.hasOwn(root, segments[0]!) ? ["tags", ...segments] : segments;
  let current: unknown = root;
  for (const segment of walk) {
    current = child(current, segment);
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

function child(container: unknown, segment: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(segment) ? container[Number(segment)] : undefined;
  if (typeof container === "object" && container !== null && Object.hasOwn(container, segment)) {
    return (container as Record<string, unknown>)[segment];
  }
  return undefined;
}

/**
 * The spellings that name the same field for `defaults` and overrides: a bare name and the same
 * name under `tags.` (the bare name falls back to tags, so a default written either way applies).
 */
export function pathAliases(path: string): string[] {
  if (!path.includes(".")) return [path, `tags.${path}`];
  const tagName = /^tags\.([^.]+)$/.exec(path)?.[1];
  return tagName ? [path, tagName] : [path];
}

export const samePath = (a: string, b: string): boolean => pathAliases(a).includes(b);

/** The value at `path`, from the metadata or else from `defaults`; undefined when neither has it. */
export function resolveField(
  metadata: Metadata,
  path: string,
  defaults: FieldDefaults = {},
): ResolvedField | undefined {
  const value = lookupField(metadata, path);
  if (value !== undefined) return { value, defaulted: false };
  const key = pathAliases(path).find((alias) => Object.hasOwn(defaults, alias));
  return key === undefined ? undefined : { value: defaults[key], defaulted: true };
}

/** Whether any of the metadata (or the defaults) has the field: a path none has is a typo, not a filter. */
export function fieldExists(all: readonly Metadata[], path: string, defaults: FieldDefaults = {}): boolean {
  return all.some((m) => resolveField(m, path, defaults) !== undefined);
}

/**
 * The fields that exist in any of the metadata, as dot paths: top-level fields, and one level into
 * objects (`metrics.val_rmse`, `tags.timeframe`), which is where selection paths point.
 */
export function availableFields(all: readonly Metadata[]): string[] {
  const fields = new Set<string>();
  for (const metadata of all) {
    for (const [key, value] of Object.entries(metadata)) {
      if (isPlainObject(value) && Object.keys(value).length > 0) {
        for (const sub of Object.keys(value)) fields.add(`${key}.${sub}`);
      } else {
        fields.add(key);
      }
    }
  }
  return [...fields].sort();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const MAX_LISTED_FIELDS = 15;

/** "fields that exist: ..." for an unknown path: the fields under the same prefix when there are any. */
export function describeExistingFields(path: string, all: readonly Metadata[]): string {
  const fields = availableFields(all);
  const prefix = path.includes(".") ? `${path.split(".")[0]}.` : undefined;
  const sameGroup = prefix ? fields.filter((f) => f.startsWith(prefix)) : [];
  const shown = sameGroup.length > 0 ? sameGroup : fields;
  if (shown.length === 0) return "no version has any fields";
  const listed = shown.slice(0, MAX_LISTED_FIELDS).join(", ");
  return `fields that exist: ${listed}${shown.length > MAX_LISTED_FIELDS ? `, ... (${shown.length} in all)` : ""}`;
}

/** The usage error for a path that no version has: names the path, where it was used, and what exists. */
export function unknownPathError(path: string, usedIn: string, all: readonly Metadata[]): GitModelError {
  return usage(
    `unknown path ${path} in ${usedIn}: no version has it (${describeExistingFields(path, all)})`,
    {
      hint: PATH_HINT,
    },
  );
}
