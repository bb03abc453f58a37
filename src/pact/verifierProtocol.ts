// What runVerifier.ts and verifierWorker.ts exchange. Kept apart from the
// worker, whose module body runs the verifier when imported.
import type { Containers } from './providerStates.ts';

export interface WorkerConfig {
  /** The target's base URL (with its API prefix) or the replay server's. */
  providerBaseUrl: string;
  /** Local pact files; ignored when `broker` is set. */
  pactUrls: string[];
  /** target: states and credentials through the target's API; replay: neither (contract check). */
  mode: 'target' | 'replay';
  token?: string;
  readOnlyToken?: string;
  containers?: Containers;
  prefix?: string;
  broker?: {
    url: string;
    token?: string;
    publish: boolean;
    providerVersion?: string;
    branch?: string;
  };
}

export const RESULT_MARK = '@@mfa-conformance-verifier ';
