// One typed options table per command: parsed with node:util parseArgs,
// checked before the command does anything (a bad value names its flag), and
// the same table prints `<command> --help` (vitest node/cli/cli-config.ts is
// the model: the CLI is a table over a programmatic run()).
import { parseArgs } from 'node:util';
import { HarnessError } from './harnessError.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  default?: string | boolean;
  /** What the value looks like in --help: N, URL, FILE, NAME... */
  value?: string;
  /** One line for --help. */
  help: string;
  /** The environment variable read when the flag is absent (shown in --help). */
  env?: string;
  /** A heading the flag is listed under in --help. */
  group?: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec {
  name: string;
  summary: string;
  /** Lines after the usage line: what the command does, its exit codes. */
  about: string[];
  options: OptionTable;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? (S['multiple'] extends true ? boolean[] : boolean)
  : (S['multiple'] extends true ? string[] : string);
export type Values<T extends OptionTable> = { [K in keyof T]?: ValueOf<T[K]> } & { [K in keyof T as T[K]['default'] extends string | boolean ? K : never]-?: ValueOf<T[K]> };

/**
 * Parses argv against the table. A string flag's value may start with '-'
 * (`--runs -1` reads -1 and then fails the range check, instead of parseArgs'
 * "argument is ambiguous"). Misuse is a HarnessError naming the flag.
 */
export function parseOptions<T extends OptionTable>(spec: { name: string; options: T }, argv: string[]): Values<T> {
  return parse(spec, argv, false).values;
}

/** parseOptions for a command that also takes arguments that are not flags (`replay FILE`). */
export function parseWithPositionals<T extends OptionTable>(spec: { name: string; options: T }, argv: string[]): { values: Values<T>; positionals: string[] } {
  return parse(spec, argv, true);
}

function parse<T extends OptionTable>(spec: { name: string; options: T }, argv: string[], allowPositionals: boolean): { values: Values<T>; positionals: string[] } {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = /^--([^=]+)$/.exec(a)?.[1];
    const opt = name === undefined ? undefined : spec.options[name];
    const next = argv[i + 1];
    if (opt?.type === 'string' && next !== undefined && next.startsWith('-') && !isFlag(spec.options, next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: string | boolean }> = {};
  for (const [k, o] of Object.entries(spec.options)) {
    options[k] = { type: o.type, ...(o.multiple && { multiple: true }), ...(o.short && { short: o.short }), ...(o.default !== undefined && { default: o.default }) };
  }
  try {
    const r = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: r.values as Values<T>, positionals: r.positionals };
  } catch (e) {
    throw new HarnessError('BAD_FLAG', `${spec.name}: ${oneLine(e)} (see mfa-conformance ${spec.name} --help)`);
  }
}

function isFlag(options: OptionTable, arg: string): boolean {
  const name = /^--([^=]+)/.exec(arg)?.[1];
  if (name !== undefined) return Object.hasOwn(options, name) || name === 'help';
  return /^-[A-Za-z]$/.test(arg);
}

function oneLine(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  return msg.replace(/^Unknown option '([^']+)'.*$/, 'unknown flag $1').replace(/\. To specify a positional argument.*$/, '');
}

/** `<command> --help` from the table. */
export function helpText(spec: CommandSpec): string {
  const lines = [`usage: mfa-conformance ${spec.name} [options]`, '', spec.summary, ...spec.about.map((l) => l), ''];
  const groups = new Map<string, Array<[string, OptionSpec]>>();
  for (const [k, o] of Object.entries(spec.options)) {
    const g = o.group ?? 'options';
    groups.set(g, [...(groups.get(g) ?? []), [k, o]]);
  }
  for (const [g, entries] of groups) {
    lines.push(`${g}:`);
    for (const [k, o] of entries) {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
      const extra = [o.multiple ? 'repeatable' : '', o.default !== undefined && o.default !== false ? `default ${String(o.default)}` : '', o.env ? `or ${o.env}` : ''].filter(Boolean).join('; ');
      lines.push(`  ${flag.padEnd(30)} ${o.help}${extra ? ` (${extra})` : ''}`);
    }
    lines.push('');
  }
  lines.push('  -h, --help                     this text');
  return `${lines.join('\n')}\n`;
}

/** `--help` or `-h` among the arguments, not as a flag's value. */
export function wantsHelp(spec: { options: OptionTable }, argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return true;
    const name = /^--([^=]+)$/.exec(a)?.[1];
    if (name !== undefined && spec.options[name]?.type === 'string') i++;
  }
  return false;
}

/** An integer flag in min..max, or a one-line error naming the flag. */
export function intFlag(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new HarnessError('BAD_VALUE', `--${name} must be an integer in ${min}..${max}, not '${raw}'`);
  return Number(raw);
}

/** A duration flag: `90`, `90s`, `10m`, `1h` → ms. */
export function durationFlag(name: string, raw: string, maxMs = 7 * 24 * 3600_000): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(raw.trim());
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  const ms = m ? Number(m[1]) * unit[(m[2] ?? 's') as keyof typeof unit] : NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > maxMs) throw new HarnessError('BAD_VALUE', `--${name} must be a duration such as 90s, 10m or 1h, not '${raw}'`);
  return ms;
}
