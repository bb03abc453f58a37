// The replay file of a shrunk command sequence (reports/sequences/*.json),
// what `mfa-conformance replay FILE` resends: each step's method, its path
// and body with `{step N}` for an id step N's answer gave and `{container K}`
// for the sequence's own containers, whose token it used, and what the run
// expected and received. Written from the redacted report: a secret field's
// value is `[REDACTED n chars]`, and replay sends a stand-in of that length.
import type { SafeFinding } from './safeFinding.ts';

export const SEQUENCE_FORMAT = 'mfa-conformance-sequence/1';

export interface SequenceFileStep {
  n: number;
  command: string;
  method: string;
  path: string;
  body?: string;
  token: string;
  expected: string;
  received: string;
  failed?: boolean;
}

export interface SequenceFileDoc {
  format: typeof SEQUENCE_FORMAT;
  tool: string;
  rule: string;
  check: string;
  summary: string;
  seed: number;
  path?: string;
  containers: Array<{ key: string; value: string; owned: boolean }>;
  steps: SequenceFileStep[];
}

export function sequenceFile(c: SafeFinding, version: string): string {
  const q = c.sequence!;
  const doc: SequenceFileDoc = {
    format: SEQUENCE_FORMAT, tool: `scm-mfa-conformance ${version}`, rule: c.rule, check: c.check, summary: c.summary, seed: q.seed, ...(q.path !== undefined && { path: q.path }),
    containers: q.containers,
    steps: q.steps.map((s) => ({
      n: s.n, command: s.command, method: s.method, path: s.replayPath, ...(s.replayBody !== undefined && { body: s.replayBody }),
      token: s.token, expected: s.expected, received: s.received, ...(s.failed && { failed: true }),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
