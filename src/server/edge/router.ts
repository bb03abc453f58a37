// The outer router in front of the API handler (startServer.ts): the token
// endpoint and key set of `--oauth` at their own paths, then the rate limit of
// `--rate-limit` for everything that goes on to the API. Without either option
// the API handler is returned as it is.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server, ServerOptions } from '../types.ts';
import { RateLimiter, tooManyRequests } from './rateLimit.ts';
import { JWKS_PATHS, TOKEN_PATHS, TokenEndpoint } from './tokenEndpoint.ts';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function edgeRouter(s: Server, opts: ServerOptions, api: Listener): Listener {
  const tokens = s.oauth ? new TokenEndpoint(s.oauth, opts.oauth?.tokenConcurrency) : undefined;
  const limiter = opts.rateLimit === undefined ? undefined : new RateLimiter(opts.rateLimit, opts.clock);
  if (!tokens && !limiter) return api;
  const tokenPaths = new Set(TOKEN_PATHS);
  const jwksPaths = new Set(JWKS_PATHS);
  return (req, res) => {
    try {
      if (tokens) {
        const url = req.url ?? '';
        const q = url.indexOf('?');
        const path = q < 0 ? url : url.slice(0, q);
        if (tokenPaths.has(path)) return tokens.token(req, res, q < 0 ? '' : url.slice(q + 1));
        if (jwksPaths.has(path)) return tokens.jwks(req, res);
      }
      if (limiter) {
        const wait = limiter.take();
        if (wait !== undefined) {
          req.on('error', () => undefined);
          res.on('error', () => undefined);
          return tooManyRequests(res, wait);
        }
      }
    } catch {
      return void res.destroy();
    }
    api(req, res);
  };
}
