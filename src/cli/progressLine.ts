// A live progress line on runs over ~2 s: rewritten in place on a terminal,
// one plain line every 2 s otherwise (CI logs).
export function progressLine(out: NodeJS.WriteStream): { update(done: number, total: number, failures: number): void; done(): void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total, failures) {
      const now = Date.now();
      const every = out.isTTY ? 200 : 2_000;
      if (now - start < 2_000 || now - last < every) return;
      last = now;
      shown = true;
      const line = `[mfa-conformance] ${done}/${total} cases, ${failures} failing, ${((now - start) / 1000).toFixed(1)} s`;
      out.write(out.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
    },
    done() {
      if (shown && out.isTTY) out.write('\r\x1b[K');
    },
  };
}
