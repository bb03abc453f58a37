#!/usr/bin/env -S node --max-semi-space-size=32
// npm `bin` entry: runs the TypeScript CLI through tsx's loader, so
// `npx mfa-conformance <command>` works right after `npm install`.
// --max-semi-space-size=32 (MiB; also in package.json's scripts): a run
// allocates fast and briefly (generated values, responses, verdicts); with
// V8's default young generation a default run took ~17 scavenges, each
// promoting cases still in flight, and ~9 with a larger one (--trace-gc).
// Measured here, the harness spent ~20% less CPU per case with 32 to 128.
// 64 held a run against a target answering 20 MB bodies at ~300 MB RSS
// (the young generation filled to its 128 MB); 32 holds it at ~270 MB.
// The old generation grows by at most its live size between full GCs
// (--heap-growing-percent=100, set here so that `node src/cli/bin.mjs` gets
// it too; V8 reads it after every full GC): a long run promotes ~8 KB of
// in-flight cases per case and dies there, and V8's own factor (up to 4x
// on a machine with this much memory) let ~30 MB live grow to ~100 MB
// between full GCs. Measured here on 30,000-case runs: old space at most
// ~53 MB instead of ~94, RSS ~199 MB instead of ~249, 6 full GCs instead
// of 2 (~0.15 s in all).
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

setFlagsFromString('--heap-growing-percent=100');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
