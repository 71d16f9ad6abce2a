import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, expectCliError, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * `git model report --out DIR` as a command: what it writes, where it refuses to write, and
 * that the folder is replaced all at once (two runs at once, a killed run).
 */

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");
let repo: string;

beforeAll(async () => {
  repo = await newRepo();
  for (const rmse of ["0.012", "0.011"]) {
    const r = await cli(repo, [
      "register",
      "churn",
      runFolder({ "model.pkl": 100 }),
      "--metric",
      `val_rmse=${rmse}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
});

const siblings = (dir: string) => readdirSync(dirname(dir)).filter((e) => e !== "site" && e.includes("site"));

describe("git model report", () => {
  it("writes index.html, a page per model and its data, and --json says what it wrote", async () => {
    const out = join(tempDir("gm-out-"), "site");
    const r = await cli(repo, ["report", "--out", out, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.out).toBe(out);
    expect(result.index).toBe(join(out, "index.html"));
    expect(result.models).toEqual([{ name: "churn", page: join(out, "models", "churn.html"), versions: 2 }]);
    const files = readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "models/churn.html",
        "data/churn/0.js",
        "assets/report.css",
        "assets/report.js",
        "git-model-report.json",
      ]),
    );
    expect(result.files).toBe(files.filter((f) => f.includes(".")).length);
    // Self-contained: relative links only, nothing fetched from anywhere.
    const html = readFileSync(join(out, "models", "churn.html"), "utf8");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('src="../assets/report.js"');
    expect(siblings(out)).toEqual([]);
  });

  it("relative --out is taken from the current folder, -C included, and plain output names the page to open", async () => {
    const parent = tempDir("gm-out-");
    const r = await cli(parent, ["report", "-C", repo, "--out", "rel-site"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(repo, "rel-site", "index.html"))).toBe(true);
    expect(r.stdout).toContain("wrote the report of 1 model and 2 versions");
    expect(r.stdout).toContain(`open ${join(repo, "rel-site", "index.html")}`);
  });

  it("replaces a report it wrote before, and refuses any other non-empty folder unless --force", async () => {
    const out = join(tempDir("gm-out-"), "site");
    expect((await cli(repo, ["report", "--out", out])).code).toBe(0);
    writeFileSync(join(out, "stale.html"), "old page");
    expect((await cli(repo, ["report", "--out", out])).code).toBe(0);
    expect(existsSync(join(out, "stale.html"))).toBe(false);

    const foreign = join(tempDir("gm-out-"), "docs");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.md"), "mine");
    expectCliError(await cli(repo, ["report", "--out", foreign]), 2, [
      "other files in it (notes.md)",
      "--force",
    ]);
    expect(readFileSync(join(foreign, "notes.md"), "utf8")).toBe("mine");
    expect((await cli(repo, ["report", "--out", foreign, "--force"])).code).toBe(0);
    expect(existsSync(join(foreign, "notes.md"))).toBe(false);
    expect(existsSync(join(foreign, "index.html"))).toBe(true);

    const file = join(tempDir("gm-out-"), "a-file");
    writeFileSync(file, "x");
    expectCliError(await cli(repo, ["report", "--out", file, "--force"]), 2, ["is a file, not a folder"]);
  });

  it("never writes into the registry root or .git, nor over the repository, even with --force", async () => {
    expectCliError(await cli(repo, ["report", "--out", "models/site", "--force"]), 2, [
      "is inside the registry root",
    ]);
    expectCliError(await cli(repo, ["report", "--out", ".git/site"]), 2, [
      "inside the repository's .git folder",
    ]);
    expectCliError(await cli(repo, ["report", "--out", ".", "--force"]), 2, ["contains the registry root"]);
    expectCliError(await cli(join(repo, "models"), ["report", "--out", "..", "--force"]), 2, [
      "contains the registry root",
    ]);
    // Through a symbolic link too: the real path is what counts.
    const link = join(tempDir("gm-link-"), "into-models");
    symlinkSync(join(repo, "models"), link);
    expectCliError(await cli(repo, ["report", "--out", join(link, "site")]), 2, [
      "is inside the registry root",
    ]);
    expect(await git(repo, ["status", "--porcelain", "--", "models"])).toBe("");
    expect(existsSync(join(repo, "models", "churn", "1.0.0"))).toBe(true);
  });

  it("two runs at once leave one complete report and no temporary folder", async () => {
    const out = join(tempDir("gm-out-"), "site");
    const results = await Promise.all([1, 2, 3].map(() => cli(repo, ["report", "--out", out])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "assets",
      "data",
      "git-model-report.json",
      "index.html",
      "models",
    ]);
    expect(siblings(out)).toEqual([]);
  });

  it("a killed run leaves the previous report in place, and the next run removes what it left", async () => {
    const out = join(tempDir("gm-out-"), "site");
    expect((await cli(repo, ["report", "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "index.html"), "utf8");
    // A run killed mid-write, simulated at its most awkward point: its temporary folder is full
    // and its process is gone (a pid that cannot exist).
    const leftover = join(dirname(out), ".site.git-model-tmp-4194304999-0badc0de");
    mkdirSync(join(leftover, "models"), { recursive: true });
    writeFileSync(join(leftover, "index.html"), "half");
    const child = spawn(process.execPath, [CLI, "report", "--out", out], { cwd: repo, env: cleanEnv() });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe(before);
    expect((await cli(repo, ["report", "--out", out])).code).toBe(0);
    expect(siblings(out)).toEqual([]);
  });

  it("links to the origin's web page, never with the credentials a remote URL may carry", async () => {
    await git(repo, [
      "remote",
      "add",
      "origin",
      "https://x-access-token:ghs_SECRET123@github.com/acme/models.git",
    ]);
    const out = join(tempDir("gm-out-"), "site");
    expect((await cli(repo, ["report", "--out", out])).code).toBe(0);
    const page = readFileSync(join(out, "models", "churn.html"), "utf8");
    expect(page).toContain('<a class="where" href="https://github.com/acme/models">');
    const everything = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => f.includes("."))
      .map((f) => readFileSync(join(out, f), "utf8"))
      .join("");
    expect(everything).not.toContain("SECRET");
    await git(repo, ["remote", "remove", "origin"]);
  });

  it("says what to do outside a repository, without --out, and with a --repo-url that is not a web address", async () => {
    expectCliError(await cli(repo, ["report"]), 2, ["--out"]);
    expectCliError(await cli(repo, ["report", "--out", "x", "--repo-url", "javascript:alert(1)"]), 2, [
      "--repo-url must be an http or https address",
    ]);
    const r = await cli(tempDir("gm-nowhere-"), ["report", "--out", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });
});

describe("git model report's best version", () => {
  it("is the version select picks when the best ones lack an artifact file in the work tree", async () => {
    const ranked = await newRepo({ config: "select:\n  rank: { metric: metrics.val_rmse, goal: min }\n" });
    // val_rmse falls with every version: the newest is the best while its files are there.
    for (let i = 0; i < 10; i++) {
      const r = await cli(ranked, [
        "register",
        "churn",
        runFolder({ "model.pkl": 100 + i }),
        "--metric",
        `val_rmse=${(0.02 - i * 0.001).toFixed(3)}`,
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const bestOf = async () => {
      const out = join(tempDir("gm-out-"), "site");
      expect((await cli(ranked, ["report", "--out", out])).code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, "git-model-report.json"), "utf8"));
      const selected = await cli(ranked, ["select", "churn", "--json"]);
      return { report: manifest.models[0].best, select: JSON.parse(selected.stdout).winner };
    };
    const remove = (versions: string[]) => {
      for (const v of versions) rmSync(join(ranked, "models", "churn", v, "model.pkl"));
    };
    expect(await bestOf()).toEqual({ report: "1.0.9", select: "1.0.9" });
    remove(["1.0.9", "1.0.8"]);
    expect(await bestOf()).toEqual({ report: "1.0.7", select: "1.0.7" });
    // More winners without their files than the report looks at one by one.
    remove(["1.0.7", "1.0.6", "1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1"]);
    expect(await bestOf()).toEqual({ report: "1.0.0", select: "1.0.0" });
    remove(["1.0.0"]);
    expect(await bestOf()).toEqual({ report: null, select: null });
  });
});
