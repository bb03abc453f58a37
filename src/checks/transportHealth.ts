// A reset, timeout or over-long body is a finding about the target, not a
// harness crash (README "Standards": a hostile target is a finding).
import { flat } from '../oracle/predict.ts';
import type { Check } from './check.ts';

export const transportHealth: Check = ({ exchange, prediction }) => {
  const primary = flat(prediction.expected)[0]!;
  if (exchange.transportError) {
    const { code, message } = exchange.transportError;
    return { check: 'transport', rule: primary.rule, strength: 'must', severity: 'failure', summary: `No answer: ${code} (${message})` };
  }
  if (exchange.response?.truncated) {
    return { check: 'transport', rule: primary.rule, strength: 'must', severity: 'failure', summary: 'Response body over the harness limit (1 MiB); cut' };
  }
  return undefined;
};
