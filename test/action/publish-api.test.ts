import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { API_TAG_LIMIT, githubApiPublisher } from "../../src/action/publish-api.js";
import { Git } from "../../src/infra/git.js";
import { type FakeGitHub, fakeGitHub } from "../helpers/github-api.js";
import { cleanEnv, git, tempDir } from "../helpers/repo.js";

/**
 * The API publisher itself (src/action/publish-api.ts) against the API stand-in with a bare
 * repository behind it: the tag objects GitHub makes from the clone's fields are the clone's very
 * objects, whatever the tagger's zone.
 */

let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const TAGGED = "refs/heads/git-model/tagged";

async function setup() {
  const bare = join(tempDir("gm-pub-bare-"), "r.git");
  await git(tempDir(), ["init", "-q", "--bare", "-b", "main", bare]);
  const clone = join(tempDir("gm-pub-clone-"), "clone");
  await git(tempDir(), ["clone", "-q", `file://${bare}`, clone]);
  const id = ["-c", "user.name=Ren Tagger", "-c", "user.email=ren@example.com"];
  await git(clone, [...id, "commit", "-q", "--allow-empty", "-m", "one"]);
  await git(clone, ["push", "-q", "origin", "HEAD:main"]);
  api = await fakeGitHub({ owner: "acme", repo: "r", bare });
  const repo = new Git(clone, join(clone, ".git"));
  const head = (await git(clone, ["rev-parse", "HEAD"])).trim();
  const tag = async (name: string, date: string) => {
    await git(
      clone,
      [...id, "tag", "-a", "-m", `Registered ${name}\n\nwith a body`, name, "HEAD"],
      cleanEnv({ GIT_COMMITTER_DATE: date }),
    );
    return { ref: `refs/tags/${name}`, oid: (await git(clone, ["rev-parse", name])).trim() };
  };
  return {
    bare,
    clone,
    head,
    tag,
    publisher: githubApiPublisher({ GITHUB_REPOSITORY: "acme/r", GITHUB_API_URL: api.url }, "ghs_test", repo),
  };
}

describe("the GitHub API publisher", () => {
  it("makes the clone's very tag objects, in UTC or another zone, and moves the branch", async () => {
    const { bare, head, tag, publisher } = await setup();
    const tags = [await tag("m@v1.0.0", "1700000000 +0000"), await tag("m@v1.0.1", "1700000001 -0930")];
    const outcome = await publisher.publish({
      remote: "origin",
      tags,
      marker: { ref: TAGGED, head, expected: null },
    });
    expect(outcome).toEqual({ ok: true, remoteMovedOn: false, message: "", upToDate: [] });
    for (const t of tags) expect((await git(bare, ["rev-parse", t.ref])).trim()).toBe(t.oid);
    expect((await git(bare, ["rev-parse", TAGGED])).trim()).toBe(head);
    // The dates as GitHub's API takes them.
    const dates = api!.requests
      .filter((r) => r.path.endsWith("/git/tags"))
      .map((r) => (r.body?.tagger as { date?: string } | undefined)?.date);
    expect(dates).toEqual(["2023-11-14T22:13:20Z", "2023-11-14T12:43:21-09:30"]);

    // Again: both tags there with the same objects (`=`), the branch where it is: a race lost,
    // as a push under a stale lease is.
    expect(
      await publisher.publish({ remote: "origin", tags, marker: { ref: TAGGED, head, expected: null } }),
    ).toMatchObject({
      ok: false,
      remoteMovedOn: true,
    });
    expect(
      await publisher.publish({ remote: "origin", tags, marker: { ref: TAGGED, head, expected: head } }),
    ).toEqual({
      ok: true,
      remoteMovedOn: false,
      message: "",
      upToDate: tags.map((t) => t.ref),
    });
  });

  it(`declines more than ${API_TAG_LIMIT} tags without a request`, async () => {
    const { head, publisher } = await setup();
    const tags = Array.from({ length: API_TAG_LIMIT + 1 }, (_, i) => ({ ref: `refs/tags/t${i}`, oid: head }));
    expect(
      await publisher.publish({ remote: "origin", tags, marker: { ref: TAGGED, head, expected: null } }),
    ).toEqual({
      declined: null,
    });
    expect(api!.requests).toHaveLength(0);
  });
});
