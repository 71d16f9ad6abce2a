import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigSchema, type ParsedConfig } from "./config-schema.js";
import { usage } from "./errors.js";
import { beyondShapeLimits, INPUT_LIMITS, tooLarge } from "./input-limits.js";
import { CONFIG_FILE, type RegistryConfig, resolveConfig } from "./registry-config.js";

/**
 * Where a person reads about every key: the file ships in the npm package (package.json `files`)
 * and is on the project's site, so the pointer works installed or not.
 */
export const CONFIGURATION_DOCS =
  "docs/configuration.md in the git-model package, or https://github.com/git-model/git-model/blob/main/docs/configuration.md";

/**
 * Reading .gitmodel.yaml: YAML (with line numbers for errors) checked against ConfigSchema
 * (config-schema.ts). The only module that loads yaml; the registry reaches it only when the
 * configuration cache misses (registry/core/config-cache.ts).
 */

/** The defaults, for a repository without .gitmodel.yaml. */
export function defaultConfig(): RegistryConfig {
  return resolveConfig(defaultConfigFile());
}

export function defaultConfigFile(): ParsedConfig {
  return ConfigSchema.parse({});
}

/** Parses .gitmodel.yaml into the registry's view of it (see parseConfigFile for the errors). */
export function parseConfig(text: string, file = CONFIG_FILE): RegistryConfig {
  return resolveConfig(parseConfigFile(text, file));
}

/**
 * Parses .gitmodel.yaml. A YAML error or a schema error names the key and the line, because a
 * person will open the file at that line to fix it. Both are usage errors (exit 2), like a bad
 * flag: exit 1 means "no" to scripts (`git model select bot || train`), and a broken configuration
 * must not read as "no compatible model".
 */
export function parseConfigFile(text: string, file = CONFIG_FILE): ParsedConfig {
  const beyond =
    tooLarge(text, INPUT_LIMITS.configBytes, "a configuration file") ??
    (bracketDepth(text) > INPUT_LIMITS.depth
      ? `[ and { nested deeper than ${INPUT_LIMITS.depth} levels, the most git-model reads`
      : null);
  if (beyond)
    throw usage(`${file}: ${beyond}`, { file, hint: "see docs/configuration.md for what it holds" });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw usage(`${file}:${pos.line}:${pos.col}: ${yamlError.message.split("\n")[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: "fix the YAML syntax at that line",
    });
  }
  let data: unknown;
  try {
    // yaml refuses aliases that expand past its limit (a "billion laughs") by throwing.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw usage(`${file}: ${(e as Error).message}`, {
      file,
      hint: "write the values out instead of aliasing them",
    });
  }
  const shape = beyondShapeLimits(data);
  if (shape) throw usage(`${file}: ${shape}`, { file, hint: "see docs/configuration.md for what it holds" });
  const result = ConfigSchema.safeParse(data);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  let path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  let keyNode: Node | undefined;
  if (issue.code === "unrecognized_keys") {
    const parent = path.length ? doc.getIn(path, true) : doc.contents;
    const key = issue.keys[0]!;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      keyNode = pair?.key as Node | undefined;
    }
    path = [...path, key];
  }
  // Point at the deepest node that exists in the file (a default may fill in the rest).
  let node: Node | undefined = keyNode;
  for (let n = path.length; !node && n > 0; n--) node = doc.getIn(path.slice(0, n), true) as Node | undefined;
  const offset = node?.range?.[0];
  const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const key = path.join(".") || "(top level)";
  const message = issue.code === "unrecognized_keys" ? `unknown key ${key}` : `${key}: ${issue.message}`;
  throw usage(`${file}${line ? `:${line}` : ""}: ${message}`, {
    file,
    ...(line ? { line } : {}),
    hint: `every key .gitmodel.yaml accepts, its default and an example: ${CONFIGURATION_DOCS}`,
  });
}

/**
 * The deepest nesting of `[` and `{`, counted over the whole text (quotes and comments
 * included, so that none can hide an opening): yaml's parser recurses on flow collections, and
 * 10,000 of them overflow its stack, 100,000 exhaust memory. A real configuration has two or three.
 */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of text) {
    if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return deepest;
}
