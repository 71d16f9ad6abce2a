import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bareRemote, type CliResult, cli, cloneOf, git, newRepo, runFolder } from "../helpers/repo.js";

/**
 * `git model validate` as a user meets it: a clean registry passes; registered versions are
 * immutable (edits in the work tree, and edits committed afterwards, are reported with the file
 * and since when); history.jsonl is append-only and a torn last line is reported but does not
 * break readers; `--base` checks only what changed since a ref; `--json` is JSON alone.
 */

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** A repository with churn@1.0.0 and churn@1.0.1 registered: an LFS artifact and a plain one each. */
async function registry(): Promise<string> {
  const repo = await newRepo();
  for (const [i, rmse] of ["0.0114", "0.0112"].entries()) {
    const run = runFolder({ "model.pkl": 512 + i, "config.json": `{"layers": ${3 + i}}\n` });
    const r = await cli(repo, ["register", "churn", run, "--metric", `val_rmse=${rmse}`]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return repo;
}

/** The date the registration tag gives, as validate must quote it. */
async function registeredOn(repo: string, tag: string): Promise<string> {
  const date = (
    await git(repo, ["for-each-ref", "--format=%(creatordate:short)", `refs/tags/${tag}`])
  ).trim();
  expect(date).toMatch(/^\d{4}-\d\d-\d\d$/);
  return date;
}

function expectInvalid(r: CliResult, fragments: readonly string[]): void {
  const context = `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.code, context).toBe(1);
  for (const fragment of fragments) expect(r.stdout, context).toContain(fragment);
  expect(r.stderr, context).not.toMatch(/^ {4}at /m);
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const writeJson = (path: string, value: unknown) =>
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

describe("validate", () => {
  it("passes a clean registry (exit 0) and says what it checked", async () => {
    const repo = await registry();
    const r = await cli(repo, ["validate"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("ok: 1 model(s), 2 version(s) checked");
    expect(r.code).toBe(0);
    const json = await cli(repo, ["validate", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [], models: 1, versions: 2 });
  });

  it("reports an uncommitted edit of a registered artifact with the file and since when", async () => {
    const repo = await registry();
    const on = await registeredOn(repo, "churn@v1.0.0");
    appendFileSync(join(repo, "models/churn/1.0.0/model.pkl"), "tampered");
    writeFileSync(join(repo, "models/churn/1.0.0/config.json"), '{"layers": 99}\n');
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, [
      `models/churn/1.0.0/model.pkl: error: edited after registration (registered as churn@v1.0.0 on ${on})`,
      `models/churn/1.0.0/config.json: error: edited after registration (registered as churn@v1.0.0 on ${on})`,
      "hint: undo it with git restore",
    ]);
    // Reported once per file: the sha256 mismatch follows from the edit and is not repeated.
    expect(r.stdout).not.toContain("content does not match");
    expect(r.stdout).toContain("2 error(s)");
    expect(r.stdout).not.toContain("models/churn/1.0.1"); // the untouched version is not blamed
  });

  it("reports an uncommitted edit of a registered metadata.json with the file and since when", async () => {
    const repo = await registry();
    const on = await registeredOn(repo, "churn@v1.0.1");
    const file = join(repo, "models/churn/1.0.1/metadata.json");
    writeJson(file, { ...readJson(file), description: "rewritten history" }); // still a valid metadata.json
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, [
      `models/churn/1.0.1/metadata.json: error: edited after registration (registered as churn@v1.0.1 on ${on})`,
      "registered versions are immutable",
    ]);
    expect(r.stdout).not.toContain("models/churn/1.0.0");
  });

  it("reports the same edit once committed, by comparing the registration tag with HEAD", async () => {
    const repo = await registry();
    const on = await registeredOn(repo, "churn@v1.0.0");
    const tagged = (await git(repo, ["rev-parse", "--short=7", "churn@v1.0.0^{commit}"])).trim();
    // A consistent forgery: new artifact content, and metadata.json updated to match it.
    const content = "a different model\n";
    writeFileSync(join(repo, "models/churn/1.0.0/model.pkl"), content);
    const file = join(repo, "models/churn/1.0.0/metadata.json");
    const metadata = readJson(file);
    for (const a of metadata.artifacts) {
      if (a.path === "model.pkl")
        Object.assign(a, { sha256: sha256(content), size: Buffer.byteLength(content) });
    }
    writeJson(file, metadata);
    await git(repo, ["commit", "-q", "-am", "quietly replace churn 1.0.0"]);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");

    const r = await cli(repo, ["validate"]);
    expectInvalid(r, [
      // The changed files are named, not just the folder.
      `models/churn/1.0.0/model.pkl: error: changed after it was registered as churn@v1.0.0 on ${on} (commit ${tagged})`,
      `models/churn/1.0.0/metadata.json: error: changed after it was registered as churn@v1.0.0 on ${on}`,
      "registered versions are immutable",
    ]);
    expect(r.stdout).not.toContain("models/churn/1.0.0: error");
    expect(r.stdout).not.toContain("content does not match"); // the forgery is consistent: only the tag catches it
    expect(r.stdout).not.toContain("models/churn/1.0.1");
  });

  it("keeps the registration trees it looked up, and still sees a committed edit made after", async () => {
    const repo = await registry();
    const cache = join(repo, ".git/git-model/registration-trees-churn.json");
    expect((await cli(repo, ["validate"])).code).toBe(0);
    const ids = readJson(cache).ids;
    const tagged = (await git(repo, ["rev-parse", "churn@v1.0.0^{commit}"])).trim();
    // Kept under the tag object (what a batch reads without peeling the tag): the folder's tree
    // at its registration commit, as git says it.
    const tagObject = (await git(repo, ["rev-parse", "churn@v1.0.0"])).trim();
    expect(tagObject).not.toBe(tagged);
    expect(ids[`${tagObject}:models/churn/1.0.0`]).toBe(
      (await git(repo, ["rev-parse", `${tagged}:models/churn/1.0.0`])).trim(),
    );
    writeFileSync(join(repo, "models/churn/1.0.0/config.json"), '{"layers": 99}\n');
    await git(repo, ["commit", "-q", "-am", "edit a registered file"]);
    for (const content of [JSON.stringify(readJson(cache)), "{torn", '{"ids": {"x": 1}}']) {
      writeFileSync(cache, content);
      const r = await cli(repo, ["validate"]);
      expectInvalid(r, [
        "models/churn/1.0.0/config.json: error: changed after it was registered as churn@v1.0.0",
      ]);
      expect(r.stdout).not.toContain("models/churn/1.0.1");
    }
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });

  it("reports a torn last line of history.jsonl with its line number, while list and show keep working", async () => {
    const repo = await registry();
    appendFileSync(join(repo, "models/churn/history.jsonl"), '{"at":');
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, ["models/churn/history.jsonl:3: error: torn last line"]);
    expect(r.stdout).not.toContain("history.jsonl:1");
    expect(r.stdout).not.toContain("history.jsonl:2");

    const list = await cli(repo, ["list", "churn"]);
    expect(list.stderr).toBe("");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^1\.0\.0 /m);
    expect(list.stdout).toMatch(/^1\.0\.1 /m);
    const models = await cli(repo, ["list"]);
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(/^churn\s+2\s+1\.0\.1/m);
    const show = await cli(repo, ["show", "churn@latest", "--json"]);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({
      version: "1.0.1",
      metadata: { metrics: { val_rmse: 0.0112 } },
    });
  });

  it("reports a history.jsonl line that breaks the format, by line", async () => {
    const repo = await registry();
    appendFileSync(join(repo, "models/churn/history.jsonl"), '{"at":"yesterday","version":"1.0.2"}\n');
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, ["models/churn/history.jsonl:3: error: at:"]);
  });

  it("reports a file smuggled into a registered version, committed or not, once", async () => {
    const repo = await registry();
    writeFileSync(join(repo, "models/churn/1.0.1/notes.txt"), "smuggled in\n");
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, [
      "models/churn/1.0.1/notes.txt: error: edited after registration (registered as churn@v1.0.1",
    ]);
    expect(r.stdout).toContain("1 error(s)");
    await git(repo, ["add", "models/churn/1.0.1/notes.txt"]);
    await git(repo, ["commit", "-q", "-m", "add notes"]);
    const committed = await cli(repo, ["validate"]);
    expectInvalid(committed, [
      "models/churn/1.0.1/notes.txt: error: changed after it was registered as churn@v1.0.1",
    ]);
    expect(committed.stdout).toContain("1 error(s)");
  });

  it("reports a file in a new version folder that its metadata.json does not list", async () => {
    const repo = await registry();
    const folder = join(repo, "models/churn/1.0.2");
    mkdirSync(folder);
    writeFileSync(join(folder, "model.pkl"), "m\n");
    writeFileSync(join(folder, "extra.txt"), "x\n");
    const metadata = readJson(join(repo, "models/churn/1.0.1/metadata.json"));
    Object.assign(metadata, {
      version: "1.0.2",
      artifacts: [{ path: "model.pkl", sha256: sha256("m\n"), size: 2 }],
    });
    writeJson(join(folder, "metadata.json"), metadata);
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, ["models/churn/1.0.2/extra.txt: error: file is not listed in metadata.json artifacts"]);
    expect(r.stdout).toContain("1 error(s)");
  });

  it("reports a metadata.json whose sha256 does not match the artifact, for LFS and plain files", async () => {
    const repo = await registry();
    const file = join(repo, "models/churn/1.0.0/metadata.json");
    const metadata = readJson(file);
    for (const a of metadata.artifacts) a.sha256 = "0".repeat(64);
    writeJson(file, metadata);
    await git(repo, ["commit", "-q", "-am", "break the checksums"]);
    const r = await cli(repo, ["validate"]);
    expectInvalid(r, [
      "models/churn/1.0.0/model.pkl: error: content does not match metadata.json",
      "models/churn/1.0.0/config.json: error: content does not match metadata.json",
      "recorded 000000000000",
    ]);
  });

  it("checks LFS artifacts from their pointers, without downloading them", async () => {
    const { url } = await bareRemote();
    const repo = await newRepo();
    await git(repo, ["remote", "add", "origin", url]);
    await git(repo, ["push", "-q", "origin", "main"]);
    const pushed = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 4096 }), "--push"]);
    expect(pushed.stderr).toBe("");
    expect(pushed.code).toBe(0);

    const clone = await cloneOf(url, ["lfs.fetchexclude=*"]);
    await git(clone, ["fetch", "-q", "--tags"]);
    expect(readFileSync(join(clone, "models/churn/1.0.0/model.pkl"), "utf8")).toMatch(
      /^version https:\/\/git-lfs/,
    );
    const ok = await cli(clone, ["validate"]);
    expect(ok.stdout).toContain("ok: 1 model(s), 1 version(s) checked");
    expect(ok.code).toBe(0);

    const file = join(clone, "models/churn/1.0.0/metadata.json");
    const metadata = readJson(file);
    metadata.artifacts[0].sha256 = "f".repeat(64);
    writeJson(file, metadata);
    await git(clone, ["commit", "-q", "-am", "wrong sha"]);
    expectInvalid(await cli(clone, ["validate"]), [
      "models/churn/1.0.0/model.pkl: error: content does not match metadata.json",
      "recorded ffffffffffff, 4096 bytes",
    ]);
  });
});

describe("validate --base", () => {
  /**
   * Two models registered at the base's ancestor; fraud@1.0.0 was broken (edited after
   * registration) before the base, so the base itself is not clean. Since the base, churn@1.0.0
   * is edited and churn@1.0.1 is registered. --base must report churn@1.0.0 only: fraud did not
   * change since the base and churn@1.0.1 is a proper new registration.
   */
  async function scenario() {
    const repo = await newRepo();
    for (const model of ["churn", "fraud"]) {
      const r = await cli(repo, ["register", model, runFolder({ "model.pkl": 300, "config.json": "{}\n" })]);
      expect(r.code).toBe(0);
    }
    const fraudMeta = join(repo, "models/fraud/1.0.0/metadata.json");
    writeJson(fraudMeta, { ...readJson(fraudMeta), description: "edited after registration" });
    await git(repo, ["commit", "-q", "-am", "break fraud 1.0.0 (before the base)"]);
    const base = (await git(repo, ["rev-parse", "HEAD"])).trim();
    expect((await cli(repo, ["register", "churn", runFolder({ "model.pkl": 301 })])).code).toBe(0);
    return { repo, base };
  }

  it("reports only what changed since the ref: an edited version, not an old broken one, not a new one", async () => {
    const { repo, base } = await scenario();
    // Only a new registration since the base: clean, although fraud is broken.
    const clean = await cli(repo, ["validate", "--base", base, "--json"]);
    expect(clean.code, clean.stdout).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({
      ok: true,
      added: [{ model: "churn", version: "1.0.1" }],
    });
    // ... while a full validate does see fraud.
    expectInvalid(await cli(repo, ["validate"]), [
      "models/fraud/1.0.0/metadata.json: error: changed after it was registered",
    ]);

    const churnMeta = join(repo, "models/churn/1.0.0/metadata.json");
    writeJson(churnMeta, { ...readJson(churnMeta), description: "edited since the base" });
    await git(repo, ["commit", "-q", "-am", "edit churn 1.0.0"]);
    const r = await cli(repo, ["validate", "--base", "HEAD~2"]);
    expectInvalid(r, [
      "models/churn/1.0.0/metadata.json: error: edited in churn@1.0.0, which was registered at HEAD~2",
    ]);
    expect(r.stdout).not.toContain("fraud");
    expect(r.stdout).not.toContain("models/churn/1.0.1");

    // The same edit made only in the work tree is caught against the base as well.
    await git(repo, ["reset", "-q", "--hard", "HEAD~1"]);
    writeFileSync(join(repo, "models/churn/1.0.0/config.json"), '{"sneaky": true}\n');
    const dirty = await cli(repo, ["validate", "--base", "HEAD~1"]);
    expectInvalid(dirty, ["models/churn/1.0.0/config.json: error: edited in churn@1.0.0"]);
    expect(dirty.stdout).not.toContain("fraud");
  });

  it("reports a history.jsonl that was rewritten, not appended, since the ref, with the line", async () => {
    const { repo } = await scenario();
    const file = join(repo, "models/churn/history.jsonl");
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(3); // two lines and the final newline
    const first = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...first, metrics: { val_rmse: 0.001 } });
    writeFileSync(file, lines.join("\n"));
    await git(repo, ["commit", "-q", "-am", "improve history"]);
    const r = await cli(repo, ["validate", "--base", "HEAD~1"]);
    expectInvalid(r, ["models/churn/history.jsonl:1: error: rewrites line 1", "append-only"]);
    expect(r.stdout).not.toContain("fraud");
    // Without a base there is nothing to compare with: the file is well-formed.
    const whole = await cli(repo, ["validate", "models/churn"]);
    expect(whole.stdout).not.toContain("history.jsonl");
  });

  it("refuses a base that does not exist (exit 2)", async () => {
    const repo = await registry();
    const r = await cli(repo, ["validate", "--base", "no-such-branch"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown base no-such-branch");
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });

  it("refuses a base that reads as a git option (exit 2), and git does not act on it", async () => {
    const repo = await registry();
    const out = join(repo, "diff-output.txt");
    const r = await cli(repo, ["validate", `--base=--output=${out}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown base --output=${out}`);
    expect(existsSync(out)).toBe(false);
  });
});

describe("validate --json", () => {
  it("prints JSON alone on stdout, with ok:false and the problems", async () => {
    const repo = await registry();
    appendFileSync(join(repo, "models/churn/history.jsonl"), '{"at":');
    writeFileSync(join(repo, "models/churn/1.0.1/notes.txt"), "extra\n");
    const r = await cli(repo, ["validate", "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout); // the whole of stdout is one JSON document
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: "error",
          file: "models/churn/history.jsonl",
          line: 3,
          message: expect.stringContaining("torn last line"),
        }),
        expect.objectContaining({
          severity: "error",
          file: "models/churn/1.0.1/notes.txt",
          message: expect.stringContaining("edited after registration"),
        }),
      ]),
    );
    expect(report).toMatchObject({ models: 1, versions: 2 });
  });
});
