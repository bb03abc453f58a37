// A reset, timeout or over-long body is a finding about the target, not a
// harness crash (transport/hostileTarget.test.ts). Where
// semantics.md lets a target refuse a request at its HTTP layer (a body over
// 64 KiB, a token near or over 8192 characters: Open points), a connection
// dropped instead of an answer is only a should deviation: servers that
// enforce a size limit often close the connection while the client writes.
import { param } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import { ruleOf, verdict, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

function refusableAtHttpLayer(req: ApiRequest): boolean {
  const body = req.body;
  const bytes = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (bytes > param('format.large-body', 'alwaysProcessedBytes')) return true;
  return (req.headers['authorization']?.length ?? 0) > param('auth.key-too-long', 'nearTokenLength');
}

export const transportHealth: Check = (input) => {
  const { exchange } = input;
  if (exchange.transportError) {
    const { code, message } = exchange.transportError;
    const strength = refusableAtHttpLayer(exchange.request) && code !== 'TIMEOUT' ? 'should' : 'must';
    return verdict('transport', ruleOf(input), strength, input.strict, `No answer: ${code} (${message})`, expectationOf(input, { kind: 'answer' }));
  }
  if (exchange.response?.truncated) {
    return { check: 'transport', rule: ruleOf(input), strength: 'must', severity: 'failure', summary: 'Response body over the harness limit (1 MiB); cut', expected: expectationOf(input, { kind: 'answer' }) };
  }
  return undefined;
};
