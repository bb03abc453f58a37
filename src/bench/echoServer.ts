// Baseline for the reference server: a bare node:http server that reads the
// body and answers it back as JSON. Prints "listening <url>" like `serve`.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8') || '{}';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address() as { port: number };
  process.stdout.write(`listening http://127.0.0.1:${addr.port}/config/identity/v1\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// Ends with the bench that started it (its IPC channel closes), however the bench ends.
process.on('disconnect', () => process.exit(0));
process.channel?.unref();
