import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import type { Git, PushOutcome } from "../infra/git.js";
import {
  apiUrlFrom,
  GitHubScm,
  octokitOptions,
  type RefUpdate,
  repositoryOf,
  type Scm,
  type TagObjectInput,
} from "../infra/github.js";
import type { Publication, TagPublisher } from "../registry/checks/publish-tags.js";
import { API_ROUTE } from "./api-route.js";

/**
 * register's tags through the GitHub API, as release-please makes its tags: no `git push`, so no
 * advertisement of the repository's 100,000 refs and no connectivity check of them on GitHub's
 * side; what a run costs follows its tags (docs/decisions/action.md). One GraphQL query reads the
 * remote's refs, one `POST git/tags` per missing tag makes its object (which must come out as the
 * clone's very object), and one GraphQL `updateRefs` creates the tags and moves the tagged branch
 * under its lease, all or nothing. Anything the API cannot do declines, and the git push runs.
 */

/**
 * The most tags one run sends through the API: each is a content-creating request, of which
 * GitHub allows about 80 a minute (its secondary rate limit). More go by git push, as they did.
 */
export const API_TAG_LIMIT = 20;

/** A reason to give the API route up for the git push, shown in the summary. */
class Declined extends Error {}

/**
 * The publisher on the Action's token, with an Octokit of its own: @actions/github's (the
 * runner's proxy settings), without the throttling plugin, whose one second between writes would
 * be 2 s of waiting for one tag (against a 0.3 s push), and with no retry (every request says
 * so): a failure, a rate limit included, falls back to the push at once. A run makes at most
 * API_TAG_LIMIT + 1 writes, one after the other.
 */
export function githubApiPublisher(env: NodeJS.ProcessEnv, token: string, git: Git): TagPublisher {
  const { owner, repo } = repositoryOf(env, null);
  const { throttle: _throttle, ...options } = octokitOptions(apiUrlFrom(env), env);
  return apiPublisher(new GitHubScm(getOctokit(token, options, retry), owner, repo), git);
}

export function apiPublisher(scm: Scm, git: Git): TagPublisher {
  return {
    name: API_ROUTE,
    async publish(publication) {
      if (publication.tags.length > API_TAG_LIMIT) return { declined: null };
      try {
        return await publishThroughApi(scm, git, publication);
      } catch (e) {
        const reason = e instanceof Declined ? e.message : String((e as Error).message ?? e).split("\n")[0];
        return { declined: `The GitHub API could not publish the tags (${reason}): they went by git push.` };
      }
    },
  };
}

async function publishThroughApi(scm: Scm, git: Git, p: Publication): Promise<PushOutcome> {
  const zeros = "0".repeat(p.marker.head.length);
  const refs = [p.marker.ref, ...p.tags.map((t) => t.ref)];
  const before = await scm.refTargets(refs);
  const lost = (message: string): PushOutcome => ({ ok: false, remoteMovedOn: true, message });
  if ((before.targets.get(p.marker.ref) ?? null) !== p.marker.expected)
    return lost(`${p.marker.ref} moved on the remote`);
  // As git push's `=`: a tag the remote has with the same object is left as it is.
  const upToDate: string[] = [];
  const missing: { ref: string; oid: string }[] = [];
  for (const tag of p.tags) {
    const theirs = before.targets.get(tag.ref) ?? null;
    if (theirs === null) missing.push(tag);
    else if (theirs === tag.oid) upToDate.push(tag.ref);
    else return lost(`${tag.ref} already exists on the remote`);
  }
  const objects = await git.catFile(missing.map((t) => t.oid));
  for (const tag of missing) {
    const object = objects.get(tag.oid);
    const input = object?.type === "tag" ? tagObjectInput(object.content) : null;
    if (!input) throw new Declined(`${tag.ref} is not a tag object the API can make`);
    const sha = await scm.createTagObject(input);
    // GitHub made another object (a signature, a message it normalised): the one the clone has
    // is what goes, by git push; the API's object stays unreferenced, harmless.
    if (sha !== tag.oid) throw new Declined(`GitHub made another object than the clone's for ${tag.ref}`);
  }
  const updates: RefUpdate[] = [
    ...missing.map((t) => ({ name: t.ref, afterOid: t.oid, beforeOid: zeros })),
    { name: p.marker.ref, afterOid: p.marker.head, beforeOid: p.marker.expected ?? zeros, force: true },
  ];
  try {
    await scm.updateRefs(before.repositoryId, updates);
  } catch (e) {
    // Refused or failed: the refs as they are now tell a race from anything else.
    const after = await scm.refTargets(refs);
    const now = (ref: string) => after.targets.get(ref) ?? null;
    if (updates.every((u) => now(u.name) === u.afterOid))
      return { ok: true, remoteMovedOn: false, message: "", upToDate }; // it went through; the answer was lost
    if (now(p.marker.ref) !== p.marker.expected || missing.some((t) => now(t.ref) !== null))
      return lost(`another run moved ${p.marker.ref} or made one of the tags first`);
    throw e;
  }
  return { ok: true, remoteMovedOn: false, message: "", upToDate };
}

/**
 * The API's request for a tag object as git wrote it (`object`, `type`, `tag`, `tagger`, a blank
 * line, the message), or null when it holds anything else (another header, bytes that are not
 * UTF-8): the API could not make the same object.
 */
export function tagObjectInput(content: Buffer): TagObjectInput | null {
  const text = content.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(content)) return null;
  const m =
    /^object ([0-9a-f]{40,64})\ntype (commit|tree|blob|tag)\ntag ([^\n]+)\ntagger ([^<>\n]*) <([^<>\n]*)> (\d+) ([+-])(\d\d)(\d\d)\n\n/.exec(
      text,
    );
  if (!m) return null;
  const [header, object, type, tag, name, email, seconds, sign, hours, minutes] = m as unknown as string[];
  const offset = (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const local = new Date((Number(seconds) + offset * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, "");
  const zone = `${sign}${hours}${minutes}` === "+0000" ? "Z" : `${sign}${hours}:${minutes}`;
  return {
    tag: tag!,
    message: text.slice(header!.length),
    object: object!,
    type: type as TagObjectInput["type"],
    tagger: { name: name!, email: email!, date: `${local}${zone}` },
  };
}
