// The oracle's precedence as one ordered table (semantics.md "Precedence"):
// authentication → unknown path or method → permission → Content-Type →
// Accept → body size → (a list's query) → missing body → malformed JSON →
// invalid object → not found → (a PUT's move) → uniqueness → the operation.
// Each step adds the outcomes of the rules it finds broken to the
// evaluation, at their strength, and says whether the chain ends there; a
// should or open point it meets forks the evaluation (choices.ts).
import { authStep, permissionStep } from './authRules.ts';
import { bodyRulesStep, missingBodyStep, parseBodyStep } from './bodySteps.ts';
import type { Evaluation } from './evaluation.ts';
import { acceptStep, contentTypeStep, payloadStep } from './formatRules.ts';
import { listStep } from './listRules.ts';
import { existsStep, moveStep, successStep, uniquenessStep } from './resourceSteps.ts';
import { routeStep } from './routeRules.ts';

export interface Step {
  name: string;
  /** True when nothing after this step can be evaluated. */
  run(e: Evaluation): boolean;
}

export const STEPS: readonly Step[] = Object.freeze([
  { name: 'auth', run: authStep },
  { name: 'route', run: routeStep },
  { name: 'permission', run: permissionStep },
  { name: 'content-type', run: contentTypeStep },
  { name: 'accept', run: acceptStep },
  { name: 'payload-size', run: payloadStep },
  { name: 'list', run: listStep },
  { name: 'missing-body', run: missingBodyStep },
  { name: 'parse-body', run: parseBodyStep },
  { name: 'body-rules', run: bodyRulesStep },
  { name: 'exists', run: existsStep },
  { name: 'move', run: moveStep },
  { name: 'uniqueness', run: uniquenessStep },
  { name: 'success', run: successStep },
]);
