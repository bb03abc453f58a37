// `diff` (issue "Stateful testing", item 5): one run's answers against
// another's, paired by the exchange's place in the run (session.ts
// CaseMeta.key), so two targets that got the same seeded cases and sequences
// can be compared answer by answer. Pure: answers in, divergences out.
//
// What is compared: the status, the error code, the message, and the body's
// shape (keys and JSON types, with the server's ids, the runs' name prefixes,
// `_request_id` and the secret fields left out: each run names its own
// objects, and semantics.md "Open points" lets a secret come back as sent,
// masked, null or absent). Two answers that differ are a divergence when at
// least one of them fails the oracle (at must; at should too under
// --strict, where the run's own verdict counts a should as a failure); when
// both pass, semantics.md allows both (an open point, or a should the mode
// does not fail) and the pair is a note, which does not fail `diff`.
import { spec } from '../spec/model.ts';
import { redactText } from '../spec/redact.ts';
import type { Verdict } from '../checks/check.ts';
import type { Exchange } from './results.ts';

export interface Answer {
  key: string;
  /** The request, ids and the run's prefix normalised: "POST /mfa-servers". */
  request: string;
  rule: string;
  /** Absent: no answer (a transport failure, its code in `transport`). */
  status?: number;
  transport?: string;
  code?: string;
  message?: string;
  /** Keys and JSON types of the body, or 'text' / 'empty' when it is not JSON. */
  shape: string;
  /** The run's own verdict on this answer: a failure (must, or should under --strict). */
  failed: boolean;
  /** The first failing (else warning) check's summary, normalised. */
  why?: string;
}

export interface Divergence {
  key: string;
  request: string;
  rule: string;
  /** Which parts differ: status, code, message, shape. */
  differs: string[];
  a: Answer;
  b: Answer;
}

export interface Comparison {
  compared: number;
  /** Answers that differ where at least one fails the oracle: they fail `diff`. */
  divergences: Divergence[];
  /** Answers that differ where both pass: listed, never failing. */
  notes: Divergence[];
  /** Exchanges only one side made (a sequence that stopped at a failing step on one side): keys, a few. */
  onlyA: { count: number; keys: string[] };
  onlyB: { count: number; keys: string[] };
  /**
   * Exchanges at one place whose requests differ: a sequence's model went
   * another way after an earlier answer differed (listed there), so these
   * are not compared.
   */
  unpaired: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SECRET_FIELDS = new Set(spec.secretFields);
const IGNORED = new Set(['_request_id', 'id']);
/** Exchanges kept per side: a bounded record whatever the run's size (a default run makes about 5,000). */
export const MAX_ANSWERS = 200_000;
const LISTED_ONLY = 20;

/** What varies between two runs and is not the target's behaviour: server ids, the runs' name prefixes, secrets. */
export interface Normaliser { prefix: string; secrets: readonly string[] }

export function normalise(text: string, n: Normaliser): string {
  return redactText(text, n.secrets).split(n.prefix).join('{prefix}').replace(UUID, '{id}');
}

/** The JSON shape of a value: object keys sorted with their shapes, an array as the set of its items' shapes. */
export function shapeOf(v: unknown, depth = 0): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    if (depth > 8) return '[…]';
    return `[${[...new Set(v.map((x) => shapeOf(x, depth + 1)))].sort().join('|')}]`;
  }
  if (typeof v === 'object') {
    if (depth > 8) return '{…}';
    const keys = Object.keys(v as object).filter((k) => !IGNORED.has(k) && !SECRET_FIELDS.has(k)).sort();
    return `{${keys.map((k) => `${k}:${shapeOf((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  return typeof v;
}

export function answerOf(ex: Exchange, verdicts: readonly Verdict[], rule: string, key: string, json: unknown, n: Normaliser): Answer {
  const bad = verdicts.find((v) => v.severity === 'failure') ?? verdicts[0];
  const a: Answer = {
    key, rule,
    request: normalise(`${ex.request.method} ${ex.request.path}`, n),
    shape: !ex.response ? 'none' : json === undefined ? (ex.response.body === '' ? 'empty' : 'text') : shapeOf(json),
    failed: verdicts.some((v) => v.severity === 'failure'),
    ...(bad && { why: normalise(bad.summary, n).slice(0, 300) }),
  };
  if (ex.response) a.status = ex.response.status;
  else a.transport = ex.transportError?.code ?? 'no answer';
  const e = (json as { _errors?: Array<{ code?: unknown; message?: unknown }> } | undefined)?._errors?.[0];
  if (typeof e?.code === 'string') a.code = e.code;
  if (typeof e?.message === 'string') a.message = normalise(e.message, n).slice(0, 300);
  return a;
}

function differences(a: Answer, b: Answer): string[] {
  const out: string[] = [];
  if (a.status !== b.status || a.transport !== b.transport) out.push('status');
  if (a.code !== b.code) out.push('code');
  if (a.message !== b.message) out.push('message');
  if (a.shape !== b.shape) out.push('shape');
  return out;
}

export function compare(a: ReadonlyMap<string, Answer>, b: ReadonlyMap<string, Answer>): Comparison {
  const out: Comparison = { compared: 0, divergences: [], notes: [], onlyA: { count: 0, keys: [] }, onlyB: { count: 0, keys: [] }, unpaired: 0 };
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y) {
      out.onlyA.count++;
      if (out.onlyA.keys.length < LISTED_ONLY) out.onlyA.keys.push(key);
      continue;
    }
    if (x.request !== y.request) { out.unpaired++; continue; }
    out.compared++;
    const differs = differences(x, y);
    if (differs.length === 0) continue;
    const d: Divergence = { key, request: x.request, rule: x.rule, differs, a: x, b: y };
    (x.failed || y.failed ? out.divergences : out.notes).push(d);
  }
  for (const key of b.keys()) {
    if (a.has(key)) continue;
    out.onlyB.count++;
    if (out.onlyB.keys.length < LISTED_ONLY) out.onlyB.keys.push(key);
  }
  const order = (p: Divergence, q: Divergence): number => p.key.localeCompare(q.key, 'en', { numeric: true });
  out.divergences.sort(order);
  out.notes.sort(order);
  return out;
}
