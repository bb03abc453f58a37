// The lifecycle (create, get, list, update, delete, and the 404s after) per
// vendor x container against the target.
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, scenarios } from '../src/runner/lifecycle.ts';
import { atLeastOneCase, describeFailures, openTarget, type Target } from './target.ts';

let target: Target;
beforeAll(async () => { target = await openTarget('lifecycle'); });
afterAll(async () => { await target.close(); });

describe('lifecycle per vendor and container', () => {
  it.each(scenarios('x').map((s) => [`${s.vendor} in ${s.container}`, s.vendor, s.container] as const))('%s', async (_name, vendor, container) => {
    await allure.epic('lifecycle');
    await allure.feature(container);
    await allure.story(vendor);
    const s = scenarios(target.session.ctx.namePrefix).find((x) => x.vendor === vendor && x.container === container)!;
    const before = target.session.findings.length;
    let sent = 0;
    await runScenario(s, target.session.ctx.namePrefix, { authorization: `Bearer ${target.session.ctx.token}` }, async (req, meta) => { sent++; return (await target.session.exec(req, { boundary: false, ...meta })).ex; });
    atLeastOneCase(`${vendor} in ${container}`, sent);
    expect(describeFailures(target.session, before)).toEqual([]);
  });
});
