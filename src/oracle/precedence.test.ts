// The precedence table itself (steps.ts), the evaluation's bookkeeping
// (evaluation.ts) and how predict() folds the paths into expected,
// tolerated and miss (predict.ts).
import { describe, expect, it } from 'vitest';
import type { ApiRequest, Outcome } from '../spec/types.ts';
import type { Chooser } from './choices.ts';
import { DEFAULT_TOKENS, defaultOracleConfig } from './config.ts';
import { claimedFields, Evaluation } from './evaluation.ts';
import { outcomeOf } from './outcome.ts';
import { parseRequest } from './parseRequest.ts';
import { conformingChains, flat, predict } from './predict.ts';
import { indexState } from './stateView.ts';
import { STEPS } from './steps.ts';

const RW = { authorization: 'Bearer dev-token' };
const JSONH = { ...RW, 'content-type': 'application/json' };
const valid = { name: 'n1', mfa_cert_profile: 'cp', folder: 'F' };
const post = (body: string, headers: Record<string, string> = JSONH): ApiRequest => ({ method: 'POST', path: '/mfa-servers', headers, body });
const first: Chooser = { choose: (_p, _k, options) => options[0]! };
const evaluation = (req: ApiRequest): Evaluation => new Evaluation(parseRequest(req), indexState([]), defaultOracleConfig, first);

describe('STEPS', () => {
  it('is semantics.md\'s precedence, in order', () => {
    expect(STEPS.map((s) => s.name)).toStrictEqual(['auth', 'route', 'permission', 'content-type', 'accept', 'payload-size', 'list', 'missing-body', 'parse-body', 'body-rules', 'exists', 'move', 'uniqueness', 'success']);
    expect(Object.isFrozen(STEPS)).toBe(true);
  });
});

describe('the default configuration', () => {
  it('the reference server\'s tokens, the default profile', () => {
    expect(DEFAULT_TOKENS).toStrictEqual({ tokens: ['dev-token'], readOnlyTokens: ['dev-read-only-token'], expiredTokens: ['dev-expired-token'] });
    expect(defaultOracleConfig).toStrictEqual({ ...DEFAULT_TOKENS, profile: 'default' });
    expect(Object.isFrozen(defaultOracleConfig)).toBe(true);
  });
});

describe('Evaluation', () => {
  const o = (strength: Outcome['strength']): Outcome => ({ ...outcomeOf('format.content-type'), strength });
  it('the floor: the strongest outcome pushed, open while none is should or must', () => {
    const e = evaluation(post('{}'));
    expect(e.floor).toBe('open');
    e.push(o('open'));
    expect(e.floor).toBe('open');
    e.push(o('should'));
    expect(e.floor).toBe('should');
    e.push(o('open'));
    expect(e.floor).toBe('should');
    e.push(o('must'));
    expect(e.floor).toBe('must');
    e.push(o('should'));
    expect(e.floor).toBe('must');
    expect(e.chain.map((x) => x.strength)).toStrictEqual(['open', 'should', 'open', 'must', 'should']);
  });
  it('a must success after a capped should point counts as should', () => {
    const e = evaluation(post('{}'));
    e.capSuccess = true;
    e.push(o('must'), true);
    expect(e.floor).toBe('should');
    const f = evaluation(post('{}'));
    f.capSuccess = true;
    f.push(o('must'));
    expect(f.floor).toBe('must');
    const g = evaluation(post('{}'));
    g.push(o('must'), true);
    expect(g.floor).toBe('must');
  });
  it('claim keeps the first rule; raise; write for POST and PUT only', () => {
    const e = evaluation(post('{}'));
    expect(e.claimed).toBeUndefined();
    e.claim('a');
    e.claim('b');
    expect(e.claimed).toBe('a');
    expect(e.raised).toBe(false);
    e.raise();
    expect(e.raised).toBe(true);
    expect(e.write).toBe(true);
    expect(evaluation({ ...post('{}'), method: 'PUT' }).write).toBe(true);
    expect(evaluation({ ...post('{}'), method: 'GET' }).write).toBe(false);
    expect(evaluation({ ...post('{}'), method: 'DELETE' }).write).toBe(false);
    expect(evaluation({ ...post('{}'), path: '/mfa-servers/x' }).route).toStrictEqual({ kind: 'item', id: 'x' });
  });
  it('claimedFields: the rule\'s id, basis and source', () => {
    const r = outcomeOf('uniqueness.case');
    expect(claimedFields('uniqueness.case')).toStrictEqual({ rule: r.rule, basis: r.basis, source: r.source });
  });
});

describe('predict', () => {
  it('one expected answer is given bare, more as anyOf', () => {
    expect('anyOf' in predict(post(JSON.stringify(valid))).expected).toBe(false);
    expect('anyOf' in predict(post(JSON.stringify({ ...valid, name: '' }))).expected).toBe(true);
  });
  it('the default configuration is the reference server\'s', () => {
    expect(flat(predict(post(JSON.stringify(valid), { ...JSONH, authorization: 'Bearer dev-expired-token' })).expected)[0]!.rule).toBe('auth.key-expired');
    expect(flat(predict(post(JSON.stringify(valid), { ...JSONH, authorization: 'Bearer dev-read-only-token' })).expected)[0]!.rule).toBe('permission.read-only');
  });
  it('the same answer on two paths is listed once; answers that differ by reading or by a body are kept apart', () => {
    // Bearer with an empty token: two answers, one 401 each.
    expect(flat(predict(post(JSON.stringify(valid), { ...JSONH, authorization: 'Bearer' })).expected)).toHaveLength(2);
    // A trailing slash: the redirect reading and the 404s are distinct answers.
    const slash = flat(predict({ method: 'GET', path: '/mfa-servers/?folder=F&position=pre', headers: RW }).expected);
    expect(slash.filter((x) => x.reading !== undefined)).toHaveLength(1);
    expect(new Set(slash.map((x) => `${x.status}|${x.code}|${x.message}|${x.rule}|${x.reading}|${x.object === undefined}`)).size).toBe(slash.length);
    // A name lookup: a bare object and the page are both 200 of one rule, kept apart by the object.
    const lookup = flat(predict({ method: 'GET', path: '/mfa-servers?folder=F&name=n1&position=pre', headers: RW }, [{ id: 'a', ...valid }]).expected);
    expect(lookup.map((x) => x.status)).toStrictEqual([200, 200]);
    // An answer expected on one path is not tolerated again on another.
    const p = predict(post(JSON.stringify({ ...valid, x: 1 })));
    expect(p.tolerated.some((t) => flat(p.expected).some((e) => e.status === t.status && e.rule === t.rule))).toBe(false);
  });
  it('miss: must when a conforming path holds a must, or a must stands on every reading; else should', () => {
    expect(predict(post(JSON.stringify(valid))).miss).toBe('must');
    expect(predict({ method: 'GET', path: '/nowhere', headers: RW }).miss).toBe('should');
    expect(predict(post('{')).miss).toBe('must');
  });
  it('tolerated: the later outcomes of conforming paths, every outcome of a deviating one', () => {
    const p = predict(post('', { 'content-type': 'text/plain' }));
    expect(flat(p.expected).map((x) => x.rule)).toStrictEqual(['auth.not-authenticated']);
    expect(p.tolerated.map((x) => x.rule)).toStrictEqual(['format.content-type', 'format.missing-body']);
  });
  it('conformingChains: every conforming path\'s chain, in precedence order', () => {
    expect(conformingChains(post('', { 'content-type': 'text/plain' })).map((c) => c.map((x) => x.rule))).toStrictEqual([['auth.not-authenticated', 'format.content-type', 'format.missing-body']]);
    expect(conformingChains(post(JSON.stringify({ ...valid, name: '' }))).map((c) => c.map((x) => `${x.status} ${x.rule}`))).toStrictEqual([['400 body.name.empty'], ['200 body.name.empty']]);
    expect(conformingChains(post(JSON.stringify({ ...valid, x: 1 }))).map((c) => c.map((x) => x.rule))).toStrictEqual([['body.unknown-key']]);
    expect(conformingChains(post(JSON.stringify(valid)), [], { ...defaultOracleConfig, tokens: ['other'] }).map((c) => c[0]!.rule)).toStrictEqual(['auth.invalid-credential']);
  });
});
