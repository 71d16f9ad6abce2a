import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, cli, newRepo } from "../helpers/repo.js";

describe("how the CLI speaks", () => {
  it("exits quietly when its reader closes the pipe early (git model ... | head)", async () => {
    const script = join(import.meta.dirname, "..", "..", "dist", "cli.js");
    const child = spawn(process.execPath, [script, "register", "--help"], { env: cleanEnv() });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.destroy(); // the reader goes away before the help is written
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });

  it("prints JSON alone on stdout with --json, and no colour codes when NO_COLOR is set or not on a terminal", async () => {
    const repo = await newRepo();
    const r = await cli(repo, ["list", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const text = await cli(repo, ["list"], { env: cleanEnv({ FORCE_COLOR: "1" }) });
    expect(text.stdout).not.toContain("\u001b[");
  });

  it("works from any folder inside the repository, and with -C from outside", async () => {
    const repo = await newRepo();
    const deep = join(repo, "src", "deep");
    mkdirSync(deep, { recursive: true });
    const inside = await cli(deep, ["list", "--json"]);
    expect(inside.code).toBe(0);
    const fromOutside = await cli("/", ["list", "--json", "-C", repo]);
    expect(fromOutside.code).toBe(0);
    expect(JSON.parse(fromOutside.stdout)).toEqual([]);
  });
});
