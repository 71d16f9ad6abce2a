import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { churnRepo, pullRequestEvent, registerChurn, runAction } from "../helpers/action.js";
import { git } from "../helpers/repo.js";

/**
 * The Action's `report` (the built dist/action.js, as the runner runs it) and the link validate's
 * summary gives to the report's page of each model a pull request changes, when `pages-url` says
 * where the report is published.
 */

let repo: string;

beforeAll(async () => {
  repo = await churnRepo();
});

describe("the Action and the report", () => {
  it("report writes the web page and sets the output path", async () => {
    const run = await runAction({
      workspace: repo,
      eventName: "push",
      event: {},
      inputs: { command: "report", out: "_site" },
      env: { GITHUB_SERVER_URL: "https://github.com" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs.path).toBe(join(repo, "_site"));
    expect(existsSync(join(repo, "_site", "index.html"))).toBe(true);
    // Links go to the repository the workflow runs in.
    const page = readFileSync(join(repo, "_site", "models", "churn.html"), "utf8");
    expect(page).toContain('href="https://github.com/acme/models/commit/');
    expect(run.summary).toContain("Wrote the page of 1 model(s) and 2 version(s) to `_site`");
    // A second run (the next push) replaces the report it wrote.
    expect(
      (
        await runAction({
          workspace: repo,
          eventName: "push",
          event: {},
          inputs: { command: "report", out: "_site" },
        })
      ).code,
    ).toBe(0);
  });

  it("validate links the page of each model the pull request changes, when pages-url is given", async () => {
    const base = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await git(repo, ["switch", "-q", "-c", "more"]);
    await registerChurn(repo, "0.0100");
    const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const event = pullRequestEvent({ base, head });
    const linked = await runAction({
      workspace: repo,
      event,
      inputs: { command: "validate", "pages-url": "https://acme.github.io/models/" },
    });
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.summary).toContain("Report: [churn](https://acme.github.io/models/models/churn.html)");
    const plain = await runAction({ workspace: repo, event, inputs: { command: "validate" } });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.summary).not.toContain("Report:");
  });
});
