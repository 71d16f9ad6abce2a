import { conflict, environment } from "../../domain/errors.js";
import { parseTag } from "../../domain/references.js";
import { gitReason } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import { doctor } from "./doctor.js";

/**
 * Tags what landed (the Action's register): the registration and stage tags `doctor --fix`
 * creates, pushed in one atomic push. The remote's tags are read first, so a second run finds
 * nothing to do; when another run pushed first, the push is refused as a whole, the tags made
 * here are dropped, and the plan is made again from the remote's tags (usually: nothing left).
 */

export interface PublishedTag {
  model: string;
  version: string;
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  /** For a stage tag: the stage, and whether the version entered it or left it (GTO's `name#stage!#N`). */
  stage?: string;
  event?: "assignment" | "unassignment";
}

export interface PublishedTags {
  registered: PublishedTag[];
  stageChanges: PublishedTag[];
  /** How many times the plan was made (more than 1 when another run pushed at the same time). */
  attempts: number;
}

export async function publishMissingTags(
  registry: Registry,
  options: { remote?: string; attempts?: number } = {},
): Promise<PublishedTags> {
  const git = registry.git;
  const remote = options.remote ?? "origin";
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const fetched = await git.run(
      ["fetch", "--quiet", "--no-write-fetch-head", remote, "+refs/tags/*:refs/tags/*"],
      {
        allowFailure: true,
      },
    );
    if (fetched.code !== 0) {
      throw environment(`could not read the tags of ${remote}: ${gitReason(fetched.stderr)}`, {
        hint: `check that ${remote} is reachable with the checkout's credentials`,
      });
    }
    const report = await doctor(registry, { fix: true });
    const created = new Set(report.fixed);
    const made = report.disagreements.filter((d) => created.has(d.tag) && d.commit);
    const result: PublishedTags = { registered: [], stageChanges: [], attempts: attempt };
    for (const d of made) {
      const entry = { model: d.model, version: d.version, tag: d.tag, commit: d.commit! };
      const parsed = parseTag(d.tag);
      if (d.kind === "missing-registration-tag") result.registered.push(entry);
      else if (parsed?.kind === "stage" || parsed?.kind === "unassignment")
        result.stageChanges.push({
          ...entry,
          stage: parsed.stage,
          event: parsed.kind === "stage" ? "assignment" : "unassignment",
        });
    }
    if (created.size === 0) return result;
    const pushed = await git.push(
      remote,
      [...created].map((t) => `refs/tags/${t}:refs/tags/${t}`),
      // The tags point at commits of the default branch, which the remote has (LFS objects too).
      { atomic: true, noVerify: true },
    );
    if (pushed.ok) {
      // A run at the same time may have pushed the very same tag objects first: not this run's.
      const theirs = new Set(pushed.upToDate ?? []);
      const ours = (t: PublishedTag) => !theirs.has(`refs/tags/${t.tag}`);
      return {
        ...result,
        registered: result.registered.filter(ours),
        stageChanges: result.stageChanges.filter(ours),
      };
    }
    // Nothing was pushed: drop what was made here, so the next plan starts from the remote's tags.
    await git.run(["tag", "-d", ...created], { allowFailure: true });
    if (!pushed.remoteMovedOn) {
      throw environment(`could not push ${created.size} tag(s) to ${remote}: ${pushed.message}`, {
        hint: "the token needs contents: write (and the tags no protection rule against it)",
      });
    }
  }
  throw conflict(`the tags of ${remote} kept changing while tagging; nothing was pushed`, {
    hint: "run the register step again",
  });
}
