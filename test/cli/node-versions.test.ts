import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 10 item 6: the CLI starts on the Node versions people have. Node 22 (the `node22`
 * devDependency, the npm `node` package under an alias) runs the everyday commands, through git
 * too; a node older than the one the CLI needs gets one line naming that version, exit 2.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const NEEDED = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines.node as string).replace(
  /^>=/,
  "",
);

/** The node binary of the `node22` devDependency. */
function node22(): string {
  const pkg = createRequire(join(ROOT, "package.json")).resolve("node22/package.json");
  const bin = join(dirname(pkg), "bin", "node");
  if (!existsSync(bin)) throw new Error(`no Node 22 at ${bin}: run npm ci (node22 is a devDependency)`);
  return bin;
}

const versionOf = (bin: string) =>
  execFileSync(bin, ["--version"], { encoding: "utf8" }).trim().replace(/^v/, "");

/** A node on this machine older than 22 (the system's, say), outside node_modules; or none. */
function olderNode(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? "").split(delimiter).filter((d) => d && !d.includes("node_modules")),
    "/usr/local/bin",
    "/usr/bin",
  ].map((d) => join(d, "node"));
  for (const bin of new Set(candidates)) {
    if (!existsSync(bin)) continue;
    try {
      if (Number(versionOf(bin).split(".")[0]) < 22) return bin;
    } catch {
      // Not runnable: not a candidate.
    }
  }
  return undefined;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], cwd: string, env = cleanEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end();
  });
}

describe("on Node 22", () => {
  it("init, register, list, show and promote work, run directly and as `git model`", async () => {
    const node = node22();
    expect(versionOf(node)).toMatch(/^22\./);
    const repo = await newRepo({ init: false });
    const ok = async (args: string[]) => {
      const r = await run(node, [CLI, ...args], repo);
      expect(r.code, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
      return r;
    };
    await ok(["init"]);
    await ok(["register", "churn", runFolder({ "model.pkl": 64 }), "--metric", "auc=0.8"]);
    await ok(["register", "churn", runFolder({ "model.pkl": 65 }), "--metric", "auc=0.9"]);
    await ok(["promote", "churn@1.0.1", "staging", "--reason", "better auc"]);
    expect((await ok(["list", "churn"])).stdout).toMatch(/1\.0\.1 +staging/);
    expect(JSON.parse((await ok(["show", "churn#staging", "--json"])).stdout)).toMatchObject({
      version: "1.0.1",
      metadata: { metrics: { auc: 0.9 } },
    });

    // git runs `git-model` from PATH, whose `#!/usr/bin/env node` finds Node 22 first.
    const bin = join(tempDir("gm-bin-"), "bin");
    mkdirSync(bin);
    symlinkSync(CLI, join(bin, "git-model"));
    symlinkSync(node, join(bin, "node"));
    const env = cleanEnv({ PATH: `${bin}${delimiter}${process.env.PATH}` });
    const viaGit = await run("git", ["model", "list", "churn", "--json"], repo, env);
    expect(viaGit.stderr).toBe("");
    expect(JSON.parse(viaGit.stdout).map((v: { version: string }) => v.version)).toEqual(["1.0.0", "1.0.1"]);
    expect(execFileSync("node", ["--version"], { env, encoding: "utf8" })).toMatch(/^v22\./);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });
});

const older = olderNode();

describe("on a node older than the CLI needs", () => {
  it.skipIf(!older)(
    `prints one line naming Node.js ${NEEDED} and exits 2, for every command (skipped when this machine has no node older than 22)`,
    async () => {
      const node = older as string;
      const repo = await newRepo();
      for (const args of [["list"], ["--version"], ["--help"], ["register", "churn", "out/"]]) {
        const r = await run(node, [CLI, ...args], repo);
        expect(r.code, args.join(" ")).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe(
          `error: git-model needs Node.js ${NEEDED} or newer; this is Node.js ${versionOf(node)} (${node})\n`,
        );
      }
    },
  );
});
