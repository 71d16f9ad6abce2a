// isomorphic-git against the batched git process, for the two reads git-model does most:
//   refs:    every tag with the commit it points at (packed-refs, annotated tags peeled);
//   objects: files at another ref (one model's metadata.json at HEAD~1) and blobs by id.
// DESIGN section 11: adopt isomorphic-git only where this shows it wins. The result is in
// docs/benchmarks.md; isomorphic-git is not a dependency (it lost), so to run this again:
//   npm install --no-save isomorphic-git && node bench/isomorphic-git.mjs [REPO]
// Each isomorphic-git run starts with a fresh cache object, as a CLI process would.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { cachedRegistry, gitEnv, modelName } from "./generate.mjs";
import { fmt, git, parseBatch, time as timeRuns } from "./timing.mjs";

let iso;
try {
  iso = (await import("isomorphic-git")).default;
} catch {
  console.log("isomorphic-git is not installed; run: npm install --no-save isomorphic-git");
  process.exit(0);
}

const ENV = gitEnv();
// isomorphic-git's reads take seconds to minutes here: 3 timed runs each, not 5.
const time = (fn) => timeRuns(fn, 3);
const line = (what, ms, note = "") => console.log(`  ${what.padEnd(64)} ${fmt(ms).padStart(9)}  ${note}`);

const repo =
  process.argv[2] ?? (await cachedRegistry({ models: 100, versionsPerModel: 100, log: console.log })).repo;
const dir = repo;
const model = modelName(42);
const packedRefs = fs.existsSync(`${repo}/.git/packed-refs`);
const rows = String(
  spawnSync("git", ["ls-files", "-s", "--", "models"], { cwd: repo, env: ENV, maxBuffer: 1 << 28 }).stdout,
)
  .split("\n")
  .filter((l) => l.endsWith("/metadata.json"))
  .map((l) => ({ oid: l.split(" ")[1], path: l.split("\t")[1] }));
const modelRows = rows.filter((r) => r.path.startsWith(`models/${model}/`));
const rssBefore = process.memoryUsage().rss;
console.log(
  `\n## isomorphic-git ${iso.version()} vs git ${String(spawnSync("git", ["--version"]).stdout)
    .trim()
    .split(" ")
    .at(-1)} (${repo}; refs ${packedRefs ? "packed" : "loose"})`,
);

// Refs: names, then names with the commit each annotated tag points at.
console.log("\nrefs: every tag");
let tags = [];
line(
  "isomorphic-git listTags (names only)",
  await time(async () => {
    tags = await iso.listTags({ fs, dir });
  }),
  `${tags.length} tags`,
);
const isoPeeled = await time(async () => {
  const cache = {};
  const out = [];
  for (const tag of tags) {
    const oid = await iso.resolveRef({ fs, dir, ref: `refs/tags/${tag}` });
    const { tag: object } = await iso.readTag({ fs, dir, oid, cache });
    out.push([tag, object.object]);
  }
  return out;
}, 1);
line("isomorphic-git listTags + resolveRef + readTag per tag (peeled)", isoPeeled);
line(
  "git for-each-ref, peeled (%(*objectname)), one process",
  await time(async () =>
    (await git(repo, ["for-each-ref", "--format=%(refname:strip=2)%00%(*objectname)", "refs/tags"]))
      .toString("utf8")
      .split("\n"),
  ),
);

// Objects: one model's metadata.json at HEAD~1 by path, then blobs by id.
console.log(`\nobjects: ${modelRows.length} metadata.json files of one model at HEAD~1, by path`);
const headParent = String(spawnSync("git", ["rev-parse", "HEAD~1"], { cwd: repo, env: ENV }).stdout).trim();
line(
  "isomorphic-git readBlob({ oid: commit, filepath }) per file",
  await time(async () => {
    const cache = {};
    for (const r of modelRows) await iso.readBlob({ fs, dir, oid: headParent, filepath: r.path, cache });
  }),
);
line(
  "git cat-file --batch, one process",
  await time(async () =>
    parseBatch(
      await git(repo, ["cat-file", "--batch"], modelRows.map((r) => `${headParent}:${r.path}\n`).join("")),
      modelRows.length,
    ),
  ),
);
const sample = rows.filter((_, i) => i % 5 === 0);
console.log(`\nobjects: ${sample.length} blobs by id (every 5th metadata.json of the registry)`);
line(
  "isomorphic-git readBlob({ oid }) per blob",
  await time(async () => {
    const cache = {};
    for (const r of sample) await iso.readBlob({ fs, dir, oid: r.oid, cache });
  }, 1),
);
line(
  "git cat-file --batch, one process",
  await time(async () =>
    parseBatch(
      await git(repo, ["cat-file", "--batch"], sample.map((r) => `${r.oid}\n`).join("")),
      sample.length,
    ),
  ),
);
console.log(
  `\nRSS of this process grew by ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB (isomorphic-git reads whole pack files into memory; git's children are not counted).`,
);
