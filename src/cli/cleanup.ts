// `mfa-conformance cleanup`: deletes what killed runs left behind (issue
// "Real tenants and real clients"). A run names every object it creates
// `mfa-conf-<seed>t<start>-...` (cli/run.ts), so the objects of this harness
// are found by name in the containers the user names, and a leftover's age is
// read from its name. Only names under the harness's own `mfa-conf-`
// namespace are ever deleted: an object the harness did not create is never
// touched. Exit 0: every claimed object is gone; 1: some could not be deleted
// or a container could not be listed; 2: misuse or a refused token.
import { sweep, type Listed } from '../runner/sweep.ts';
import { HarnessError } from './harnessError.ts';
import { ACCESS_OPTIONS, openTarget, resolveAccess } from './access.ts';
import { durationFlag, intFlag, parseOptions, type CommandSpec } from './options.ts';
import { preflight } from './preflight.ts';
import { spec } from '../spec/model.ts';

export const CLEANUP = {
  name: 'cleanup',
  summary: 'Deletes the objects runs of this harness left in the named containers (names starting with --prefix).',
  about: [
    'Exit 0: none left; 1: some could not be deleted, or a container could not be listed; 2: misuse, a refused token.',
    "Only names under the harness's namespace (mfa-conf-) are deleted; --older-than reads a run's start from its objects' names.",
  ],
  options: {
    target: { type: 'string', value: 'URL', help: 'base URL with the API prefix', group: 'target' },
    ...ACCESS_OPTIONS,
    folder: { type: 'string', multiple: true, value: 'NAME', help: 'a folder to clean', group: 'what' },
    snippet: { type: 'string', multiple: true, value: 'NAME', help: 'a snippet to clean', group: 'what' },
    device: { type: 'string', multiple: true, value: 'NAME', help: 'a device to clean', group: 'what' },
    prefix: { type: 'string', value: 'P', default: 'mfa-conf-', help: "names to delete start with this (a run's own: mfa-conf-<seed>t<start>-)", group: 'what' },
    'older-than': { type: 'string', value: 'DURATION', help: 'only objects of runs started at least this long ago (90s, 30m, 1h)', group: 'what' },
    'dry-run': { type: 'boolean', default: false, help: 'list what would be deleted, delete nothing', group: 'what' },
    concurrency: { type: 'string', value: 'N', default: '4', help: 'deletes in flight', group: 'limits' },
    timeout: { type: 'string', value: 'MS', default: '10000', help: 'per-request deadline', group: 'limits' },
  },
} as const satisfies CommandSpec;

const NAMESPACE = 'mfa-conf-';
/** A run's start, base-36 seconds, as cli/run.ts writes it into its objects' names. */
const STARTED = /^mfa-conf-\d+t([0-9a-z]+)-/;

/** When the run that created an object started (ms), when its name says. */
export function startedAt(name: string): number | undefined {
  const m = STARTED.exec(name);
  if (!m) return undefined;
  const s = parseInt(m[1]!, 36);
  return Number.isSafeInteger(s) ? s * 1000 : undefined;
}

export async function cleanupCommand(argv: string[], io: { stdout?: (l: string) => void; env?: Record<string, string | undefined>; now?: () => number } = {}): Promise<number> {
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const v = parseOptions(CLEANUP, argv);
  if (v.target === undefined) throw new HarnessError('BAD_FLAG', 'cleanup needs --target');
  const access = resolveAccess(v, io.env ?? process.env);
  if (!access.token) throw new HarnessError('BAD_FLAG', 'cleanup needs --token (or MFA_TOKEN), or --client-id and --client-secret (or SCM_CLIENT_ID and SCM_CLIENT_SECRET)');
  const prefix = v.prefix;
  if (!prefix.startsWith(NAMESPACE)) throw new HarnessError('BAD_VALUE', `--prefix must start with ${NAMESPACE} (only objects this harness created are deleted), not '${prefix}'`);
  const containers: Array<[string, string]> = [];
  for (const key of spec.containers) for (const n of ({ folder: v.folder, snippet: v.snippet, device: v.device } as Record<string, string[] | undefined>)[key] ?? []) containers.push([key, n]);
  if (containers.length === 0) throw new HarnessError('BAD_FLAG', 'cleanup needs the containers to clean: --folder, --snippet or --device (repeatable)');
  const olderThan = v['older-than'] === undefined ? undefined : durationFlag('older-than', v['older-than']);
  const concurrency = intFlag('concurrency', v.concurrency, 1, 64);
  const now = (io.now ?? Date.now)();
  let unknownAge = 0;
  let younger = 0;
  const claim = (name: string): boolean => {
    if (!name.startsWith(prefix)) return false;
    if (olderThan === undefined) return true;
    const at = startedAt(name);
    if (at === undefined) { unknownAge++; return false; }
    if (now - at < olderThan) { younger++; return false; }
    return true;
  };
  const open = openTarget(v.target, access, { concurrency, timeoutMs: intFlag('timeout', v.timeout, 100, 600_000) });
  try {
    await open.authenticate();
    await preflight(open.client, [{ label: access.oauth?.readWrite ? "read-write client's token" : 'token', token: access.token }], open.transport.basePath, containers[0]);
    const r = await sweep(open.client, { authorization: `Bearer ${access.token}` }, containers, claim, { dryRun: v['dry-run'], concurrency });
    const where = (x: Listed): string => `${x.container}: ${x.name} (${x.id})`;
    if (v['dry-run']) for (const x of r.found) out(`would delete ${where(x)}`);
    for (const f of r.failed) out(`NOT DELETED ${where(f)}: ${f.why}`);
    for (const u of r.unlisted) out(`NOT LISTED ${u.container}: ${u.why}`);
    const age = olderThan === undefined ? '' : `; kept: ${younger} of runs younger than --older-than ${v['older-than']}, ${unknownAge} whose name carries no start time`;
    out(`cleanup: ${r.found.length} object(s) named ${prefix}... in ${containers.length} container(s)${v['dry-run'] ? ' (dry run: none deleted)' : `, ${r.deleted.length} deleted, ${r.failed.length} not`}${age}`);
    return r.failed.length > 0 || r.unlisted.length > 0 ? 1 : 0;
  } finally {
    await open.close();
  }
}
