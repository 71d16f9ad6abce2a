import { parseTag, registrationTag } from "../../domain/references.js";
import type { Registry } from "../core/registry.js";
import { inTransaction, writeOperation } from "../core/transaction.js";
import { createStageTags, defaultBranch, readStageTags } from "../stages/stage-tags.js";
import { describeLeftover, type Leftover, leftoversIn } from "./leftovers.js";

/**
 * `doctor` (DESIGN section 4): the committed files are the truth and tags the record of what
 * happened; this finds where the two disagree, and can create the registration tags and the stage
 * tags (of the default branch's stage changes) that are missing.
 */

export interface Disagreement {
  kind:
    | "missing-registration-tag"
    | "tag-without-version"
    | "missing-stage-tag"
    | "extra-stage-tag"
    | "stage-tag-out-of-order"
    | "gto-disagrees"
    | Leftover["kind"];
  model: string;
  version: string;
  tag: string;
  /** For a missing tag: the commit that added the version, which the tag should point at. */
  commit?: string;
  /** For a missing stage tag: its tagger date. */
  date?: string;
  message: string;
}

export interface DoctorReport {
  disagreements: Disagreement[];
  fixed: string[];
}

/**
 * What a push changed (the Action's register, docs/decisions/action.md): only these models'
 * registration tags and these models' stage tags are read and made; no status of the work tree.
 */
export interface DoctorScope {
  models: readonly string[];
  stageModels: readonly string[];
}

export interface DoctorOptions {
  fix?: boolean;
  scope?: DoctorScope;
}

export async function doctor(registry: Registry, options: DoctorOptions = {}): Promise<DoctorReport> {
  if (!options.fix) return examine(registry, options);
  // Every tag it creates in one transaction: a kill finishes or undoes them all.
  return writeOperation(registry.git, "doctor --fix", () =>
    inTransaction(registry.git, () => examine(registry, options)),
  );
}

async function examine(registry: Registry, options: DoctorOptions): Promise<DoctorReport> {
  const git = registry.git;
  const root = registry.root;
  const head = await git.commitOf("HEAD");
  if (!head) return { disagreements: [], fixed: [] };

  const scope = options.scope;
  const folders = scope ? scope.models.map((m) => registry.modelFolder(m)) : [root];
  const [tagRows, headFiles, status] = await Promise.all([
    scope && !scope.models.length
      ? []
      : git.forEachRef(scope ? scope.models.map((m) => `refs/tags/${m}@*`) : ["refs/tags"], [
          "%(refname:strip=2)",
        ]),
    folders.length ? git.list(["ls-tree", "-r", "-z", "--name-only", "HEAD", "--", ...folders]) : [],
    // Uncommitted version folders and history lines, which no tag can fix: reported (not in a
    // scoped run, which serves register on a CI checkout and reports nothing).
    scope
      ? []
      : git.list(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", root]),
  ]);
  const registered = new Set<string>();
  const deregistered = new Set<string>();
  for (const [name] of tagRows) {
    const tag = parseTag(name ?? "");
    if (tag?.kind === "registration") registered.add(`${tag.model}@${tag.version}`);
    if (tag?.kind === "deregistration") deregistered.add(`${tag.model}@${tag.version}`);
  }
  const inHead = new Set<string>();
  for (const path of headFiles) {
    const parts = path.slice(root.length + 1).split("/");
    if (parts.length === 3 && parts[2] === "metadata.json") {
      const [model, version] = parts as [string, string];
      if (registry.scheme(model).parse(version) === version) inHead.add(`${model}@${version}`);
    }
  }

  // The commit that added each untagged version's metadata.json, from one log: of just those
  // files when they are few (a log of the whole history's additions costs seconds at 10,000
  // versions, and the Action's register runs this on every push, nearly always with nothing untagged).
  const untagged = [...inHead].filter((key) => !registered.has(key));
  const metadataPath = (key: string) => `${root}/${key.replace("@", "/")}/metadata.json`;
  const addedBy = new Map<string, string>();
  const logAdditions = async (keys: readonly string[], range: readonly string[]) => {
    if (keys.length === 0) return;
    const log = await git.text([
      "log",
      "--diff-filter=A",
      "--format=%x00%H",
      "--name-only",
      ...range,
      "--",
      ...(keys.length <= 100
        ? keys.map((key) => `:(literal)${metadataPath(key)}`)
        : [`:(glob)${root}/*/*/metadata.json`]),
    ]);
    const found = new Map<string, string>();
    for (const block of log.split("\0").filter(Boolean)) {
      const [commit, ...paths] = block.split("\n").filter(Boolean);
      // The log runs newest first: the oldest commit that added a path is the registration.
      for (const path of paths) found.set(path, commit!);
    }
    for (const [path, commit] of found) if (!addedBy.has(path)) addedBy.set(path, commit);
  };
  // Scoped (a push): newest first, stopping once as many commits as untagged versions are
  // shown, so a push's own versions cost the push's commits (a `^before` range would make git
  // walk by commit dates, all the way when they are out of order). The whole history only for
  // versions not found that way (left untagged long ago).
  if (scope) await logAdditions(untagged, ["-n", String(untagged.length), "--end-of-options", "HEAD"]);
  await logAdditions(
    untagged.filter((key) => !addedBy.has(metadataPath(key))),
    ["--end-of-options", "HEAD"],
  );

  const disagreements: Disagreement[] = leftoversIn(
    registry,
    status.filter((row) => row.startsWith("??")).map((row) => row.slice(3)),
    status.map((row) => row.slice(3)),
  ).map((l) => ({
    kind: l.kind,
    model: l.model,
    version: l.version ?? "",
    tag: "",
    message: describeLeftover(l).message,
  }));
  for (const key of [...inHead].sort()) {
    if (registered.has(key)) continue;
    const [model, version] = key.split("@") as [string, string];
    const commit = addedBy.get(`${root}/${model}/${version}/metadata.json`);
    disagreements.push({
      kind: "missing-registration-tag",
      model,
      version,
      tag: registrationTag(model, version),
      ...(commit ? { commit } : {}),
      message: `${key} is registered in ${root}/ but has no tag ${registrationTag(model, version)}`,
    });
  }
  for (const key of [...registered].sort()) {
    if (inHead.has(key) || deregistered.has(key)) continue;
    const [model, version] = key.split("@") as [string, string];
    disagreements.push({
      kind: "tag-without-version",
      model,
      version,
      tag: registrationTag(model, version),
      message: `tag ${registrationTag(model, version)} names a version that is not in ${root}/ and was not deregistered`,
    });
  }

  const fixed: string[] = [];
  if (options.fix) {
    // Registration tags first: GTO finds a stage tag's version by the registration on its commit.
    const missing = disagreements.filter((d) => d.kind === "missing-registration-tag" && d.commit);
    const tags = missing.map((d) => ({
      name: d.tag,
      target: d.commit!,
      message: `register ${d.tag}\n\n(created by git model doctor --fix)\n`,
    }));
    if (tags.length) await inTransaction(git, (tx) => tx.tag(...tags));
    fixed.push(...tags.map((t) => t.name));
  }

  // Stage tags record what landed on the default branch, so its history is the one checked, in
  // order: each tag matched to its move oldest first, then what GTO reads against stages.json.
  const main = await defaultBranch(git);
  const models =
    scope && !scope.stageModels.length
      ? []
      : await readStageTags(registry, {
          ref: main?.rev ?? "HEAD",
          ...(scope ? { models: scope.stageModels } : {}),
        });
  for (const m of models) {
    for (const t of m.missing) {
      disagreements.push({
        kind: "missing-stage-tag",
        model: m.model,
        version: t.version,
        tag: t.name,
        commit: t.target,
        date: t.date,
        message: `${m.model}@${t.version} ${t.kind === "assignment" ? "entered" : "left"} ${t.stage} in commit ${t.change.slice(0, 7)} but no stage tag records it (${t.name})`,
      });
    }
    for (const t of m.extra) {
      disagreements.push({
        kind: "extra-stage-tag",
        model: m.model,
        version: t.version ?? "",
        tag: t.name,
        message: `tag ${t.name} records a move of ${m.model}${t.version ? `@${t.version}` : ""} that the history of the default branch does not have`,
      });
    }
    for (const t of m.outOfOrder) {
      disagreements.push({
        kind: "stage-tag-out-of-order",
        model: m.model,
        version: t.version ?? "",
        tag: t.name,
        message: `tag ${t.name} is dated at or before the tag of an earlier move in ${t.stage}: GTO, which orders tags by their second, may read the two the other way round`,
      });
    }
    for (const x of m.mismatches) {
      disagreements.push({
        kind: "gto-disagrees",
        model: m.model,
        version: x.gto.join(", "),
        tag: `${m.model}#${x.stage}`,
        message: `GTO would read ${m.model}#${x.stage} as ${x.gto.join(", ") || "empty"} even with the missing tags created; stages.json says ${x.expected.join(", ") || "empty"} (delete the tags reported out of order, locally and on the remote, and run doctor --fix to date them anew)`,
      });
    }
  }
  if (options.fix)
    fixed.push(
      ...(await createStageTags(
        registry,
        models.flatMap((m) => m.missing),
      )),
    );
  return { disagreements, fixed };
}
