import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 10 item 7: it installs as the README says. The package is packed (`npm pack`, which runs
 * prepack) and installed globally into a temporary prefix from the tarball, as a fresh machine
 * would; git then finds `git model` on PATH and its man page where man looks.
 */

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const has = (bin: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

let tarball: string;
let files: string[];
let prefix: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const out = tempDir("gm-pack-");
  // npm's own cache and registry settings (HOME) are kept: the dependencies come from its cache.
  const { stdout } = await exec("npm", ["pack", "--silent", "--pack-destination", out], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  tarball = join(out, stdout.trim().split("\n").at(-1)!);
  files = (await exec("tar", ["tzf", tarball])).stdout
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""));
  prefix = join(tempDir("gm-prefix-"), "global");
  await exec(
    "npm",
    ["install", "-g", "--prefix", prefix, tarball, "--prefer-offline", "--no-audit", "--no-fund"],
    {
      cwd: out,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  // A machine where git-model is installed: its bin first on PATH, man pages found from there.
  env = cleanEnv({ PATH: `${join(prefix, "bin")}${delimiter}${process.env.PATH}` });
}, 180_000);

describe("npm pack", () => {
  it("holds what package.json points at, the man page and the configuration docs, and no dev files", () => {
    const pointed = [
      ...Object.values(pkg.bin as Record<string, string>),
      pkg.main,
      pkg.types,
      ...(pkg.man as string[]),
      "docs/configuration.md",
      "schema/metadata.schema.json",
      "action.yml",
      "README.md",
    ].map((p: string) => p.replace(/^\.\//, ""));
    expect(pointed.filter((p) => !files.includes(p))).toEqual([]);
    const dev = files.filter((f) =>
      /^(src|test|scripts|bench|node_modules|\.github|\.ci|docs\/decisions)\/|^(tsconfig.*|biome\.json|vitest\.config\.ts|\.nvmrc)$/.test(
        f,
      ),
    );
    expect(dev).toEqual([]);
    expect(pkg.repository.url).toMatch(/github\.com/);
    expect(pkg.engines.node).toBe(">=22.3");
  });
});

describe("installed from the tarball into a fresh prefix", () => {
  it("runs as `git model` through git, with -C before the command as git takes it", async () => {
    const version = await exec("git", ["model", "--version"], { env, cwd: tempDir() });
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(realpathSync(join(prefix, "bin", "git-model"))).toContain(join("git-model", "dist", "cli.js"));

    const repo = await newRepo();
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 32 })]);
    expect(r.code, r.stderr).toBe(0);
    const list = await exec("git", ["model", "-C", repo, "list", "--json"], { env, cwd: tempDir() });
    expect(JSON.parse(list.stdout)).toMatchObject([{ model: "churn" }]);
  });

  it("ships the man page where man looks, so `git model --help` and `git help model` open it", async () => {
    const page = join(prefix, "share", "man", "man1", "git-model.1");
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, "utf8");
    // Every command the CLI has is in the page.
    const help = (await exec("git", ["model", "help"], { env })).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1]!)
      .filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands)
      expect(text, command).toContain(`.SS "git model ${command.replaceAll("-", "\\-")} `);

    if (!has("man")) {
      // No man on this machine: the page must still render as roff.
      if (has("groff"))
        expect(execFileSync("groff", ["-man", "-Tutf8", page], { encoding: "utf8" })).toContain("NAME");
      return;
    }
    const reader = { ...env, MANPAGER: "cat", PAGER: "cat", MANWIDTH: "100" };
    // man finds pages beside the bin folder on PATH ...
    const viaHelp = await exec("git", ["model", "--help"], { env: reader, cwd: tempDir() });
    expect(viaHelp.stdout).toContain("git-model - a model registry that lives in your Git repository");
    expect(viaHelp.stdout).toContain("git model register");
    // ... and through MANPATH, as a prefix outside PATH would be configured.
    const viaManpath = await exec("git", ["help", "model"], {
      env: { ...reader, MANPATH: join(prefix, "share", "man") },
      cwd: tempDir(),
    });
    expect(viaManpath.stdout).toContain("EXIT STATUS");
  });
});

describe("git model -C <dir> before the command", () => {
  it("works like -C after it, for every command; the one after the command wins", async () => {
    const repo = await newRepo();
    const elsewhere = tempDir();
    const r = await cli(elsewhere, [
      "-C",
      repo,
      "register",
      "churn",
      runFolder({ "model.pkl": 33 }),
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((await cli(elsewhere, ["-C", repo, "list"])).stdout).toMatch(/^churn +1 +1\.0\.0/m);
    expect(
      JSON.parse((await cli(elsewhere, ["--cwd", repo, "show", "churn", "--json"])).stdout).version,
    ).toBe("1.0.0");
    const other = await newRepo();
    const after = await cli(elsewhere, ["-C", other, "list", "-C", repo, "--json"]);
    expect(JSON.parse(after.stdout)).toMatchObject([{ model: "churn" }]);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });
});
