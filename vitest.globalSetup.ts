// The test suite's own temp folder: every test (and every process a test
// starts) sees it as the OS temp folder, and it is removed after the run, so
// `npm test` leaves nothing in /tmp whatever a test forgets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-conformance-tests-'));
  process.env['TMPDIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
