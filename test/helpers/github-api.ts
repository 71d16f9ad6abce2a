import { spawn } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small GitHub REST API on 127.0.0.1 (the one thing tests cannot reach for real): it keeps
 * pull requests, labels and review requests in memory, records every request, and can be told
 * to fail the next N requests with a status (to test retries). Point GITHUB_API_URL at `url`.
 *
 * With a bare repository behind it (`bare`), it answers what register sends through the API as
 * GitHub does, on that repository: `POST /repos/o/r/git/tags` builds the tag object from the
 * request and writes it with `git mktag`; `POST /graphql` answers the one query (the repository's
 * id, each aliased `ref(qualifiedName:)`'s target oid) and the `updateRefs` mutation, applied as
 * ONE `git update-ref --stdin` transaction (all or nothing; a refusal is an `errors` array).
 * Only node: imports, so that node runs it as it is (bench/github-stand-in.mjs).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  authorization: string | undefined;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: "open" | "closed";
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  comments: string[];
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  pulls: FakePull[];
  /**
   * Fails the next `count` requests with `status`; `rateLimit` answers as GitHub's secondary rate
   * limit does (403, "secondary rate limit", retry-after: 1).
   */
  failNext(count: number, status: number, options?: { rateLimit?: boolean }): void;
  /** What the git side does (with `bare`); change it between runs. */
  git: GitBehaviour;
  close(): Promise<void>;
}

export interface GitBehaviour {
  /** GraphQL answers `updateRefs` as a GitHub Enterprise Server older than 3.16: an unknown field. */
  unknownMutation: boolean;
  /** `POST git/tags` makes another object than the one asked for (its tagger a second later). */
  otherTagObjects: boolean;
  /** Runs once, just before the next `updateRefs` is applied: another run at the same time. */
  beforeUpdateRefs: (() => Promise<void> | void) | null;
}

/** The node id the stand-in gives the repository. */
export const REPOSITORY_ID = "R_kgDOstandin";

/** git in `cwd` with `input` on stdin: its exit code, stdout and stderr. */
function runGit(
  cwd: string,
  args: string[],
  input = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** An ISO 8601 date (`Z` or `+hh:mm`) as git's `<seconds> <zone>`. */
function gitDate(iso: string): string | null {
  const m = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(Z|([+-])(\d\d):(\d\d))$/.exec(iso);
  const ms = Date.parse(iso);
  if (!m || Number.isNaN(ms)) return null;
  return `${Math.floor(ms / 1000)} ${m[1] === "Z" ? "+0000" : `${m[2]}${m[3]}${m[4]}`}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

export async function fakeGitHub(options: {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** A bare repository the git endpoints and GraphQL work on. */
  bare?: string;
}): Promise<FakeGitHub> {
  const behaviour: GitBehaviour = { unknownMutation: false, otherTagObjects: false, beforeUpdateRefs: null };
  const requests: RecordedRequest[] = [];
  const pulls: FakePull[] = [];
  let failures: { count: number; status: number; rateLimit?: boolean } = { count: 0, status: 500 };
  const base = `/repos/${options.owner}/${options.repo}`;
  const pullJson = (p: FakePull) => ({
    number: p.number,
    html_url: `https://github.example/${options.owner}/${options.repo}/pull/${p.number}`,
    title: p.title,
    body: p.body,
    state: p.state,
    head: { ref: p.head },
    base: { ref: p.base },
    labels: p.labels.map((name) => ({ name })),
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readJson(req);
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(data));
    };
    if (failures.count > 0) {
      failures.count--;
      if (failures.rateLimit)
        return send(
          403,
          {
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          },
          { "retry-after": "1" },
        );
      return send(failures.status, { message: "simulated failure" });
    }
    const route = `${req.method} ${url.pathname}`;
    const bare = options.bare;
    if (bare && route === `POST ${base}/git/tags`) {
      const tagger = body?.tagger as { name?: string; email?: string; date?: string } | undefined;
      const date = gitDate(String(tagger?.date ?? ""));
      if (!date || typeof body?.message !== "string" || typeof body?.tag !== "string")
        return send(422, { message: "Invalid request." });
      const [seconds, zone] = date.split(" ");
      const when = behaviour.otherTagObjects ? `${Number(seconds) + 1} ${zone}` : date;
      const text = `object ${body.object}\ntype ${body.type}\ntag ${body.tag}\ntagger ${tagger?.name} <${tagger?.email}> ${when}\n\n${body.message}`;
      const made = await runGit(bare, ["mktag"], text);
      if (made.code !== 0) return send(422, { message: `Object does not exist: ${made.stderr.trim()}` });
      const sha = made.stdout.trim();
      return send(201, {
        sha,
        tag: body.tag,
        message: body.message,
        object: { sha: body.object, type: body.type },
      });
    }
    if (bare && route === "POST /graphql") return send(200, await graphql(bare, body));
    const pullMatch = url.pathname.match(/\/(pulls|issues)\/(\d+)(\/[a-z_]+)?$/);
    const pull = pullMatch ? pulls.find((p) => p.number === Number(pullMatch[2])) : undefined;
    if (route === `GET ${base}`)
      return send(200, {
        default_branch: options.defaultBranch ?? "main",
        full_name: `${options.owner}/${options.repo}`,
      });
    if (route === `GET ${base}/pulls`) {
      const head = url.searchParams.get("head");
      const state = url.searchParams.get("state") ?? "open";
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      return send(
        200,
        pulls
          .filter(
            (p) => (state === "all" || p.state === state) && (!head || `${options.owner}:${p.head}` === head),
          )
          .slice((page - 1) * perPage, page * perPage)
          .map(pullJson),
      );
    }
    if (route === `POST ${base}/pulls`) {
      if (pulls.some((p) => p.state === "open" && p.head === body?.head))
        return send(422, { message: "A pull request already exists" });
      const created: FakePull = {
        number: pulls.length + 1,
        title: String(body?.title),
        body: String(body?.body ?? ""),
        head: String(body?.head),
        base: String(body?.base),
        state: "open",
        labels: [],
        reviewers: [],
        teamReviewers: [],
        comments: [],
      };
      pulls.push(created);
      return send(201, pullJson(created));
    }
    if (!pull) return send(404, { message: "Not Found" });
    if (req.method === "PATCH" && pullMatch?.[1] === "pulls" && !pullMatch[3]) {
      if (typeof body?.title === "string") pull.title = body.title;
      if (typeof body?.body === "string") pull.body = body.body;
      if (body?.state === "closed") pull.state = "closed";
      return send(200, pullJson(pull));
    }
    if (req.method === "POST" && pullMatch?.[3] === "/labels") {
      pull.labels = [...new Set([...pull.labels, ...((body?.labels as string[]) ?? [])])];
      return send(
        200,
        pull.labels.map((name) => ({ name })),
      );
    }
    if (req.method === "POST" && pullMatch?.[3] === "/requested_reviewers") {
      pull.reviewers.push(...((body?.reviewers as string[]) ?? []));
      pull.teamReviewers.push(...((body?.team_reviewers as string[]) ?? []));
      return send(201, pullJson(pull));
    }
    if (req.method === "POST" && pullMatch?.[3] === "/comments") {
      pull.comments.push(String(body?.body));
      return send(201, { id: pull.comments.length });
    }
    return send(404, { message: `no route ${route}` });
  });
  /** The two documents register sends: the refs query and the updateRefs mutation. */
  async function graphql(bare: string, body: Record<string, unknown> | null): Promise<unknown> {
    const query = String(body?.query ?? "");
    const variables = (body?.variables ?? {}) as Record<string, unknown>;
    if (/^\s*query\b/.test(query) && /repository\(owner: \$owner, name: \$name\)/.test(query)) {
      if (variables.owner !== options.owner || variables.name !== options.repo)
        return {
          data: { repository: null },
          errors: [{ type: "NOT_FOUND", message: "Could not resolve to a Repository" }],
        };
      const aliases = [...query.matchAll(/(\w+): ref\(qualifiedName: \$(\w+)\) \{ target \{ oid \} \}/g)].map(
        (m) => ({ alias: m[1]!, ref: String(variables[m[2]!]) }),
      );
      const found = aliases.length
        ? (
            await runGit(
              bare,
              ["cat-file", "--batch-check=%(objectname)"],
              `${aliases.map((a) => a.ref).join("\n")}\n`,
            )
          ).stdout.split("\n")
        : [];
      const repository: Record<string, unknown> = { id: REPOSITORY_ID };
      aliases.forEach(({ alias, ref }, i) => {
        const oid = found[i] ?? "";
        repository[alias] =
          ref.startsWith("refs/") && /^[0-9a-f]{40,64}$/.test(oid) ? { target: { oid } } : null;
      });
      return { data: { repository } };
    }
    if (/^\s*mutation\b/.test(query) && /updateRefs\(input: \$input\)/.test(query)) {
      if (behaviour.unknownMutation)
        return {
          errors: [
            {
              path: ["mutation", "updateRefs"],
              extensions: { code: "undefinedField", typeName: "Mutation", fieldName: "updateRefs" },
              message: "Field 'updateRefs' doesn't exist on type 'Mutation'",
            },
          ],
        };
      const input = variables.input as
        | { repositoryId?: string; refUpdates?: { name: string; afterOid: string; beforeOid?: string }[] }
        | undefined;
      if (input?.repositoryId !== REPOSITORY_ID || !Array.isArray(input.refUpdates))
        return {
          data: { updateRefs: null },
          errors: [{ type: "NOT_FOUND", message: "Could not resolve to a node" }],
        };
      const hook = behaviour.beforeUpdateRefs;
      behaviour.beforeUpdateRefs = null;
      await hook?.();
      const lines = input.refUpdates.map((u) =>
        !u.beforeOid || /^0+$/.test(u.beforeOid)
          ? `create ${u.name} ${u.afterOid}`
          : `update ${u.name} ${u.afterOid} ${u.beforeOid}`,
      );
      const applied = await runGit(bare, ["update-ref", "--stdin"], `${lines.join("\n")}\n`);
      if (applied.code !== 0)
        return {
          data: { updateRefs: null },
          errors: [{ type: "UNPROCESSABLE", message: applied.stderr.trim().split("\n")[0] }],
        };
      return { data: { updateRefs: { clientMutationId: null } } };
    }
    return { errors: [{ message: "the stand-in does not answer this document" }] };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    pulls,
    failNext: (count, status, failOptions = {}) => {
      failures = { count, status, ...failOptions };
    },
    git: behaviour,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
