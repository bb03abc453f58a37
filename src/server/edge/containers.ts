// `serve --containers folder:Shared,snippet:x,device:y`: the containers that
// exist, as on a tenant (vendor-facts.md "Objects": a folder, snippet or
// device must exist before objects are created in it). semantics.md leaves
// the answer open; this server's choice (contracts/decisions.md "Tenant
// stand-in") is a body rule: a create or update naming a container that does
// not exist is 400 E003 `Invalid Object`, with the precedence of every other
// body rule (before not found and uniqueness). A list of a container that does
// not exist is an empty page: nothing can be stored there.
import type { BodyRule, ContainerKey, ContainerRef } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { CONTAINER_PATTERN } from '../validate/container.ts';
import { codePoints, has } from '../validate/json.ts';

function isContainerKey(k: string): k is ContainerKey {
  return (CONTAINER_KEYS as readonly string[]).includes(k);
}

/**
 * `kind:name` items, each value a comma-separated list (container names
 * cannot hold a comma). Throws an Error with a one-line message on a bad item.
 */
export function parseContainers(values: readonly string[]): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const item of values.flatMap((v) => v.split(','))) {
    const colon = item.indexOf(':');
    const key = colon < 0 ? '' : item.slice(0, colon).trim();
    const value = colon < 0 ? '' : item.slice(colon + 1);
    if (!isContainerKey(key)) throw new Error(`--containers takes folder:NAME, snippet:NAME or device:NAME, got "${item}"`);
    if (codePoints(value) < 1 || codePoints(value) > 64 || !CONTAINER_PATTERN.test(value)) {
      throw new Error(`--containers: "${value}" is not a container name (1 to 64 letters, digits, -, _, . or spaces)`);
    }
    if (!out.some((c) => c.key === key && c.value === value)) out.push({ key, value });
  }
  return out;
}

/** The body rule: each container the body names (as a well-formed string) exists. */
export function containerExistsRule(containers: readonly ContainerRef[]): BodyRule {
  const known: Record<ContainerKey, Set<string>> = { folder: new Set(), snippet: new Set(), device: new Set() };
  for (const c of containers) known[c.key].add(c.value);
  return {
    name: 'container-exists',
    ok: (b) => CONTAINER_KEYS.every((k) => !has(b, k) || typeof b[k] !== 'string' || known[k].has(b[k])),
  };
}
