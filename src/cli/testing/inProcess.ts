// Test helper (not shipped logic): main() in this process, as bin.mjs calls
// it, with what it writes to stdout and stderr collected.
import { vi } from 'vitest';
import { main } from '../main.ts';

export async function inProcess(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err += String(c); return true; });
  try {
    return { status: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
