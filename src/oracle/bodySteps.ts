// POST/PUT body, in the order of semantics.md "Precedence": missing body →
// malformed JSON → invalid object; with the open points on its bytes (a
// leading BOM, data after the value) and on its fields.
import type { Evaluation } from './evaluation.ts';
import { bodyViolations } from './bodyRules.ts';
import { firstValue, oddlyWrittenNumbers } from './jsonText.ts';
import { outcomeOf } from './outcome.ts';

/** Zero bytes (seed:168, must). A body of spaces is not empty. */
export function missingBodyStep(e: Evaluation): boolean {
  if (!e.write) return false;
  if (!e.p.body || e.p.body.bytes === 0) {
    e.push(outcomeOf('format.missing-body'));
    return true;
  }
  return false;
}

const SHOULD = { strength: 'should' } as const;
const NOT_JSON = { status: 400, statusMax: 499, code: undefined, message: undefined, strength: 'must' } as const;

/**
 * "body is not JSON (should, status, code and message alike)": Malformed
 * Command is a should, but a body that is not JSON is no JSON object either
 * (a must of "Body rules"), so any 4xx is tolerated and nothing else passes.
 */
function malformed(e: Evaluation): boolean {
  e.raise();
  if (e.c.choose('format.malformed-json', 'should', ['malformed', 'any-4xx']) === 'malformed') e.push(outcomeOf('format.malformed-json'));
  else e.push(outcomeOf('format.malformed-json', undefined, NOT_JSON));
  return true;
}

export function parseBodyStep(e: Evaluation): boolean {
  if (!e.write) return false;
  let text = e.p.body!.text;
  if (text === undefined) return malformed(e); // not UTF-8
  if (text.charCodeAt(0) === 0xfeff) {
    // Open point: RFC 8259 §8.1 lets a parser ignore a leading BOM.
    if (e.c.choose('format.bom', 'open', ['refuse', 'strip']) === 'refuse') {
      e.push(outcomeOf('format.bom', undefined, SHOULD)); // Malformed Command is a should
      return true;
    }
    e.claim('format.bom');
    text = text.slice(1);
  }
  const r = firstValue(text);
  if (r.kind === 'malformed') return malformed(e);
  if (r.kind === 'trailing') {
    // Open point (should): "Data after a complete JSON value: should be Malformed Command".
    if (e.c.choose('format.trailing-data', 'should', ['refuse', 'first-value']) === 'refuse') {
      e.push(outcomeOf('format.trailing-data'));
      return true;
    }
    text = text.slice(0, r.end);
  }
  e.text = text;
  e.json = r.value;
  return false;
}

const INVALID_OBJECT = { status: 400, code: 'E003', message: 'Invalid Object' } as const;

/** The body rules (bodyRules.ts): a must rule broken is 400; should and open points fork. */
export function bodyRulesStep(e: Evaluation): boolean {
  if (!e.write) return false;
  const v = bodyViolations(e.json, e.cfg, e.text === undefined ? undefined : oddlyWrittenNumbers(e.text));
  if (v.must.length > 0) {
    e.push(outcomeOf(v.must[0]!));
    return false;
  }
  const refuse = v.shouldReject[0];
  if (refuse !== undefined && e.c.choose(refuse, 'should', ['refuse', 'accept']) === 'refuse') {
    e.push(outcomeOf(refuse));
    return false;
  }
  const accept = v.shouldAccept[0];
  if (accept !== undefined) {
    // Unknown keys are accepted and dropped (should): a refusal only warns.
    if (e.c.choose(accept, 'should', ['accept', 'refuse']) === 'refuse') {
      e.push(outcomeOf(accept, undefined, INVALID_OBJECT));
      return false;
    }
    e.claim(accept);
    e.capSuccess = true;
  }
  const open = v.open[0];
  if (open !== undefined) {
    if (e.c.choose('body.open', 'open', ['refuse', 'accept']) === 'refuse') {
      e.push(outcomeOf(open));
      return false;
    }
    e.claim(open);
  }
  e.dropped.push(...v.dropped);
  e.body = e.json as Record<string, unknown>;
  return false;
}
