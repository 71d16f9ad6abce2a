import type { Registry } from "../core/registry.js";

/**
 * What an interrupted register leaves when nothing settles it: a version folder that is not
 * committed, and history lines that are not. git-model finishes or undoes its own interrupted
 * writes (core/journal.ts), so these come from a hand, another tool or an older git-model; either
 * way they are not registered versions, and validate and doctor say so.
 */

export interface Leftover {
  kind: "uncommitted-version" | "uncommitted-history";
  model: string;
  /** The version folder, or the history file. */
  path: string;
  version?: string;
}

/**
 * Leftovers among `git status --porcelain` paths under the registry root: untracked
 * `<root>/<model>/<version>/metadata.json`, and a changed `<root>/<model>/history.jsonl`.
 */
export function leftoversIn(
  registry: Registry,
  untracked: readonly string[],
  changed: Iterable<string>,
): Leftover[] {
  const prefix = `${registry.root}/`;
  const found: Leftover[] = [];
  for (const path of untracked) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split("/");
    if (parts.length !== 3 || parts[2] !== "metadata.json") continue;
    const [model, version] = parts as [string, string];
    if (registry.scheme(model).parse(version) !== version) continue;
    found.push({ kind: "uncommitted-version", model, version, path: `${prefix}${model}/${version}` });
  }
  const fresh = new Set(untracked);
  for (const path of changed) {
    const parts = path.startsWith(prefix) ? path.slice(prefix.length).split("/") : [];
    if (parts.length === 2 && parts[1] === "history.jsonl" && !fresh.has(path)) {
      found.push({ kind: "uncommitted-history", model: parts[0]!, path });
    }
  }
  return found;
}

export function describeLeftover(leftover: Leftover): { message: string; hint: string } {
  return leftover.kind === "uncommitted-version"
    ? {
        message: `${leftover.model}@${leftover.version} is not committed, so it is not a registered version`,
        hint: "an interrupted register leaves this: remove the folder and register the run again",
      }
    : {
        message: `${leftover.path} has lines that are not committed: they record no registered version`,
        hint: `discard them (git checkout -- ${leftover.path}) unless you mean to commit them`,
      };
}
