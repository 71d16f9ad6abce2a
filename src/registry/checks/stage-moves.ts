import type { Problem } from "../../domain/problems.js";
import type { Registry } from "../core/registry.js";
import type { ModelFiles } from "./listing.js";
import type { Checkers } from "./parsing.js";

/**
 * validate's stage checks (the rules are in registry/stages/stages.ts): the shape of every
 * stages.json in scope, and with a base every move since it, for the models whose stages.json
 * changed. Without a changed stages.json no base is read.
 */
export function stageMoveProblems(
  registry: Registry,
  checkers: Checkers,
  scope: Map<string, ModelFiles>,
  options: {
    base: string | undefined;
    stagesChanged: readonly string[];
    /** Every registered version of each model, by the listing (before the scope narrowed). */
    registered: Map<string, Set<string>>;
  },
): Promise<Problem[]> {
  const { base, stagesChanged, registered } = options;
  const withStages = [...scope]
    .filter(([model, entry]) => entry.modelFiles.has("stages.json") || stagesChanged.includes(model))
    .map(([model]) => model);
  return checkers.stageProblems(registry, withStages, {
    ...(base && stagesChanged.length ? { base, changed: [...stagesChanged] } : {}),
    registered,
  });
}
