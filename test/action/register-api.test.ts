import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { churnRepo, everythingShown, runAction } from "../helpers/action.js";
import { type FakeGitHub, fakeGitHub } from "../helpers/github-api.js";
import { gitHttpForFile } from "../helpers/http-remote.js";
import { cleanEnv, cli, git, smallRun, tempDir } from "../helpers/repo.js";

/**
 * The Action's register through the GitHub API (src/action/publish-api.ts): the built
 * dist/action.js on a push, in a clone of a remote served over HTTP, with the API stand-in
 * (test/helpers/github-api.ts) working on the same bare repository. The tags reach the remote by
 * `POST git/tags` and one `updateRefs`, and no git push runs; anything the API cannot do falls
 * back to the git push.
 */

const TOKEN = "ghs_api_token_that_must_never_be_printed";
const TAGGED = "refs/heads/git-model/tagged";

const http = gitHttpForFile();

/** A remote whose main holds two versions and three stage moves, none of them tagged (made once, copied). */
let template: string;
beforeAll(async () => {
  template = join(tempDir("gm-api-template-"), "template.git");
  await git(tempDir(), ["init", "-q", "--bare", "-b", "main", template]);
  const repo = await churnRepo({ tag: false });
  await git(repo, ["remote", "add", "origin", `file://${template}`]);
  await git(repo, ["push", "-q", "origin", "main"]);
});

let apis: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(apis.map((a) => a.close()));
  apis = [];
});

/** acme/NAME: a copy of the template over HTTP at .../acme/NAME.git, and the API on the same bare repository. */
async function remote(name: string) {
  mkdirSync(join(http.projects, "acme"), { recursive: true });
  const bare = join(http.projects, "acme", `${name}.git`);
  cpSync(template, bare, { recursive: true });
  const api = await fakeGitHub({ owner: "acme", repo: name, bare });
  apis.push(api);
  return { name, bare, url: `${http.url}/acme/${name}.git`, api };
}
type Remote = Awaited<ReturnType<typeof remote>>;

async function checkout(url: string): Promise<string> {
  const dir = join(tempDir("gm-api-ws-"), "ws");
  await git(tempDir(), ["clone", "-q", url, dir], cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }));
  return dir;
}

const PUSH = { ref: "refs/heads/main", repository: { full_name: "acme/models", default_branch: "main" } };

function register(
  r: Remote,
  workspace: string,
  event: Record<string, unknown> = PUSH,
  env: Record<string, string> = {},
) {
  return runAction({
    workspace,
    inputs: { command: "register", token: TOKEN },
    eventName: "push",
    event,
    apiUrl: r.api.url,
    repository: `acme/${r.name}`,
    env,
  });
}

/** The git-receive-pack requests the HTTP remote of `r` has had: one per git push. */
const pushes = (r: Remote) =>
  http.requests.filter((q) => q.endsWith(`/acme/${r.name}.git/git-receive-pack`)).length;
const apiCalls = (r: Remote, path: string) => r.api.requests.filter((q) => q.path === path).length;

const tagOids = async (repo: string) =>
  (await git(repo, ["for-each-ref", "--format=%(refname:strip=2) %(objectname) %(objecttype)", "refs/tags"]))
    .split("\n")
    .filter(Boolean)
    .sort();

const names = (r: { outputs: Record<string, string> }, output: string) =>
  JSON.parse(r.outputs[output]!)
    .map((t: { tag: string }) => t.tag)
    .sort();

/** Commits made by `change` in a checkout, pushed to main without any tag: the push's event. */
async function pushed(r: Remote, change: (ws: string) => Promise<void>) {
  const ws = await checkout(r.url);
  const before = (await git(ws, ["rev-parse", "HEAD"])).trim();
  await change(ws);
  await git(ws, ["push", "-q", "--no-verify", `file://${r.bare}`, "HEAD:main"]);
  return { ...PUSH, before, after: (await git(ws, ["rev-parse", "HEAD"])).trim() };
}

const ok = async (ws: string, args: string[]) => {
  const r = await cli(ws, args);
  expect(r.code, r.stderr).toBe(0);
};

describe("register through the GitHub API", () => {
  it("publishes the tags and moves the tagged branch with no git push, the remote's tags the clone's objects", async () => {
    const r = await remote("api-once");
    const ws = await checkout(r.url);
    const trace = join(tempDir("gm-api-trace-"), "events.json");
    const first = await register(r, ws, PUSH, { GIT_TRACE2_EVENT: trace });
    expect(first.stderr).toBe("");
    expect(first.code, first.stdout).toBe(0);
    expect(names(first, "registered")).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    expect(JSON.parse(first.outputs["stage-changes"]!)).toHaveLength(4);
    expect(first.summary).toContain(
      "Published 2 registration tag(s) and 4 stage tag(s) through the GitHub API, in one atomic update.",
    );
    // The remote's tags are the clone's very objects; the branch is at HEAD, here and in the clone.
    expect(await tagOids(r.bare)).toEqual(await tagOids(ws));
    expect(await tagOids(r.bare)).toHaveLength(6);
    const head = (await git(ws, ["rev-parse", "HEAD"])).trim();
    expect((await git(r.bare, ["rev-parse", TAGGED])).trim()).toBe(head);
    expect((await git(ws, ["rev-parse", "refs/remotes/origin/git-model/tagged"])).trim()).toBe(head);
    // No git push: no receive-pack request, no push process; one query, six objects, one update.
    expect(pushes(r)).toBe(0);
    const commands = readFileSync(trace, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === "start")
      .map((e) => e.argv[1]);
    expect(commands).not.toContain("push");
    expect(apiCalls(r, "/repos/acme/api-once/git/tags")).toBe(6);
    expect(apiCalls(r, "/graphql")).toBe(2);
    for (const q of r.api.requests) expect(q.authorization).toBe(`token ${TOKEN}`);
    expect(everythingShown(first)).not.toContain(TOKEN);

    // One new version on a later push: one tag, through the API again.
    const push = await pushed(r, (w) => ok(w, ["register", "churn", smallRun(1), "--no-tag"]));
    const second = await register(r, await checkout(r.url), push);
    expect(second.code, second.stdout).toBe(0);
    expect(names(second, "registered")).toEqual(["churn@v1.0.2"]);
    expect(second.summary).toContain(
      "Published 1 registration tag(s) and 0 stage tag(s) through the GitHub API",
    );
    expect((await git(r.bare, ["rev-parse", TAGGED])).trim()).toBe(push.after);
    expect((await git(r.bare, ["cat-file", "-t", "churn@v1.0.2"])).trim()).toBe("tag");
    expect(pushes(r)).toBe(0);

    // Nothing left: the next run reads two refs and stops, no API call.
    const calls = r.api.requests.length;
    const third = await register(r, await checkout(r.url), push);
    expect(third.code, third.stdout).toBe(0);
    expect(third.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    expect(r.api.requests.length).toBe(calls);
  });

  it("converges when another run makes the same tag and moves the branch between the query and the update", async () => {
    const r = await remote("api-race");
    await register(r, await checkout(r.url)); // everything tagged
    const push = await pushed(r, (w) => ok(w, ["register", "churn", smallRun(2), "--no-tag"]));
    // The other run: the same tag (its own object: another tagger) and the branch at HEAD.
    const other = await checkout(r.url);
    await git(other, [
      "-c",
      "user.name=Other",
      "-c",
      "user.email=o@example.com",
      "tag",
      "-a",
      "-m",
      "other",
      "churn@v1.0.2",
      "HEAD",
    ]);
    r.api.git.beforeUpdateRefs = async () => {
      await git(other, [
        "push",
        "-q",
        "--no-verify",
        `file://${r.bare}`,
        "refs/tags/churn@v1.0.2",
        `HEAD:${TAGGED}`,
      ]);
    };
    const ws = await checkout(r.url);
    const run = await register(r, ws, push);
    expect(run.code, run.stdout).toBe(0);
    expect(r.api.git.beforeUpdateRefs).toBe(null); // it ran
    // The other run's tag is the remote's, the clone has it now, and this run reports nothing.
    expect(run.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    const theirs = (await git(r.bare, ["rev-parse", "churn@v1.0.2"])).trim();
    expect((await git(other, ["rev-parse", "churn@v1.0.2"])).trim()).toBe(theirs);
    expect((await git(ws, ["rev-parse", "churn@v1.0.2"])).trim()).toBe(theirs);
    expect((await git(r.bare, ["rev-parse", TAGGED])).trim()).toBe(push.after);
    expect(await tagOids(r.bare)).toHaveLength(7);
  });

  it("converges when another run makes the same tag alone: the branch is moved, the tag left as it is", async () => {
    const r = await remote("api-race-tag");
    await register(r, await checkout(r.url));
    const push = await pushed(r, (w) => ok(w, ["register", "churn", smallRun(3), "--no-tag"]));
    const other = await checkout(r.url);
    await git(other, [
      "-c",
      "user.name=Other",
      "-c",
      "user.email=o@example.com",
      "tag",
      "-a",
      "-m",
      "other",
      "churn@v1.0.2",
      "HEAD",
    ]);
    r.api.git.beforeUpdateRefs = () =>
      git(other, ["push", "-q", "--no-verify", `file://${r.bare}`, "refs/tags/churn@v1.0.2"]).then(() => {});
    const run = await register(r, await checkout(r.url), push);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    expect((await git(r.bare, ["rev-parse", "churn@v1.0.2"])).trim()).toBe(
      (await git(other, ["rev-parse", "churn@v1.0.2"])).trim(),
    );
    // The second plan found the tag on the remote and moved the branch through the API.
    expect((await git(r.bare, ["rev-parse", TAGGED])).trim()).toBe(push.after);
    expect(pushes(r)).toBe(0);
  });

  it("falls back to the git push when GraphQL has no updateRefs (an older GitHub Enterprise Server)", async () => {
    const r = await remote("api-old-ghes");
    r.api.git.unknownMutation = true;
    const ws = await checkout(r.url);
    const run = await register(r, ws);
    expect(run.code, run.stdout).toBe(0);
    expect(names(run, "registered")).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    expect(run.summary).toContain("The GitHub API could not publish the tags");
    expect(run.summary).toContain("Field 'updateRefs' doesn't exist");
    expect(run.summary).toContain("Pushed 2 registration tag(s) and 4 stage tag(s) in one push.");
    expect(await tagOids(r.bare)).toEqual(await tagOids(ws));
    expect((await git(r.bare, ["rev-parse", TAGGED])).trim()).toBe(
      (await git(ws, ["rev-parse", "HEAD"])).trim(),
    );
    expect(pushes(r)).toBe(1);
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it("falls back to the git push when GitHub makes another tag object than the clone's", async () => {
    const r = await remote("api-mismatch");
    r.api.git.otherTagObjects = true;
    const ws = await checkout(r.url);
    const run = await register(r, ws);
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain("GitHub made another object than the clone's");
    // One object made through the API, then the push: the remote's tags are the clone's.
    expect(apiCalls(r, "/repos/acme/api-mismatch/git/tags")).toBe(1);
    expect(await tagOids(r.bare)).toEqual(await tagOids(ws));
    expect(pushes(r)).toBe(1);
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it("falls back to the git push when the API fails, and says so without the token", async () => {
    const r = await remote("api-down");
    r.api.failNext(1, 403);
    const ws = await checkout(r.url);
    const run = await register(r, ws);
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toMatch(
      /The GitHub API could not publish the tags \(GitHub API POST \/graphql failed \(403\)/,
    );
    expect(await tagOids(r.bare)).toEqual(await tagOids(ws));
    expect(apiCalls(r, "/graphql")).toBe(1); // once: no retry, no second try on the next plan
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it("pushes with git, as before, more than 20 tags", async () => {
    const r = await remote("api-many");
    const push = await pushed(r, async (w) => {
      for (let i = 0; i < 16; i++) await ok(w, ["register", "churn", smallRun(100 + i), "--no-tag"]);
    });
    // A push that creates the branch: everything is planned, 6 + 16 tags.
    const run = await register(r, await checkout(r.url), { ...push, before: "0".repeat(40) });
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.registered!)).toHaveLength(18);
    expect(run.summary).toContain("Pushed 18 registration tag(s) and 4 stage tag(s) in one push.");
    expect(run.summary).not.toContain("GitHub API");
    expect(r.api.requests).toHaveLength(0);
    expect(pushes(r)).toBe(1);
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it("pushes with git when origin is not the workflow's repository", async () => {
    const r = await remote("api-elsewhere");
    const run = await runAction({
      workspace: await checkout(r.url),
      inputs: { command: "register", token: TOKEN },
      eventName: "push",
      event: PUSH,
      apiUrl: r.api.url,
      repository: "acme/another",
    });
    expect(run.code, run.stdout).toBe(0);
    expect(r.api.requests).toHaveLength(0);
    expect(pushes(r)).toBe(1);
    expect(await tagOids(r.bare)).toHaveLength(6);
  });
});
