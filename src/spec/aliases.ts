// The vendor's built-in folders have two names (semantics.md Open points;
// vendor-facts.md "Objects": Shared and Prisma Access are interchangeable,
// Global is All): an answer may name such a folder by either, a list of one
// may show the other's objects, and a name may clash across the two.

const PAIRS: ReadonlyArray<readonly [string, string]> = [['Shared', 'Prisma Access'], ['All', 'Global']];

/** The other names of a folder (none for an ordinary folder). */
export function folderAliases(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return PAIRS.flatMap(([a, b]) => (value === a ? [b] : value === b ? [a] : []));
}

/** Two container values that name one container: equal, or a built-in folder's two names. */
export function sameContainer(key: string, a: unknown, b: unknown): boolean {
  return a === b || (key === 'folder' && folderAliases(a).includes(b as string));
}
