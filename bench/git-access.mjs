// The measured reasons for git-model's git-access rules (DESIGN section 11, docs/benchmarks.md):
//   1. all tags with one `git for-each-ref`, not one git call per tag;
//   2. files at another ref with one `git cat-file --batch`, not one `git show REV:path` per file;
//   3. the work tree with plain synchronous file reads, not fs/promises and not git;
//   4. a model's stage history with one `git log` over its folder (and what a glob pathspec costs).
// Every variant is timed in this process as a command pays it: spawn, read the output, parse.
// Per-call variants run on a sample and are extrapolated to the registry (said so in the output).
//
// `node bench/git-access.mjs [REPO]` (default: the cached 10,000-version registry of the bench),
// or `npm run bench -- --access`.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { cachedRegistry, gitEnv, modelName } from "./generate.mjs";
import { fmt, git, parseBatch, time } from "./timing.mjs";

const ENV = gitEnv();

export async function runAccessBench(repo) {
  const rows = [];
  const add = (question, variant, ms, note = "") => {
    rows.push({ question, variant, ms, note });
    console.log(`  ${variant.padEnd(58)} ${fmt(ms).padStart(10)}  ${note}`);
  };
  const model = modelName(42);
  const tagNames = String(
    spawnSync("git", ["for-each-ref", "--format=%(refname:strip=2)", "refs/tags"], { cwd: repo, env: ENV })
      .stdout,
  )
    .split("\n")
    .filter(Boolean);
  const files = String(
    spawnSync("git", ["ls-files", "-s", "--", "models"], { cwd: repo, env: ENV, maxBuffer: 1 << 28 }).stdout,
  )
    .split("\n")
    .filter((l) => l.endsWith("/metadata.json"))
    .map((l) => ({ oid: l.split(" ")[1], path: l.split("\t")[1] }));
  const modelFiles = files.filter((f) => f.path.startsWith(`models/${model}/`));
  console.log(`\n## git access (${repo}: ${tagNames.length} tags, ${files.length} metadata.json files)`);

  // 1. Tags.
  console.log("\n1. every tag with its commit and date");
  const forEachRef = await time(async () => {
    const out = await git(repo, [
      "for-each-ref",
      "--format=%(refname:strip=2)%00%(*objectname)%00%(objectname)%00%(creatordate:short)",
      "refs/tags",
    ]);
    return out
      .toString("utf8")
      .split("\n")
      .map((l) => l.split("\0"));
  });
  add("tags", `one git for-each-ref (${tagNames.length} tags)`, forEachRef);
  const sample = tagNames.filter((_, i) => i % Math.ceil(tagNames.length / 100) === 0);
  const perTag = await time(async () => {
    for (const t of sample) await git(repo, ["rev-parse", `refs/tags/${t}^{commit}`]);
  }, 3);
  add(
    "tags",
    `git rev-parse per tag (${sample.length} tags, extrapolated)`,
    (perTag / sample.length) * tagNames.length,
    `${fmt(perTag / sample.length)} per tag`,
  );

  // 2. Files at another ref.
  console.log("\n2. metadata.json of one model's versions at another ref (HEAD~1)");
  const specs = modelFiles.map((f) => `HEAD~1:${f.path}`);
  const batch = await time(async () =>
    parseBatch(await git(repo, ["cat-file", "--batch"], `${specs.join("\n")}\n`), specs.length),
  );
  add("ref reads", `one git cat-file --batch (${specs.length} files)`, batch);
  const perFile = await time(async () => {
    for (const s of specs.slice(0, 20)) await git(repo, ["show", s]);
  }, 3);
  add(
    "ref reads",
    `git show REV:path per file (20 files, extrapolated)`,
    (perFile / 20) * specs.length,
    `${fmt(perFile / 20)} per file`,
  );
  const allSpecs = files.map((f) => `HEAD~1:${f.path}`);
  const batchAll = await time(
    async () =>
      parseBatch(await git(repo, ["cat-file", "--batch"], `${allSpecs.join("\n")}\n`), allSpecs.length),
    3,
  );
  add("ref reads", `one git cat-file --batch (${allSpecs.length} files)`, batchAll);

  // 3. The work tree.
  console.log("\n3. every metadata.json of the work tree");
  const paths = files.map((f) => join(repo, f.path));
  const sync = await time(async () => paths.map((p) => readFileSync(p, "utf8")), 3);
  add("work tree", `readFileSync (${paths.length} files)`, sync);
  const parallel = await time(async () => Promise.all(paths.map((p) => readFile(p, "utf8"))), 3);
  add("work tree", `fs/promises readFile, all at once (${paths.length} files)`, parallel);
  const sequential = await time(async () => {
    for (const p of paths) await readFile(p, "utf8");
  }, 3);
  add("work tree", `fs/promises readFile, one after the other`, sequential);
  const blobs = await time(
    async () =>
      parseBatch(
        await git(repo, ["cat-file", "--batch"], `${files.map((f) => f.oid).join("\n")}\n`),
        files.length,
      ),
    3,
  );
  add("work tree", `their index blobs by one git cat-file --batch`, blobs);
  const modelPaths = modelFiles.map((f) => join(repo, f.path));
  add(
    "work tree",
    `readFileSync (one model: ${modelPaths.length} files)`,
    await time(async () => modelPaths.map((p) => readFileSync(p, "utf8"))),
  );
  add(
    "work tree",
    `fs/promises readFile, all at once (${modelPaths.length} files)`,
    await time(async () => Promise.all(modelPaths.map((p) => readFile(p, "utf8")))),
  );

  // 4. Stage history of one model.
  console.log(`\n4. the history of one model (${model}): one git log`);
  const logArgs = [
    "log",
    "--topo-order",
    "--reverse",
    "--full-history",
    "--parents",
    "--diff-merges=first-parent",
    "--name-status",
    "--no-renames",
    "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%cI%x1f%s%x1f%b",
    "HEAD",
    "--",
  ];
  add(
    "history",
    "git log -- models/M (the model's folder)",
    await time(() => git(repo, [...logArgs, `models/${model}`]), 3),
  );
  add(
    "history",
    "git log -- models/M/stages.json ':(glob)models/M/*/metadata.json'",
    await time(
      () => git(repo, [...logArgs, `models/${model}/stages.json`, `:(glob)models/${model}/*/metadata.json`]),
      3,
    ),
  );
  add(
    "history",
    "git log -- models/M/stages.json 'models/M/*/metadata.json'",
    await time(
      () => git(repo, [...logArgs, `models/${model}/stages.json`, `models/${model}/*/metadata.json`]),
      3,
    ),
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repo =
    process.argv[2] ?? (await cachedRegistry({ models: 100, versionsPerModel: 100, log: console.log })).repo;
  await runAccessBench(repo);
}
