import { invalid, notFound } from "./errors.js";
import { compareText } from "./order.js";
import type { Metadata } from "./schemas.js";

/**
 * Lineage (DESIGN section 7): which version a version was derived from, how much it improved on
 * it, the chain back to the root and the versions derived from it. Pure over metadata the caller
 * has read.
 */

/** Percent change from `base` to `value`, to two decimals (seed 004's `+8.35%`); null when `base` is 0. */
export function percentChange(base: number, value: number): number | null {
  if (base === 0) return null;
  // Against |base|, so that an increase is positive even from a negative base (a Sharpe ratio of -0.5).
  const percent = Math.round(((value - base) / Math.abs(base)) * 10_000) / 100;
  return percent === 0 ? 0 : percent;
}

/** `improvement` of a registration: the percent change of every metric both versions have (none when the base is 0). */
export function improvement(
  baseMetrics: Readonly<Record<string, number>> | undefined,
  newMetrics: Readonly<Record<string, number>> | undefined,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(newMetrics ?? {})) {
    const base = baseMetrics?.[name];
    const change = base === undefined ? null : percentChange(base, value);
    if (change !== null) result[name] = change;
  }
  return result;
}

/** `name@version` of the metadata: the key lineage lookups use. */
export const refOf = (metadata: Pick<Metadata, "name" | "version">): string =>
  `${metadata.name}@${metadata.version}`;

/** `churn@v1.2.0` and `churn@1.2.0` name the same version: lineage compares references in this form. */
export const canonicalRef = (ref: string): string => ref.replace(/@v(?=\d)/, "@");

/** Finds the metadata of a `name@version` reference (canonical form, no `v`), or undefined. */
export type MetadataLookup = (ref: string) => Metadata | undefined;

export interface LineageLink {
  ref: string;
  /** null when the reference is not in the registry (deleted by cleanup, or another repository's). */
  metadata: Metadata | null;
  /** The version this one was derived from, and how. */
  base: string | null;
  enhancement: string | null;
}

/**
 * The chain from `startRef` to its root, `startRef` first. A base that cannot be found ends the
 * chain with a link whose metadata is null, since deleted ancestors are normal after cleanup.
 */
export function lineageChain(startRef: string, lookup: MetadataLookup): LineageLink[] {
  const start = lookup(canonicalRef(startRef));
  if (!start)
    throw notFound(`no version ${startRef} in the registry`, {
      hint: "check the reference with git model list",
    });
  const chain: LineageLink[] = [];
  const seen = new Set<string>();
  let ref: string | null = refOf(start);
  while (ref !== null) {
    if (seen.has(ref)) {
      const loop = [...chain.map((l) => l.ref), ref].join(" -> ");
      throw invalid(`the lineage of ${startRef} loops: ${loop}`, {
        hint: `fix lineage.base in the metadata of ${ref}`,
      });
    }
    seen.add(ref);
    const metadata: Metadata | null = lookup(ref) ?? null;
    const base: string | null = metadata?.lineage?.base ? canonicalRef(metadata.lineage.base) : null;
    chain.push({ ref, metadata, base, enhancement: metadata?.lineage?.enhancement ?? null });
    ref = base;
  }
  return chain;
}

export interface Descendant {
  ref: string;
  /** The version it was derived from (`ref` itself for depth 1). */
  base: string;
  enhancement: string | null;
  /** 1 for versions derived directly from `ref`, 2 for their derivatives, and so on. */
  depth: number;
}

/** The versions derived from `ref`, directly or not, nearest first (then oldest first). */
export function descendants(ref: string, all: readonly Metadata[]): Descendant[] {
  const children = childrenByBase(all);
  const result: Descendant[] = [];
  const seen = new Set<string>([canonicalRef(ref)]);
  let frontier = [canonicalRef(ref)];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const base of frontier) {
      for (const child of children.get(base) ?? []) {
        const childRef = refOf(child);
        if (seen.has(childRef)) continue; // a loop in broken metadata must not loop here
        seen.add(childRef);
        result.push({ ref: childRef, base, enhancement: child.lineage?.enhancement ?? null, depth });
        next.push(childRef);
      }
    }
    frontier = next;
  }
  return result;
}

function childrenByBase(all: readonly Metadata[]): Map<string, Metadata[]> {
  const byBase = new Map<string, Metadata[]>();
  const oldestFirst = [...all].sort(
    (a, b) => compareText(a.created_at, b.created_at) || compareText(refOf(a), refOf(b)),
  );
  for (const metadata of oldestFirst) {
    const base = metadata.lineage?.base;
    if (!base) continue;
    const key = canonicalRef(base);
    const siblings = byBase.get(key);
    if (siblings) siblings.push(metadata);
    else byBase.set(key, [metadata]);
  }
  return byBase;
}
