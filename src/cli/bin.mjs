#!/usr/bin/env node
// npm `bin` entry: runs the TypeScript CLI through tsx's loader, so
// `npx mfa-conformance <command>` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
