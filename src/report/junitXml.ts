// junit.xml: one <testcase> per catalogue rule, for CI systems that only read
// JUnit. Counts derive from the same ConformanceDoc as conformance.json:
// tests = rules + harness-skipped tests; failures = failed rules;
// skipped = rules with no case + harness-skipped tests.
import type { ConformanceDoc, ConformanceRule } from './conformanceJson.ts';
import { escapeXml, oneLine } from './escape.ts';
import { operationLabel } from './ruleRows.ts';
import { stepLines } from './safeFinding.ts';

const a = (s: string | number): string => escapeXml(String(s), true);
const t = (s: string): string => escapeXml(s);

/** 4 KiB of a request or response, as the HTML page shows (conformance.json keeps 16 KiB). */
const cut = (text: string): string => (text.length <= 4096 ? text : `${text.slice(0, 4096)}\n… (${text.length - 4096} more characters in conformance.json)`);

function failureText(r: ConformanceRule): string {
  return r.counterexamples
    .map((c, i) => [
      `counterexample ${i + 1}: ${c.summary}`,
      `check: ${c.check}  seed: ${c.seed}${c.path !== undefined ? `  path: ${c.path}` : ''}`,
      ...(c.sequence ? ['--- steps', ...stepLines(c.sequence), '--- the failing step\'s request'] : ['--- request']), cut(c.request), '--- response', cut(c.response), '--- replay', c.replay,
    ].join('\n'))
    .join('\n\n');
}

function testcase(r: ConformanceRule): string {
  const open = `    <testcase classname="${a(operationLabel(r))}" name="${a(r.id)}" time="0">`;
  const props = `      <properties><property name="strength" value="${a(r.strength)}"/><property name="basis" value="${a(r.basis)}"/><property name="kind" value="${a(r.kind)}"/><property name="cases" value="${r.cases}"/><property name="boundaryCases" value="${r.boundaryCases}"/></properties>`;
  const body: string[] = [props];
  if (r.status === 'failed') {
    const first = r.counterexamples[0]?.summary ?? `${r.failed} failing case(s)`;
    body.push(`      <failure message="${a(oneLine(first))}" type="${a(r.counterexamples[0]?.check ?? 'conformance')}">${t(failureText(r))}</failure>`);
  } else if (r.status === 'not-exercised') {
    body.push('      <skipped message="not exercised"/>');
  } else if (r.status === 'warning') {
    body.push(`      <system-out>${t(`${r.warnings} warning(s) (${r.strength} rule)\n\n${failureText(r)}`)}</system-out>`);
  }
  return [open, ...body, '    </testcase>'].join('\n');
}

export function junitXml(doc: ConformanceDoc): string {
  const rt = doc.ruleTotals;
  const seconds = (doc.durationMs / 1000).toFixed(3);
  const ruleSuite = [
    `  <testsuite name="conformance rules" tests="${rt.rules}" failures="${rt.failed}" errors="0" skipped="${rt.notExercised}" time="${seconds}" timestamp="${a(doc.startedAt)}">`,
    '    <properties>',
    ...(doc.runId !== undefined ? [`      <property name="runId" value="${a(doc.runId)}"/>`] : []),
    `      <property name="target" value="${a(doc.target)}"/>`,
    `      <property name="seed" value="${doc.seed}"/>`,
    `      <property name="command" value="${a(doc.command)}"/>`,
    `      <property name="verdict" value="${doc.verdict}"/>`,
    `      <property name="exitCode" value="${doc.exitCode}"/>`,
    '    </properties>',
    ...doc.rules.map(testcase),
    '  </testsuite>',
  ];
  const skipped = doc.skipped.map((s) => `    <testcase classname="harness" name="${a(s.name)}" time="0">\n      <skipped message="${a(s.reason)}"/>\n    </testcase>`);
  const harnessSuite = [
    `  <testsuite name="harness" tests="${doc.skipped.length}" failures="0" errors="0" skipped="${doc.skipped.length}" time="0">`,
    ...skipped,
    '  </testsuite>',
  ];
  const tests = rt.rules + doc.skipped.length;
  const skippedTotal = rt.notExercised + doc.skipped.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${a(doc.tool.name)}" tests="${tests}" failures="${rt.failed}" errors="0" skipped="${skippedTotal}" time="${seconds}">`,
    ...ruleSuite,
    ...harnessSuite,
    '</testsuites>',
    '',
  ].join('\n');
}
