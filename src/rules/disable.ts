/**
 * Inline disable comments, as ESLint and markdownlint have them:
 *
 *   <!-- specwright-disable rule-a, rule-b -->   off from here (no ids: every rule)
 *   <!-- specwright-enable rule-a -->            on again from here (no ids: every rule)
 *   <!-- specwright-disable-line rule-a -->      off on this line
 *   <!-- specwright-disable-next-line rule-a --> off on the next line
 *
 * Text after ` -- ` is a reason and ignored. A comment inside a code block or a code span is
 * an example, not a directive. Crashes (`internal`) are never silenced.
 */
import { codeSpans } from '../model/inline.js';
import { LineKind, scanBlocks } from '../model/scan.js';
import type { Range, SpecDocument } from '../model/types.js';
import { INTERNAL_RULE_ID } from './meta.js';
import type { Finding, LintDiagnostic } from './types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: string[];
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  /** 1-based lines of the comment's first and last character. */
  line: number;
  endLine: number;
  range: Range;
}

const MARKER = 'specwright-';
const DIRECTIVE = /<!--\s*specwright-(disable-next-line|disable-line|disable|enable)(?=\s|-->)([\s\S]*?)-->/g;

/** Every directive comment of a document, in order. Cheap when there is none (one indexOf). */
export function findDirectives(doc: SpecDocument): Directive[] {
  if (!doc.text.includes(MARKER)) return [];
  const out: Directive[] = [];
  let kinds: Uint8Array | undefined;
  for (const m of doc.text.matchAll(DIRECTIVE)) {
    const start = m.index;
    const end = start + m[0].length;
    const startPos = doc.posAt(start);
    const endPos = doc.posAt(end);
    kinds ??= scanBlocks(doc.text).kinds;
    const lineKind = kinds[startPos.line - 1];
    if (lineKind === LineKind.Code || lineKind === LineKind.Fence) continue;
    const lineStart = start - (startPos.column - 1);
    const lineEnd = doc.text.indexOf('\n', lineStart);
    const line = doc.text.slice(lineStart, lineEnd < 0 ? doc.text.length : lineEnd);
    if (codeSpans(line).some(([s, e]) => startPos.column - 1 >= s && startPos.column - 1 < e)) continue;
    const body = (m[2] ?? '').split(/\s--\s|\s--$/)[0] ?? '';
    out.push({
      kind: m[1] as DirectiveKind,
      rules: body.split(/[\s,]+/).filter(Boolean),
      start,
      end,
      line: startPos.line,
      endLine: endPos.line,
      range: { start: startPos, end: endPos },
    });
  }
  return out;
}

/** Which rules are off at a point of a sweep through the document's block directives. */
class DisableState {
  private all = false;
  /** Rules back on while `all` is set. */
  private readonly except = new Set<string>();
  /** Rules off while `all` is not set. */
  private readonly some = new Set<string>();

  apply(d: Directive): void {
    const on = d.kind === 'enable';
    if (d.rules.length === 0) {
      this.all = !on;
      this.except.clear();
      this.some.clear();
      return;
    }
    for (const id of d.rules) {
      if (this.all) {
        if (on) this.except.add(id);
        else this.except.delete(id);
      } else if (on) this.some.delete(id);
      else this.some.add(id);
    }
  }

  disabled(id: string): boolean {
    return this.all ? !this.except.has(id) : this.some.has(id);
  }
}

/**
 * Drop the diagnostics the directives silence, and any that lie inside a directive comment itself
 * (a comment is not a placeholder). Crashes are always kept. Order is kept.
 */
export function applyDirectives(
  diagnostics: readonly LintDiagnostic[],
  directives: readonly Directive[],
): LintDiagnostic[] {
  if (directives.length === 0) return [...diagnostics];
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  const lineOff = new Map<number, Directive[]>();
  for (const d of directives) {
    const line = d.kind === 'disable-line' ? d.line : d.kind === 'disable-next-line' ? d.endLine + 1 : 0;
    if (line) lineOff.set(line, [...(lineOff.get(line) ?? []), d]);
  }
  const order = [...diagnostics.keys()].sort(
    (a, b) =>
      (diagnostics[a] as LintDiagnostic).range.start.offset -
      (diagnostics[b] as LintDiagnostic).range.start.offset,
  );
  const state = new DisableState();
  const keep = new Uint8Array(diagnostics.length);
  let next = 0;
  for (const i of order) {
    const diag = diagnostics[i] as LintDiagnostic;
    const at = diag.range.start.offset;
    while (next < blocks.length && (blocks[next] as Directive).start <= at)
      state.apply(blocks[next++] as Directive);
    if (diag.ruleId === INTERNAL_RULE_ID) {
      keep[i] = 1;
      continue;
    }
    if (directives.some((d) => at >= d.start && diag.range.end.offset <= d.end)) continue;
    if (state.disabled(diag.ruleId)) continue;
    const onLine = lineOff.get(diag.range.start.line);
    if (onLine?.some((d) => d.rules.length === 0 || d.rules.includes(diag.ruleId))) continue;
    keep[i] = 1;
  }
  return diagnostics.filter((_, i) => keep[i]);
}

/** A finding (for the `disable-directive` pseudo-rule) for each rule id a directive names that is not known. */
export function unknownDirectiveRules(
  directives: readonly Directive[],
  known: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  for (const d of directives)
    for (const rule of d.rules)
      if (!known.has(rule))
        out.push({
          messageId: 'unknownRule',
          data: { rule, directive: `specwright-${d.kind}` },
          range: d.range,
        });
  return out;
}
