// A reset, timeout or over-long body is a finding about the target, not a
// harness crash (README "Standards": a hostile target is a finding).
import { ruleOf, type Check } from './check.ts';

export const transportHealth: Check = (input) => {
  const { exchange } = input;
  if (exchange.transportError) {
    const { code, message } = exchange.transportError;
    return { check: 'transport', rule: ruleOf(input), strength: 'must', severity: 'failure', summary: `No answer: ${code} (${message})` };
  }
  if (exchange.response?.truncated) {
    return { check: 'transport', rule: ruleOf(input), strength: 'must', severity: 'failure', summary: 'Response body over the harness limit (1 MiB); cut' };
  }
  return undefined;
};
