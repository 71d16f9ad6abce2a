// The GitHub API stand-in of the tests (test/helpers/github-api.ts, run by node as it is) as a
// process of its own, serving a bare repository, for the bench's register rows: the bench runs
// its commands with spawnSync, which would block a server in its own process.
//
//   node bench/github-stand-in.mjs BARE URL_FILE [OWNER/REPO]
//
// Writes the API's URL to URL_FILE once it listens (renamed into place: complete or absent),
// and serves until it is killed.

import { renameSync, writeFileSync } from "node:fs";
import { fakeGitHub } from "../test/helpers/github-api.ts";

const [bare, urlFile, repository = "acme/models"] = process.argv.slice(2);
if (!bare || !urlFile) {
  process.stderr.write("usage: node bench/github-stand-in.mjs BARE URL_FILE [OWNER/REPO]\n");
  process.exit(2);
}
const [owner, repo] = repository.split("/");
const api = await fakeGitHub({ owner, repo, bare });
writeFileSync(`${urlFile}.tmp`, api.url);
renameSync(`${urlFile}.tmp`, urlFile);
