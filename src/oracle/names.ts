// Names that differ only in case (semantics.md Open points: "Names that
// differ only in case, in one container: 200, or 409"). Upper and lower case
// both compared, so that "ß" and "SS" count as such a pair too.
export function sameIgnoringCase(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}
