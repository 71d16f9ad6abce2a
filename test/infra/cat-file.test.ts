import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CatFileObject, catFileBatchReader, Git } from "../../src/infra/git.js";
import { cleanEnv, git, newRepo } from "../helpers/repo.js";

/** The one parser of `git cat-file --batch` output, fed what git really writes, whole and in pieces. */
describe("catFileBatchReader", () => {
  it("gives every object in order, whole or chunked at any byte, missing names as null", async () => {
    const repo = await newRepo({ init: false });
    const contents = [
      "",
      "a\n",
      "two\nlines\n\n",
      Buffer.from([0, 10, 255, 10, 10, 0]).toString("latin1"),
      "x".repeat(70_000),
    ];
    for (const [i, c] of contents.entries()) writeFileSync(join(repo, `f${i}`), c, "latin1");
    await git(repo, ["add", "-A"]);
    await git(repo, ["commit", "-qm", "blobs"]);
    const names = [
      "HEAD:f0",
      "HEAD:nope",
      "HEAD:f1",
      "HEAD:f2",
      "HEAD:f3",
      "no such thing",
      "HEAD:f4",
      "HEAD",
    ];
    const output = execFileSync("git", ["cat-file", "--batch"], {
      cwd: repo,
      env: cleanEnv(),
      input: `${names.join("\n")}\n`,
      maxBuffer: 1 << 24,
    });

    const read = (chunks: Buffer[]) => {
      const objects: (CatFileObject | null)[] = [];
      const feed = catFileBatchReader((o) => objects.push(o));
      for (const chunk of chunks) feed(chunk);
      return objects.map((o) => o && { type: o.type, content: o.content.toString("latin1") });
    };
    const whole = read([output]);
    expect(whole.map((o) => o?.type ?? null)).toEqual([
      "blob",
      null,
      "blob",
      "blob",
      "blob",
      null,
      "blob",
      "commit",
    ]);
    expect(
      whole
        .slice(0, 7)
        .filter(Boolean)
        .map((o) => o!.content),
    ).toEqual(contents);
    for (const size of [1, 2, 7, 4096]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < output.length; i += size) chunks.push(output.subarray(i, i + size));
      expect(read(chunks), `chunks of ${size}`).toEqual(whole);
    }

    const byName = await (await Git.discover(repo)).catFile(names);
    expect(names.map((n) => byName.get(n)?.content.toString("latin1") ?? null)).toEqual(
      whole.map((o) => o?.content ?? null),
    );
  });
});

describe("Git.forEachRef", () => {
  it("lists the refs under its patterns, and none for no pattern", async () => {
    const repo = await newRepo({ init: false });
    await git(repo, ["tag", "churn@v1.0.0"]);
    await git(repo, ["tag", "other@v1.0.0"]);
    const g = await Git.discover(repo);
    expect(await g.forEachRef(["refs/tags/churn@*"], ["%(refname:strip=2)"])).toEqual([["churn@v1.0.0"]]);
    expect(await g.forEachRef([], ["%(refname:strip=2)"])).toEqual([]);
  });
});
