import { execFile, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { tempDir } from "./repo.js";

/**
 * Serves bare repositories over loopback HTTP with `git http-backend` (smart HTTP), as
 * changesets/action's tests do: a real remote that speaks the protocol GitHub speaks.
 */
export async function serveGitHttp(
  projectRoot: string,
  /** Answer 401 to a request without this Authorization header (as GitHub does without a token). */
  options: { authorization?: string } = {},
): Promise<{ url: string; close: () => Promise<void>; requests: string[] }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}`);
    if (options.authorization && req.headers.authorization !== options.authorization) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' });
      res.end();
      return;
    }
    const child = spawn("git", ["http-backend"], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: "1",
        REMOTE_USER: "tester",
        REQUEST_METHOD: req.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        CONTENT_LENGTH: req.headers["content-length"] ?? "",
        HTTP_CONTENT_ENCODING: req.headers["content-encoding"] ?? "",
        GIT_PROTOCOL: (req.headers["git-protocol"] as string) ?? "",
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headerDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      headerDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString("utf8").split("\r\n")) {
        const [name, ...rest] = line.split(":");
        const value = rest.join(":").trim();
        if (name!.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else res.setHeader(name!, value);
      }
      res.statusCode = status;
      res.write(head.subarray(end + 4));
    });
    child.stdout.on("end", () => res.end());
    child.on("error", () => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export type GitHttpServer = Awaited<ReturnType<typeof serveGitHttp>>;

/**
 * One loopback git http-backend for the whole test file over a fresh projects folder (a bare
 * repository `projects/<name>.git` is served at `url/<name>.git`): started before the file's
 * tests, closed after them. Its fields are read in hooks and tests, once it has started.
 */
export function gitHttpForFile(): {
  readonly projects: string;
  readonly url: string;
  readonly requests: string[];
} {
  let projects = "";
  let server: GitHttpServer | undefined;
  beforeAll(async () => {
    projects = tempDir("gm-projects-");
    server = await serveGitHttp(projects);
  });
  afterAll(() => server?.close());
  const started = () => {
    if (!server) throw new Error("gitHttpForFile: read before its beforeAll ran");
    return server;
  };
  return {
    get projects() {
      started();
      return projects;
    },
    get url() {
      return started().url;
    },
    get requests() {
      return started().requests;
    },
  };
}

export const parentOf = dirname;

/**
 * A bare repository served over smart HTTP, `<url>` to clone, with a file LFS store beside it
 * (git http-backend serves git, not LFS): clones need `lfsConfig` (`lfs.url=file://...`).
 */
export async function httpRegistryRemote(projects: string): Promise<{
  url: string;
  bare: string;
  lfsConfig: string[];
  server: GitHttpServer;
}> {
  const bare = join(projects, "registry.git");
  mkdirSync(bare);
  const env = { PATH: process.env.PATH, HOME: projects, GIT_CONFIG_NOSYSTEM: "1" };
  const git = (cwd: string, args: string[]) => promisify(execFile)("git", args, { cwd, env });
  await git(bare, ["init", "-q", "--bare", "-b", "main"]);
  await git(bare, ["config", "http.receivepack", "true"]);
  const lfsStore = join(projects, "lfs-store.git");
  await git(projects, ["init", "-q", "--bare", lfsStore]);
  const server = await serveGitHttp(projects);
  return { url: `${server.url}/registry.git`, bare, lfsConfig: [`lfs.url=file://${lfsStore}`], server };
}
