import { usage } from "./errors.js";
import { assertModelName } from "./names.js";

/**
 * GTO-style references (DESIGN section 3): `churn@1.3.0`, `churn@v1.3.0`, `churn@latest`,
 * `churn#production`, and a bare `churn` (the latest version where a version is needed).
 * The version text is kept raw here: only the model's scheme can say whether it is valid.
 */
export type Reference =
  | { model: string; kind: "version"; version: string; text: string }
  | { model: string; kind: "latest"; text: string }
  | { model: string; kind: "stage"; stage: string; text: string };

export const STAGE_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

export function parseReference(text: string): Reference {
  const at = text.indexOf("@");
  const hash = text.indexOf("#");
  if (at >= 0 && hash >= 0) {
    throw usage(`invalid reference ${JSON.stringify(text)}: use either name@version or name#stage`);
  }
  if (hash >= 0) {
    const model = assertModelName(text.slice(0, hash));
    const stage = text.slice(hash + 1);
    if (!STAGE_NAME.test(stage)) {
      throw usage(`invalid stage ${JSON.stringify(stage)} in reference ${JSON.stringify(text)}`, {
        hint: "stage names are lower case, like production or staging",
      });
    }
    return { model, kind: "stage", stage, text };
  }
  if (at >= 0) {
    const model = assertModelName(text.slice(0, at));
    const version = text.slice(at + 1);
    if (version === "") throw usage(`invalid reference ${JSON.stringify(text)}: no version after '@'`);
    if (version === "latest") return { model, kind: "latest", text };
    return { model, kind: "version", version, text };
  }
  return { model: assertModelName(text), kind: "latest", text };
}

/** The reference with a default stage (GIT_MODEL_STAGE) applied to a bare model name. */
export function withDefaultStage(text: string, defaultStage: string | undefined): string {
  return defaultStage && !text.includes("@") && !text.includes("#") ? `${text}#${defaultStage}` : text;
}

/** GTO's tag grammar (DESIGN section 4). */
export const registrationTag = (model: string, version: string) => `${model}@v${version}`;
export const deregistrationTag = (model: string, version: string) => `${model}@v${version}!`;
export const stageTag = (model: string, stage: string, counter: number) => `${model}#${stage}#${counter}`;
/** GTO's unassignment: the version on the tagged commit leaves the stage. */
export const unassignmentTag = (model: string, stage: string, counter: number) =>
  `${model}#${stage}!#${counter}`;

export type ParsedTag =
  | { kind: "registration"; model: string; version: string }
  | { kind: "deregistration"; model: string; version: string }
  | { kind: "stage"; model: string; stage: string; counter: number }
  | { kind: "unassignment"; model: string; stage: string; counter: number };

/** Reads a tag name in GTO's grammar; returns null for tags that are not the registry's. */
export function parseTag(name: string): ParsedTag | null {
  const stage = /^([a-z0-9][a-z0-9._-]*)#([a-z][a-z0-9_-]*)(!?)#(\d+)$/.exec(name);
  if (stage) {
    return {
      kind: stage[3] ? "unassignment" : "stage",
      model: stage[1]!,
      stage: stage[2]!,
      counter: Number(stage[4]),
    };
  }
  const version = /^([a-z0-9][a-z0-9._-]*)@v([^@#!]+)(!?)$/.exec(name);
  if (version) {
    return {
      kind: version[3] ? "deregistration" : "registration",
      model: version[1]!,
      version: version[2]!,
    };
  }
  return null;
}
