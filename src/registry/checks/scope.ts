import { usage } from "../../domain/errors.js";
import type { Registry } from "../core/registry.js";
import type { ModelFiles } from "./listing.js";

/** Which models and versions a validate run checks: all, the ones paths name, or what a change touches. */

/** Which models (and within them which versions) to check; null: all of them. */
export type Wanted = Map<string, Set<string> | "all">;

/** With --base: the models and versions the changes touch. */
export function wantedByChanges(registry: Registry, changes: readonly { path: string }[]): Wanted {
  const wanted: Wanted = new Map();
  const prefix = `${registry.root}/`;
  for (const { path } of changes) {
    if (!path.startsWith(prefix)) continue;
    const [model, version, ...rest] = path.slice(prefix.length).split("/");
    if (!model) continue;
    const set = wanted.get(model);
    const next = set instanceof Set ? set : new Set<string>();
    if (version && rest.length) next.add(version);
    wanted.set(model, next);
  }
  return wanted;
}

export function restrict(
  scope: Map<string, ModelFiles>,
  touched: Map<string, Set<string> | "all">,
): Map<string, ModelFiles> {
  const out = new Map<string, ModelFiles>();
  for (const [model, entry] of scope) {
    const t = touched.get(model);
    if (!t) continue;
    if (t === "all") out.set(model, entry);
    else {
      out.set(model, {
        modelFiles: entry.modelFiles,
        versions: new Map([...entry.versions].filter(([v]) => t.has(v))),
      });
    }
  }
  return out;
}

/** The models and versions the paths name; null when one of them names the whole registry. */
export function scopeFromPaths(registry: Registry, paths: readonly string[]): Wanted | null {
  const touched: Wanted = new Map();
  let everything = false;
  for (const raw of paths) {
    const rel = relativeToTop(registry, raw);
    if (rel === registry.root || rel === "" || rel === ".") {
      everything = true;
      continue;
    }
    if (!rel.startsWith(`${registry.root}/`)) {
      throw usage(`${raw} is not inside the registry root ${registry.root}/`);
    }
    const [model, version] = rel.slice(registry.root.length + 1).split("/");
    if (!model) continue;
    const current = touched.get(model);
    if (!version) touched.set(model, "all");
    else if (current !== "all") touched.set(model, new Set([...(current ?? []), version]));
  }
  return everything ? null : touched;
}

export function relativeToTop(registry: Registry, path: string): string {
  const abs = path.startsWith("/") ? path : `${process.cwd()}/${path}`;
  const normalized = abs.split("/").reduce<string[]>((acc, part) => {
    if (part === "" || part === ".") return acc;
    if (part === "..") acc.pop();
    else acc.push(part);
    return acc;
  }, []);
  const top = registry.top.split("/").filter(Boolean);
  if (normalized.slice(0, top.length).join("/") !== top.join("/"))
    throw usage(`${path} is outside the repository`);
  return normalized.slice(top.length).join("/").replace(/\/$/, "");
}
