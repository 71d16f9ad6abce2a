import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small GitHub REST API on 127.0.0.1 (the one thing tests cannot reach for real): it keeps
 * pull requests, labels and review requests in memory, records every request, and can be told
 * to fail the next N requests with a status (to test retries). Point GITHUB_API_URL at `url`.
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
  close(): Promise<void>;
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
}): Promise<FakeGitHub> {
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    pulls,
    failNext: (count, status, failOptions = {}) => {
      failures = { count, status, ...failOptions };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
