// Allure result files for a run driven outside vitest. The runner is not a
// test framework, so we drive allure-js-commons' ReporterRuntime ourselves
// (the supported SDK that allure-vitest uses too) with a FileSystemWriter:
// one Allure test per catalogue rule, one step per shrunk counterexample
// with its request, response and replay attached (already redacted: the
// input is a ConformanceDoc).
import { ContentType, LabelName, Stage, Status, type Label, type Parameter, type StatusDetails } from 'allure-js-commons';
import { FileSystemWriter, ReporterRuntime } from 'allure-js-commons/sdk/reporter';
import type { ConformanceDoc, ConformanceRule } from './conformanceJson.ts';
import { operationLabel } from './ruleRows.ts';
import { oneLine, showControls } from './escape.ts';

export interface AllureStep { name: string; status: Status; attachments: { name: string; content: string }[] }

export interface AllureTestSpec {
  name: string;
  fullName: string;
  status: Status;
  statusDetails: StatusDetails;
  labels: Label[];
  parameters: Parameter[];
  description: string;
  steps: AllureStep[];
}

/** Transport-only failures (no response at all) are "broken": the target, not the contract, is in doubt. */
function statusOf(r: ConformanceRule): Status {
  if (r.status === 'failed') return r.counterexamples.length > 0 && r.counterexamples.every((c) => c.check === 'transport') ? Status.BROKEN : Status.FAILED;
  if (r.status === 'not-exercised') return Status.SKIPPED;
  return Status.PASSED; // warnings pass; they carry the "warning" tag and a message
}

/** Each result names the run whose set it belongs to (a custom label; Allure shows it, history ignores it). */
function runIdLabel(doc: ConformanceDoc): Label[] {
  return doc.runId === undefined ? [] : [{ name: 'runId', value: doc.runId }];
}

export function allureTests(doc: ConformanceDoc): AllureTestSpec[] {
  const rules = doc.rules.map((r): AllureTestSpec => {
    const first = r.counterexamples[0];
    const message = r.status === 'not-exercised' ? 'not exercised' : first ? oneLine(first.summary) : undefined;
    return {
      name: r.id,
      fullName: `${doc.tool.name}:${r.id}`,
      status: statusOf(r),
      statusDetails: message === undefined ? {} : { message, ...(first ? { trace: showControls(first.replay) } : {}) },
      labels: [
        { name: LabelName.EPIC, value: r.operations.includes('all') ? 'all operations' : operationLabel(r) },
        { name: LabelName.FEATURE, value: r.kind },
        { name: LabelName.STORY, value: r.id },
        { name: LabelName.SEVERITY, value: r.strength === 'must' ? 'critical' : 'normal' },
        { name: LabelName.TAG, value: r.strength },
        { name: LabelName.TAG, value: `basis:${r.basis}` },
        ...(r.status === 'warning' ? [{ name: LabelName.TAG, value: 'warning' }] : []),
        ...(r.coverage.gap ? [{ name: LabelName.TAG, value: 'coverage-gap' }] : []),
        { name: LabelName.FRAMEWORK, value: doc.tool.name },
        ...runIdLabel(doc),
      ],
      // Excluded from the history id: a new seed must not make a rule a "new" test.
      parameters: [
        { name: 'seed', value: String(first?.seed ?? doc.seed), excluded: true },
        ...(first?.path !== undefined ? [{ name: 'fast-check path', value: first.path, excluded: true }] : []),
        { name: 'cases', value: `${r.cases} (${r.boundaryCases} boundary)`, excluded: true },
      ],
      description: `${r.description}\n\nfield: \`${r.field || '(request)'}\` · strength: ${r.strength} · basis: ${r.basis} · source: ${r.source}\n\n`
        + `cases ${r.cases}, boundary ${r.boundaryCases}, passed ${r.passed}, failed ${r.failed}, warnings ${r.warnings}`,
      steps: r.counterexamples.map((c, i) => ({
        name: `counterexample ${i + 1}: ${oneLine(c.summary)}`,
        status: c.severity === 'failure' ? Status.FAILED : Status.PASSED,
        attachments: [
          { name: 'request', content: showControls(c.request) },
          { name: 'response', content: showControls(c.response) },
          { name: 'replay', content: showControls(c.replay) },
        ],
      })),
    };
  });
  const skipped = doc.skipped.map((s): AllureTestSpec => ({
    name: s.name, fullName: `${doc.tool.name}:skipped:${s.name}`, status: Status.SKIPPED,
    statusDetails: { message: oneLine(s.reason) },
    labels: [{ name: LabelName.EPIC, value: 'harness' }, { name: LabelName.FRAMEWORK, value: doc.tool.name }, ...runIdLabel(doc)],
    parameters: [], description: s.reason, steps: [],
  }));
  return [...rules, ...skipped];
}

/**
 * Writes one result file per test (plus attachments and environment.properties)
 * into `dir`, which must be new (toolchain.md: Allure never cleans a results
 * folder, so stale results would mix in): writeReports gives a folder in the
 * run's own staging folder.
 */
export function writeAllureResults(doc: ConformanceDoc, dir: string): void {
  const runtime = new ReporterRuntime({
    writer: new FileSystemWriter({ resultsDir: dir }),
    environmentInfo: {
      ...(doc.runId !== undefined && { runId: doc.runId }),
      target: doc.target, seed: String(doc.seed), runs: String(doc.runs), strict: String(doc.strict),
      duration: `${(doc.durationMs / 1000).toFixed(1)} s`, verdict: doc.verdict, command: doc.command,
    },
  });
  const start = Date.parse(doc.startedAt) || Date.now();
  for (const t of allureTests(doc)) {
    const uuid = runtime.startTest({
      name: t.name, fullName: t.fullName, status: t.status, statusDetails: t.statusDetails, stage: Stage.FINISHED,
      labels: t.labels, parameters: t.parameters, description: t.description, start,
    });
    for (const s of t.steps) {
      const step = runtime.startStep(uuid, null, { name: s.name, status: s.status, stage: Stage.FINISHED, start });
      for (const a of s.attachments) runtime.writeAttachment(uuid, step, a.name, Buffer.from(a.content, 'utf8'), { contentType: ContentType.TEXT, fileExtension: '.txt' });
      if (step) runtime.stopStep(step, { stop: start });
    }
    // Per-rule time is not measured; a zero-length test at the run's start
    // keeps Allure from computing "now - startedAt" as its duration.
    runtime.stopTest(uuid, { stop: start });
    runtime.writeTest(uuid);
  }
  runtime.writeEnvironmentInfo();
}
