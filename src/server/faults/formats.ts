// Faults in request/response formats and error bodies (semantics.md "Format
// checks", "Error envelope"; decisions.md "Formats").
import { fail, ok } from '../errors.ts';
import { byName, replaceByName } from '../pipeline.ts';
import type { Fault } from './types.ts';

function setMessage(id: string, message: string): Fault['apply'] {
  return (s) => {
    const def = s.errors[id];
    if (!def) throw new Error(`no error ${id}`);
    def.message = message;
  };
}

export const FORMAT_FAULTS: Record<string, Fault> = {
  'wrong-invalid-object-code': {
    kind: 'body-format',
    description: 'Invalid Object errors carry code E004 instead of E003.',
    apply: (s) => {
      const def = s.errors.invalid_object;
      if (def) def.code = 'E004';
    },
  },
  'wrong-invalid-object-message': {
    kind: 'body-format',
    description: 'Invalid Object errors say "Invalid Command".',
    apply: setMessage('invalid_object', 'Invalid Command'),
  },
  'missing-body-wrong-message': {
    kind: 'body-format',
    description: 'An empty POST/PUT body gets "Malformed Command" instead of "Missing Body".',
    apply: setMessage('missing_body', 'Malformed Command'),
  },
  'malformed-json-wrong-message': {
    kind: 'body-format',
    description: 'A body that is not JSON gets "Invalid Object" instead of "Malformed Command".',
    apply: setMessage('malformed_command', 'Invalid Object'),
  },
  'content-type-not-checked': {
    kind: 'body-format',
    description: 'POST/PUT with Content-Type text/plain (or none) is processed as JSON.',
    apply: (s) => replaceByName(s.steps, 'content-type', undefined),
  },
  'content-type-charset-rejected': {
    kind: 'body-format',
    description: 'Content-Type "application/json; charset=utf-8" is rejected (parameters must be ignored).',
    apply: (s) => {
      const prev = byName(s.steps, 'content-type');
      replaceByName(s.steps, 'content-type', {
        name: 'content-type',
        run: (ctx, srv) => {
          const ct = ctx.header('content-type');
          const isWrite = ctx.op === 'create' || ctx.op === 'update';
          return isWrite && ct?.includes(';') ? fail(srv, 'input_format_mismatch') : prev.run(ctx, srv);
        },
      });
    },
  },
  'accept-not-checked': {
    kind: 'body-format',
    description: 'Accept: application/xml is ignored and JSON is sent anyway.',
    apply: (s) => replaceByName(s.steps, 'accept', undefined),
  },
  'payload-limit-2mib': {
    kind: 'body-format',
    description: 'Bodies up to 2 MiB are processed instead of 413 past 1 MiB.',
    apply: (s) => {
      s.maxBodyBytes = 2 * 1024 * 1024;
    },
  },
  'no-request-id': {
    kind: 'body-format',
    description: 'Error envelopes lack _request_id.',
    apply: (s) => {
      s.response.requestId = false;
    },
  },
  'no-error-details': {
    kind: 'body-format',
    description: 'Error entries lack details (semantics.md: details is an object or a string).',
    apply: (s) => {
      s.response.errorDetails = false;
    },
  },
  'defaults-not-filled': {
    kind: 'body-format',
    description: 'Vendor defaults (timeout 30, base URIs) are not filled in the stored object.',
    apply: (s) => {
      s.response.fillDefaults = false;
    },
  },
  'create-returns-201': {
    kind: 'method',
    description: 'A successful create answers 201 instead of 200.',
    apply: (s) => {
      s.response.createStatus = 201;
    },
  },
  'empty-success-body': {
    kind: 'body-format',
    description: 'A successful GET of an item answers 200 with {} instead of the object.',
    apply: (s) => {
      const prev = byName(s.steps, 'execute');
      replaceByName(s.steps, 'execute', {
        name: 'execute',
        run: (ctx, srv) => (ctx.op === 'get' ? ok({}) : prev.run(ctx, srv)),
      });
    },
  },
};
