import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bareRemote,
  type CliResult,
  cli,
  cloneOf,
  expectCliError,
  git,
  newRepo,
  remove,
  runFolder,
  tempDir,
} from "../helpers/repo.js";

/**
 * Issue 11, "Outside the registry" and the raw errors: hostile `root:` values, symbolic links
 * committed inside the registry or placed around it, stages.json values that are paths, and
 * names git refuses. Nothing may be written or read outside the registry root, and every
 * refusal is one or two lines naming the file, with the repository left as it was.
 */

interface Snapshot {
  status: string;
  head: string;
  refs: string;
}

async function snapshot(repo: string): Promise<Snapshot> {
  return {
    status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    head: await git(repo, ["rev-parse", "HEAD"]),
    refs: await git(repo, ["for-each-ref", "--format=%(refname) %(objectname)"]),
  };
}

/** Runs the CLI, expects a clear refusal, and the repository exactly as it was. */
async function expectRefused(
  repo: string,
  args: string[],
  code: 1 | 2,
  fragments: readonly string[],
): Promise<CliResult> {
  const before = await snapshot(repo);
  const r = await cli(repo, args);
  expectCliError(r, code, fragments);
  expect(r.stderr.trim().split("\n").length, `one or two lines:\n${r.stderr}`).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/E[A-Z]{3,}:|ENOENT|ENAMETOOLONG|ELOOP/);
  expect(await snapshot(repo)).toEqual(before);
  return r;
}

async function expectOk(repo: string, args: string[]): Promise<CliResult> {
  const r = await cli(repo, args);
  expect(r.code, `exit ${r.code}\n${r.stderr}`).toBe(0);
  return r;
}

/** A registry with churn@1.0.0 and churn@1.0.1 registered, 1.0.0 in production. */
async function twoVersions(): Promise<string> {
  const repo = await newRepo();
  await expectOk(repo, ["register", "churn", runFolder({ "model.pkl": 64, "a.txt": "one\n" })]);
  await expectOk(repo, ["register", "churn", runFolder({ "model.pkl": 80, "a.txt": "two\n" })]);
  await expectOk(repo, ["promote", "churn@1.0.0", "staging"]);
  await expectOk(repo, ["promote", "churn@1.0.0", "production"]);
  return repo;
}

/** Replaces a committed registry file by a symbolic link and commits the link. */
async function commitLink(repo: string, path: string, target: string): Promise<void> {
  await git(repo, ["rm", "-q", "-r", "--", path]);
  symlinkSync(target, join(repo, path));
  await git(repo, ["add", "--", path]);
  await git(repo, ["commit", "-q", "-m", `link ${path}`]);
}

describe.concurrent("root: values git could not check out, or that are git's own", () => {
  const refused: [string, string][] = [
    ["models/./x", "'.' part"],
    ["models//x", "'//'"],
    [".", "repository top"],
    ["./", "repository top"],
    [".git", "git's own name"],
    [".git/hooks", "git's own name"],
    [".GIT/x", "git's own name"],
    ["x/.git", "git's own name"],
    [".git./x", "git's own name"],
    ["git~1/x", "git's own name"],
    [".gitmodules", "git's own name"],
    [".gitattributes", "git's own name"],
    ["/tmp/models", "absolute"],
    ["C:/models", "absolute"],
    ["../models", "'..' part"],
    ["models/../../x", "'..' part"],
    ["models\\\\x", "backslash"],
    ["models\\nx", "control character"],
    ["models\\tx", "control character"],
    ["my models", "characters other than"],
    ["models/*", "characters other than"],
    [":(exclude)x", "characters other than"],
    ["a[b]", "characters other than"],
    ["#models", "characters other than"],
    ["x".repeat(201), "longer than 200"],
    ["", "repository top"],
  ];

  it.each(refused)("refuses root %j, naming the key and the line (exit 2)", async (root, why) => {
    const repo = await newRepo({ init: false, config: `versioning: semver\nroot: "${root}"\n` });
    const run = runFolder({ "model.pkl": 32 });
    const hooks = readdirSync(join(repo, ".git", "hooks")).sort();
    await expectRefused(repo, ["register", "churn", run], 2, [".gitmodel.yaml:2: root:", why]);
    expect(readdirSync(join(repo, ".git", "hooks")).sort()).toEqual(hooks);
  });

  it.each([
    [".git/hooks", "git's own name"],
    ["models\nlfs: []", "control character"],
    ["../models", "'..' part"],
  ])("init refuses --root %j before writing .gitmodel.yaml (exit 2)", async (root, why) => {
    const repo = await newRepo({ init: false });
    await expectRefused(repo, ["init", "--root", root], 2, ["invalid --root", why]);
    expect(existsSync(join(repo, ".gitmodel.yaml"))).toBe(false);
  });

  it.each(["./models", "models/", "./models/", "./data/models//"])(
    "takes root %j as its canonical folder, which a clone checks out",
    async (root) => {
      const { url } = await bareRemote();
      const repo = await newRepo({ init: false, config: `root: "${root}"\n` });
      await git(repo, ["remote", "add", "origin", url]);
      await expectOk(repo, ["register", "churn", runFolder({ "model.pkl": 32 })]);
      const canonical = root.replace(/^\.\//, "").replace(/\/+$/, "");
      const files = (await git(repo, ["ls-tree", "-r", "--name-only", "HEAD"])).split("\n");
      expect(files).toContain(`${canonical}/churn/1.0.0/metadata.json`);
      expect(files).toContain(`${canonical}/churn/history.jsonl`);
      expect((await expectOk(repo, ["path", "churn@1.0.0"])).stdout.trim()).toBe(
        join(repo, canonical, "churn", "1.0.0"),
      );
      await git(repo, ["push", "-q", "origin", "main"]);
      const clone = await cloneOf(url);
      expect(existsSync(join(clone, canonical, "churn", "1.0.0", "metadata.json"))).toBe(true);
      expect(await git(clone, ["status", "--porcelain"])).toBe("");
    },
  );
});

describe("names git refuses are refused up front, with the rule they break", () => {
  let repo: string;
  let run: string;

  beforeAll(async () => {
    repo = await newRepo();
    run = runFolder({ "model.pkl": 48 });
  });

  it.each([
    ["1.0.0-a.lock", "ends with '.lock'"],
    ["1.0.0-rc.lock", "ends with '.lock'"],
    [`1.0.0-${"a".repeat(250)}`, "bytes long (at most 188)"],
    [`1.0.0-${"a".repeat(200)}`, "bytes long (at most 188)"],
  ])("refuses --version %j before writing anything (exit 2)", async (version, why) => {
    await expectRefused(repo, ["register", "churn", run, "--version", version], 2, ["invalid version", why]);
  });

  it("takes the longest version that fits, and its tag exists", async () => {
    const version = `1.0.0-${"a".repeat(188 - 6)}`;
    await expectOk(repo, ["register", "churn", run, "--version", version]);
    expect(await git(repo, ["tag", "--list", `churn@v${version}`])).toContain(version);
  });
});

describe.concurrent("symbolic links committed inside the registry: no write or read follows them", () => {
  let repo: string;
  let notes: string;
  const NOTES = "my notes, not the registry's\n";

  beforeAll(async () => {
    repo = await twoVersions();
    notes = join(repo, "notes.txt");
    writeFileSync(notes, NOTES);
    await git(repo, ["add", "notes.txt"]);
    await git(repo, ["commit", "-q", "-m", "notes"]);
  });

  it("register refuses a history.jsonl that links out of the registry, and appends nothing to its target", async () => {
    const copy = await cloneOf(repo);
    await commitLink(copy, "models/churn/history.jsonl", "../../notes.txt");
    await expectRefused(copy, ["register", "churn", runFolder({ "model.pkl": 16 })], 1, [
      "models/churn/history.jsonl is a symbolic link (to ../../notes.txt)",
    ]);
    expect(readFileSync(join(copy, "notes.txt"), "utf8")).toBe(NOTES);
    expect(existsSync(join(copy, "models/churn/1.0.2"))).toBe(false);
  });

  it("register refuses a history.jsonl hard-linked to a file outside the registry", async () => {
    const copy = await cloneOf(repo);
    // A file outside the clone with the same bytes, so that git sees no change.
    const history = join(copy, "models/churn/history.jsonl");
    const outside = join(tempDir("gm-outside-"), "history-copy.jsonl");
    const bytes = readFileSync(history, "utf8");
    writeFileSync(outside, bytes);
    rmSync(history);
    linkSync(outside, history);
    await expectRefused(copy, ["register", "churn", runFolder({ "model.pkl": 16 })], 1, [
      "history.jsonl has 1 other hard link(s)",
    ]);
    expect(readFileSync(outside, "utf8")).toBe(bytes);
  });

  it("monitor refuses a monitoring.jsonl that links out, and promote a stages.json that does", async () => {
    const copy = await cloneOf(repo);
    symlinkSync("../../notes.txt", join(copy, "models/churn/monitoring.jsonl"));
    await git(copy, ["add", "models/churn/monitoring.jsonl"]);
    await git(copy, ["commit", "-q", "-m", "link monitoring"]);
    await expectRefused(
      copy,
      ["monitor", "churn", "--version", "1.0.0", "--metric", "val_rmse", "--value", "0.5"],
      1,
      ["monitoring.jsonl is a symbolic link"],
    );
    await commitLink(copy, "models/churn/stages.json", "../../notes.txt");
    await expectRefused(copy, ["promote", "churn@1.0.1", "staging"], 1, [
      "models/churn/stages.json is a symbolic link (to ../../notes.txt)",
    ]);
    expect(readFileSync(join(copy, "notes.txt"), "utf8")).toBe(NOTES);
  });

  it("a model folder or the registry root that is a link is neither written nor read", async () => {
    const copy = await cloneOf(repo);
    const elsewhere = tempDir("gm-elsewhere-");
    mkdirSync(join(elsewhere, "1.0.0"));
    writeFileSync(join(elsewhere, "1.0.0", "metadata.json"), "{}\n");
    symlinkSync(elsewhere, join(copy, "models", "fraud"));
    await expectRefused(copy, ["register", "fraud", runFolder({ "model.pkl": 16 })], 1, [
      "models/fraud is a symbolic link",
    ]);
    expect(readdirSync(elsewhere)).toEqual(["1.0.0"]);
    await expectRefused(copy, ["show", "fraud@1.0.0"], 1, ["models/fraud is a symbolic link"]);
    await expectRefused(copy, ["path", "fraud@1.0.0"], 1, ["models/fraud is a symbolic link"]);
    const validate = await cli(copy, ["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toContain("models/fraud");
    expect(validate.stdout + validate.stderr).toContain("symbolic link");
  });

  it("report refuses a monitoring.jsonl that links out", async () => {
    const copy = await cloneOf(repo);
    writeFileSync(join(copy, "notes.txt"), '{"at": "2026-01-01T00:00:00Z"}\n');
    symlinkSync("../../notes.txt", join(copy, "models/churn/monitoring.jsonl"));
    await git(copy, ["add", "-A"]);
    await git(copy, ["commit", "-q", "-m", "link monitoring"]);
    await expectRefused(copy, ["report", "--out", join(tempDir(), "site")], 1, [
      "models/churn/monitoring.jsonl is a symbolic link",
    ]);
  });

  it.each(["stages.json", "1.0.0/metadata.json"])(
    "readers refuse a %s that links out, and validate reports it",
    async (file) => {
      const copy = await cloneOf(repo);
      const foreign = tempDir("gm-foreign-");
      writeFileSync(join(foreign, "x.json"), '{"production": "1.0.1"}\n');
      await commitLink(copy, `models/churn/${file}`, join(foreign, "x.json"));
      await expectRefused(copy, ["show", "churn@1.0.0"], 1, [`models/churn/${file} is a symbolic link`]);
      await expectRefused(copy, ["path", "churn#production"], 1, [`models/churn/${file} is a symbolic link`]);
      const validate = await cli(copy, ["validate", "--json"]);
      expect(validate.code).toBe(1);
      const report = JSON.parse(validate.stdout);
      expect(JSON.stringify(report)).toContain(`models/churn/${file}`);
      expect(JSON.stringify(report)).toContain("symbolic link");
    },
  );
});

describe.concurrent("links and files where the registry's folders belong", () => {
  it("refuses a version folder, the root or .gitattributes that is a link, writing nothing through it", async () => {
    const repo = await newRepo();
    await expectOk(repo, ["register", "churn", runFolder({ "model.pkl": 16 })]);
    const outside = tempDir("gm-outside-");
    const run = runFolder({ "model.pkl": 24 });
    symlinkSync(outside, join(repo, "models/churn/1.0.1"));
    await expectRefused(repo, ["register", "churn", run], 1, ["models/churn/1.0.1 is a symbolic link"]);
    expect(readdirSync(outside)).toEqual([]);

    const copy = await cloneOf(repo);
    writeFileSync(join(outside, "attributes"), "mine\n");
    await commitLink(copy, ".gitattributes", join(outside, "attributes"));
    await expectRefused(copy, ["register", "churn", run], 1, [".gitattributes is a symbolic link"]);
    expect(readFileSync(join(outside, "attributes"), "utf8")).toBe("mine\n");

    const rooted = await cloneOf(repo);
    await commitLink(rooted, "models", outside);
    for (const args of [["register", "churn", run], ["list"], ["show", "churn@1.0.0"]])
      await expectRefused(rooted, args, 1, ["models is a symbolic link"]);
    expect(readdirSync(outside)).toEqual(["attributes"]);
  });

  it.each([
    ["the registry root", "models"],
    ["a model folder", "models/churn"],
  ])("refuses %s that is a file, by name, instead of ENOTDIR", async (_, file) => {
    const repo = await newRepo({ init: false });
    mkdirSync(join(repo, "models"), { recursive: true });
    if (file === "models") remove(join(repo, "models"));
    writeFileSync(join(repo, file), "not a folder\n");
    await git(repo, ["add", "-A"]);
    await git(repo, ["commit", "-q", "-m", "a file"]);
    await expectRefused(repo, ["register", "churn", runFolder({ "model.pkl": 16 })], 1, [
      `${file} is a file where git-model needs a folder`,
    ]);
  });
});

describe("export compares real paths with the registry's", () => {
  let repo: string;

  beforeAll(async () => {
    repo = await twoVersions();
  });

  it("refuses --force to a link to a registered version, which stays as it was", async () => {
    const link = join(tempDir(), "serving");
    symlinkSync(join(repo, "models/churn/1.0.0"), link);
    const before = readFileSync(join(repo, "models/churn/1.0.0/metadata.json"), "utf8");
    await expectRefused(repo, ["export", "churn@1.0.1", link, "--force"], 2, [
      "cannot export into the registry (models/)",
    ]);
    expect(readFileSync(join(repo, "models/churn/1.0.0/metadata.json"), "utf8")).toBe(before);
  });

  it("refuses a new folder under a link to the model folder, so no fake version appears", async () => {
    const link = join(tempDir(), "churn-link");
    symlinkSync(join(repo, "models/churn"), link);
    await expectRefused(repo, ["export", "churn@1.0.1", join(link, "9.9.9")], 2, [
      "cannot export into the registry (models/)",
    ]);
    expect(existsSync(join(repo, "models/churn/9.9.9"))).toBe(false);
    const list = await expectOk(repo, ["list", "churn", "--json"]);
    expect(list.stdout).not.toContain("9.9.9");
  });

  it("refuses a target under a link into .git", async () => {
    const link = join(tempDir(), "dotgit");
    symlinkSync(join(repo, ".git"), link);
    await expectRefused(repo, ["export", "churn@1.0.1", join(link, "hooks", "x")], 2, ["git's folder"]);
    expect(existsSync(join(repo, ".git", "hooks", "x"))).toBe(false);
  });
});

describe.concurrent("stages.json values are version names, checked before any use", () => {
  let repo: string;

  beforeAll(async () => {
    repo = await twoVersions();
  });

  it.each([
    ["../../../evil", '"production": "../../../evil"'],
    ["1.0.0/../../../../evil", '"production": "1.0.0/../../../../evil"'],
    ["/etc", '"production": "/etc"'],
    ["list", '"production": ["1.0.0", "../../../evil"]'],
  ])("refuses a value like %j in path, show and export, naming the file", async (_, entry) => {
    const copy = await cloneOf(repo);
    // A folder outside the repository, beside it, that ../../../evil from models/churn reaches.
    const evil = join(copy, "..", "evil");
    mkdirSync(evil);
    writeFileSync(join(evil, "secret.txt"), "not registered\n");
    const metadata = JSON.parse(readFileSync(join(copy, "models/churn/1.0.0/metadata.json"), "utf8"));
    writeFileSync(join(evil, "metadata.json"), JSON.stringify({ ...metadata, artifacts: [] }));
    writeFileSync(join(copy, "models/churn/stages.json"), `{${entry}}\n`);
    await git(copy, ["commit", "-q", "-am", "hand edit"]);
    const out = join(tempDir(), "out");
    for (const args of [
      ["path", "churn#production"],
      ["show", "churn#production"],
      ["export", "churn#production", out],
    ]) {
      await expectRefused(copy, args, 1, ["models/churn/stages.json", "is not a semver version of churn"]);
    }
    expect(existsSync(out)).toBe(false);
    const validate = await cli(copy, ["validate"]);
    expect(validate.code).toBe(1);
  });

  it("init refuses a .gitmodel.yaml that is a link out of the repository", async () => {
    const fresh = await newRepo({ init: false });
    const outside = join(tempDir(), "config.yaml");
    writeFileSync(outside, "root: elsewhere\n");
    symlinkSync(outside, join(fresh, ".gitmodel.yaml"));
    await expectRefused(fresh, ["init"], 2, [
      "configuration file .gitmodel.yaml leads outside the repository",
    ]);
  });

  it("--config refuses a link that leads out of the repository", async () => {
    const outside = join(tempDir(), "config.yaml");
    writeFileSync(outside, "root: elsewhere\n");
    symlinkSync(outside, join(repo, "linked.yaml"));
    await expectRefused(repo, ["list", "--config", "linked.yaml"], 2, [
      "configuration file linked.yaml leads outside the repository",
    ]);
  });
});

describe("raw errors become messages", () => {
  let repo: string;

  beforeAll(async () => {
    repo = await newRepo();
  });

  it("a file name that is not UTF-8", async () => {
    const run = runFolder({ "model.pkl": 16 });
    writeFileSync(
      Buffer.concat([Buffer.from(`${run}/`), Buffer.from([0x6d, 0xff, 0x2e, 0x70, 0x6b, 0x6c])]),
      "x",
    );
    await expectRefused(repo, ["register", "churn", run], 2, ["holds a file whose name is not valid UTF-8"]);
  });

  it("a link to the folder that holds it, and a loop of links", async () => {
    const run = runFolder({ "model.pkl": 16, "sub/a.txt": "a\n" });
    symlinkSync("..", join(run, "sub", "up"));
    await expectRefused(repo, ["register", "churn", run], 2, [
      "sub/up is a symbolic link to a folder that holds it",
    ]);
    const loop = runFolder({ "model.pkl": 16 });
    symlinkSync("b", join(loop, "a"));
    symlinkSync("a", join(loop, "b"));
    await expectRefused(repo, ["register", "churn", loop], 2, ["a is a loop of symbolic links"]);
  });
});
