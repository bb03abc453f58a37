// Runs Pact's Verifier in a child process (verifierWorker.ts) and reads its
// report. Why a child: the native verifier writes its report to fd 1 and
// tells JavaScript only pass/fail, so the per-interaction result and
// Pact's mismatch text exist only in that output. Cost, measured here: about
// 0.9 s to start node + tsx + Pact's native library, then ~25–45 ms per
// interaction against the reference server (toolchain.md's figure for the
// in-process Verifier is 0.2–0.25 s for 20 interactions).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { redactText } from '../spec/redact.ts';
import { RESULT_MARK, type WorkerConfig } from './verifierProtocol.ts';

export interface InteractionFailure {
  /** The interaction's description (`uponReceiving`). */
  description: string;
  /** Provider state, when the interaction has one. */
  state?: string;
  /** Pact's mismatch lines, redacted, ANSI stripped, one entry per mismatch. */
  mismatches: string[];
}

export interface VerifierRun {
  ok: boolean;
  failures: InteractionFailure[];
  /** The verifier's whole report (redacted). */
  output: string;
  /** Set when the verifier could not run (bad pact file, broker unreachable, crash). */
  error?: string;
  ms: number;
}

const WORKER = fileURLToPath(new URL('./verifierWorker.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Parses the native verifier's "Failures:" section:
 *   `1) Verifying a pact between C and P Given S - DESCRIPTION[ - reason]`
 *   `    1.1) has a matching body`
 *   `           $.x -> Expected ...`
 * `descriptions` (from the pact file, when known) disambiguates " - " inside a description.
 */
export function parseFailures(text: string, descriptions: string[] = []): InteractionFailure[] {
  const lines = text.replace(ANSI, '').split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Failures:');
  if (start < 0) return [];
  const known = [...descriptions].sort((a, b) => b.length - a.length);
  const out: InteractionFailure[] = [];
  let cur: InteractionFailure | undefined;
  let sub: string | undefined;
  const flush = (): void => {
    if (cur && sub !== undefined) cur.mismatches.push(sub.trim());
    sub = undefined;
  };
  for (const line of lines.slice(start + 1)) {
    const head = /^\d+\) Verifying a pact between .+? and .+?(?: Given (.+?))? - (.+)$/.exec(line);
    if (head) {
      flush();
      const rest = head[2]!;
      const d = known.find((k) => rest === k || rest.startsWith(`${k} - `));
      const description = d ?? rest.split(' - ')[0]!;
      const reason = rest.slice(description.length).replace(/^ - /, '');
      cur = { description, mismatches: reason ? [reason] : [] };
      if (head[1] !== undefined) cur.state = head[1];
      out.push(cur);
      continue;
    }
    if (/^There (were|was) \d+ pact failures?/.test(line.trim())) break;
    const item = /^\s+\d+\.\d+\) (.*)$/.exec(line);
    if (item && cur) {
      flush();
      sub = item[1]!;
      continue;
    }
    if (line.trim() !== '' && sub !== undefined) sub += ` ${line.trim()}`;
  }
  flush();
  return out;
}

export async function runVerifier(cfg: WorkerConfig, opts: { secrets?: string[]; descriptions?: string[]; timeoutMs?: number } = {}): Promise<VerifierRun> {
  const t0 = performance.now();
  const secrets = [...(opts.secrets ?? []), cfg.token, cfg.readOnlyToken, cfg.broker?.token].filter((s): s is string => !!s);
  const child = spawn(process.execPath, ['--import', TSX, WORKER], {
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.end(JSON.stringify(cfg));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const text = redactText(`${out}\n${err}`.replace(ANSI, ''), secrets);
  const markLine = text.split('\n').find((l) => l.startsWith(RESULT_MARK));
  const ms = Math.round(performance.now() - t0);
  if (!markLine) {
    const last = err.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
    return { ok: false, failures: [], output: text, error: `verifier did not finish: ${redactText(last, secrets)}`, ms };
  }
  const result = JSON.parse(markLine.slice(RESULT_MARK.length)) as { ok: boolean; error?: string };
  const failures = parseFailures(text, opts.descriptions);
  const run: VerifierRun = { ok: result.ok, failures, output: text.replace(markLine, '').trimEnd(), ms };
  // Failed without a failures section: the verifier did not get to verify (pact unreadable, broker, setup crash).
  if (!result.ok && failures.length === 0) run.error = redactText(result.error ?? 'verification could not run', secrets);
  return run;
}
