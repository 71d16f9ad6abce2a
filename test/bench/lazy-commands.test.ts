import { describe, expect, it } from "vitest";
import { COMMAND_MODULES } from "../../src/cli/main.js";
import { cli, tempDir } from "../helpers/repo.js";

/**
 * The CLI loads only the module of the command it runs (start-up time, docs/benchmarks.md).
 * A command missing from the table still works but loads everything: keep the table complete.
 */
describe("lazy command loading", () => {
  it("has a module for every command that --help lists", async () => {
    const help = await cli(tempDir(), ["--help"]);
    const section = help.stdout.split(/^Commands:\s*$/m)[1] ?? "";
    const listed = [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1]!)
      .filter((c) => c !== "help");
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.filter((c) => !Object.hasOwn(COMMAND_MODULES, c))).toEqual([]);
  });

  it("each table entry defines the command it is named for", async () => {
    const { Command } = await import("commander");
    for (const [name, load] of Object.entries(COMMAND_MODULES)) {
      const program = new Command();
      (await load())(program, {
        registry: async () => Promise.reject(new Error("unused")),
        globals: () => ({}),
      });
      expect(program.commands.map((c) => c.name())).toContain(name);
    }
  });
});
