// The responses the Pact contract check replays (src/pact/contractCheck.ts
// picks a few per outcome class and shape). Kept as the run goes, bounded:
// holding every exchange to the end made memory grow with the run and a
// target answering huge bodies ran the harness out of memory.
import type { Strength } from '../spec/types.ts';
import type { Exchange } from './results.ts';

const PER_KEY = 3;
const MAX_KEPT = 400;
/** Bigger bodies are not sampled (the contract check skips cut ones anyway). */
const MAX_BODY_CHARS = 256 * 1024;

export interface Sampled { rule: string; shape: Strength }

export class ContractSample {
  private readonly kept = new Map<Exchange, Sampled>();
  private readonly perKey = new Map<string, number>();

  offer(ex: Exchange, rule: string, shape: Strength): void {
    const res = ex.response;
    if (!res || res.truncated || shape === 'open' || res.body.length > MAX_BODY_CHARS || this.kept.size >= MAX_KEPT) return;
    const key = `${ex.request.method}\u0000${ex.request.path.split('?')[0]!.replace(/\/[^/]+$/, '/:id')}\u0000${res.status}\u0000${shape}\u0000${outline(res.body)}`;
    const n = this.perKey.get(key) ?? 0;
    if (n >= PER_KEY) return;
    this.perKey.set(key, n + 1);
    this.kept.set(ex, { rule, shape });
  }

  exchanges(): Exchange[] {
    return [...this.kept.keys()];
  }

  get(ex: Exchange): Sampled | undefined {
    return this.kept.get(ex);
  }
}

/** The body's top-level keys and its first error's code and message: enough to tell shapes apart. */
function outline(body: string): string {
  try {
    const v = JSON.parse(body) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return typeof v;
    const e = (v as { _errors?: Array<{ code?: unknown; message?: unknown }> })._errors?.[0];
    return `${Object.keys(v).sort().join(',')}|${String(e?.code)}|${String(e?.message)}`;
  } catch {
    return 'not-json';
  }
}
