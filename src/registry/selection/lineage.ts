import { type ComparedSide, type Comparison, compareMetadata } from "../../domain/compare.js";
import { parseJsonl } from "../../domain/jsonl.js";
import {
  canonicalRef,
  type Descendant,
  descendants,
  lineageChain,
  type MetadataLookup,
  refOf,
} from "../../domain/lineage.js";
import { parseReference } from "../../domain/references.js";
import { HistoryLineSchema, type Metadata } from "../../domain/schemas.js";
import { parseMetadata } from "../core/parse-files.js";
import type { Registry } from "../core/registry.js";

/** `git model compare` and `git model lineage` (DESIGN section 7, issue 3) over the work tree. */

export interface VersionComparison extends Comparison {
  a: ComparedSide & { stage: string };
  b: ComparedSide & { stage: string };
  /**
   * The nearest version in both lineages: `a` itself when `b` was derived from it (and the other
   * way round), null when they share no ancestor.
   */
  commonAncestor: string | null;
}

/**
 * Compares two references. A bare second argument that is a configured stage names that stage of
 * the first one's model, so `compare churn@1.3.0 production` reads as it is meant.
 */
export async function compareVersions(
  registry: Registry,
  refA: string,
  refB: string,
): Promise<VersionComparison> {
  const isStage = /^[^@#]+$/.test(refB) && registry.config.stages.some((s) => s.name === refB);
  const b = isStage ? `${parseReference(refA).model}#${refB}` : refB;
  const [left, right] = await Promise.all([registry.resolve(refA), registry.resolve(b)]);
  const comparison = compareMetadata(left.metadata, right.metadata);
  const lookup = workTreeLookup(registry);
  const ancestorsOfA = lineageChain(refOf(left.metadata), lookup).map((l) => l.ref);
  const ancestorsOfB = new Set(lineageChain(refOf(right.metadata), lookup).map((l) => l.ref));
  return {
    ...comparison,
    a: { ...comparison.a, stage: left.stage },
    b: { ...comparison.b, stage: right.stage },
    commonAncestor: ancestorsOfA.find((ref) => ancestorsOfB.has(ref)) ?? null,
  };
}

/** One link of a chain: the version, what it was derived from and how much it improved on it. */
export interface LineageEntry {
  ref: string;
  /** false when the reference is not in the registry (deleted by cleanup, or another repository's). */
  registered: boolean;
  created_at: string | null;
  base: string | null;
  enhancement: string | null;
  improvement: Record<string, number>;
}

export interface LineageReport {
  ref: string;
  stage: string;
  /** From the version to its root, the version first. */
  chain: LineageEntry[];
  /** The versions derived from it, directly or not, nearest first. */
  descendants: Descendant[];
}

/**
 * The chain from `ref` to its root and the versions derived from it. A base may be a version of
 * another model, so descendants are looked for in every model of the registry.
 */
export async function lineageOf(registry: Registry, ref: string): Promise<LineageReport> {
  const [start, derived] = await Promise.all([registry.resolve(ref), derivedVersions(registry)]);
  const startRef = `${start.model}@${start.version}`;
  const chain = lineageChain(startRef, workTreeLookup(registry)).map(
    (link): LineageEntry => ({
      ref: link.ref,
      registered: link.metadata !== null,
      created_at: link.metadata?.created_at ?? null,
      base: link.base,
      enhancement: link.enhancement,
      improvement: link.metadata?.improvement ?? {},
    }),
  );
  return { ref: startRef, stage: start.stage, chain, descendants: descendants(startRef, derived) };
}

/**
 * Every version, of every model, that records a lineage: the only ones that can be descendants.
 * Read from each model's history.jsonl, the record of registrations (lineage included): one file
 * per model rather than every metadata.json, which at 10,000 versions costs seconds. A version
 * whose folder is gone (cleanup) is left out. Only the fields `descendants` reads are filled in.
 */
async function derivedVersions(registry: Registry): Promise<Metadata[]> {
  const perModel = await Promise.all(
    (await registry.models()).map(async (model) => {
      const [versions, text] = await Promise.all([
        registry.versions(model),
        Promise.resolve(registry.readText(`${registry.modelFolder(model)}/history.jsonl`)),
      ]);
      const present = new Set(versions);
      return parseJsonl(text ?? "", HistoryLineSchema).records.flatMap(({ value }): Metadata[] =>
        value.lineage && present.has(value.version)
          ? [
              {
                schema: 1,
                name: model,
                version: value.version,
                created_at: value.at,
                artifacts: [],
                lineage: value.lineage,
              },
            ]
          : [],
      );
    }),
  );
  return perModel.flat();
}

/**
 * Reads `name@version` straight from its folder, for walking one chain without reading the whole
 * registry. Synchronous because the domain's chain walk is; a chain is a handful of small files.
 */
function workTreeLookup(registry: Registry): MetadataLookup {
  const cache = new Map<string, Metadata | undefined>();
  return (ref) => {
    if (!cache.has(ref)) cache.set(ref, readRef(registry, canonicalRef(ref)));
    return cache.get(ref);
  };
}

function readRef(registry: Registry, ref: string): Metadata | undefined {
  try {
    const parsed = parseReference(ref);
    // Only a real version folder of the model: a reference is never a path.
    if (parsed.kind !== "version" || registry.scheme(parsed.model).parse(parsed.version) !== parsed.version)
      return undefined;
    const file = `${registry.versionFolder(parsed.model, parsed.version)}/metadata.json`;
    const text = registry.readText(file);
    return text === null ? undefined : parseMetadata(text, file);
  } catch {
    // Not a registered version (or unreadable): the chain ends there, as after a cleanup.
    return undefined;
  }
}
