/**
 * Git LFS pointers (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md). A pointer's oid
 * is the sha256 of the content, so a registry can check an artifact without downloading it.
 */
export interface LfsPointer {
  oid: string;
  size: number;
}

const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*$/;

/** Pointers are small text files; anything over this size is content, not a pointer. */
export const MAX_POINTER_SIZE = 1024;

export function parseLfsPointer(content: Buffer | string): LfsPointer | null {
  if (content.length > MAX_POINTER_SIZE) return null;
  const text = typeof content === "string" ? content : content.toString("utf8");
  if (!POINTER.test(text)) return null;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
  const size = /^size (\d+)$/m.exec(text)?.[1];
  return oid && size !== undefined ? { oid, size: Number(size) } : null;
}

/** A gitattributes pattern that matches exactly one path (as `git lfs track` escapes it). */
export function exactAttributePattern(path: string): string {
  return `/${path.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ /g, "[[:space:]]")}`;
}

export const LFS_ATTRIBUTES = "filter=lfs diff=lfs merge=lfs -text";
