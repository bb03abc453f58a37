// Before fuzzing, a few probes that name the common mistakes (issue "Hostile,
// broken and misconfigured targets"): a token the target refuses, a base URL
// that serves nothing under /mfa-servers (the API prefix left out), a target
// that is not this API at all. Each is exit 2 with one line, never 75 rule
// failures. `run --no-preflight` skips them.
import type { ApiRequest } from '../spec/types.ts';
import type { Exchange } from '../runner/results.ts';
import { HarnessError } from './harnessError.ts';

export interface PreflightTarget {
  send(req: ApiRequest): Promise<Exchange>;
  urlOf(req: ApiRequest): string;
}

/** The probe lists a folder no one has, or one the user named as existing (a tenant may refuse unknown ones). */
const probePath = (c?: readonly [string, string]): string => `/mfa-servers?${c ? `${c[0]}=${encodeURIComponent(c[1])}` : 'folder=mfa-conformance-probe'}&position=pre`;

function errorMessage(body: string): string {
  try {
    const e = (JSON.parse(body) as { _errors?: Array<{ code?: unknown; message?: unknown }> } | null)?._errors?.[0];
    return [e?.code, e?.message].filter((x): x is string => typeof x === 'string').join(' ');
  } catch {
    return '';
  }
}

/** The list probe with each token the run was given (labels name them in the message, never their value). */
export async function preflight(t: PreflightTarget, tokens: Array<{ label: string; token: string }>, basePath: string, container?: readonly [string, string]): Promise<void> {
  for (const { label, token } of tokens) {
    const req: ApiRequest = { method: 'GET', path: probePath(container), headers: { authorization: `Bearer ${token}`, accept: 'application/json' } };
    const ex = await t.send(req);
    const where = `GET ${t.urlOf(req)}`;
    if (ex.transportError) throw new HarnessError('UNREACHABLE_TARGET', `${where} got no answer: ${ex.transportError.code} ${ex.transportError.message}`);
    const res = ex.response!;
    const ct = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const said = errorMessage(res.body);
    if (res.status === 404) {
      const hint = /\/config\/identity\/v1$/.test(basePath)
        ? (container ? '' : '; or the probe\'s folder does not exist on this tenant: name containers that do with --folder, --snippet or --device')
        : '; the base URL must include the API prefix, e.g. https://api.strata.paloaltonetworks.com/config/identity/v1';
      throw new HarnessError('TARGET_REFUSED', `nothing serves /mfa-servers under the base URL: ${where} answered 404${said ? ` ${said}` : ''}${hint}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new HarnessError('TARGET_REFUSED', `the ${label} is not accepted: ${where} answered ${res.status}${said ? ` ${said}` : ''}`);
    }
    if (res.body.length > 0 && ct !== 'application/json' && !/^\s*[{[]/.test(res.body)) {
      throw new HarnessError('NOT_THIS_API', `the target is not this API: ${where} answered ${res.status} ${ct || 'with no Content-Type'} (${JSON.stringify(res.body.slice(0, 40))}...), not JSON`);
    }
  }
}
