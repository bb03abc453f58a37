// The test suite's own temp folder: every test (and every process a test
// starts) sees it as the OS temp folder, and it is removed after the run, so
// `npm test` leaves nothing in /tmp whatever a test forgets.
//
// vitest runs a global setup once per project, in one process: the first one
// makes the folder and the others reuse it. Nesting one per project made
// paths long enough (five levels) that Chromium's singleton socket path
// passed the 108-byte limit of a Unix socket and the browser test aborted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const PREFIX = 'mfa-conformance-tests-';

export default function setup(): () => void {
  if (basename(tmpdir()).startsWith(PREFIX)) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  process.env['TMPDIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
