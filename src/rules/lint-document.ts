/**
 * Checking one parsed document: each rule that applies runs once, findings become diagnostics
 * (severity from config, message template filled), a crash is isolated, disable comments apply.
 */
import type { SpecDocument } from '../model/types.js';
import { RULES } from './all.js';
import { applyDirectives, findDirectives, unknownDirectiveRules } from './disable.js';
import { DIRECTIVE_RULE_ID, ENGINE_RULES, formatMessage, INTERNAL_RULE_ID } from './meta.js';
import type { Resolve, RuleSetting } from './severity.js';
import type { Finding, LintDiagnostic, Rule, RuleContext, RuleMeta } from './types.js';

/** The `disable-directive` pseudo-rule, resolved like a rule so that config can turn it off. */
export const DIRECTIVE_RULE: Rule = {
  meta: ENGINE_RULES.find((r) => r.id === DIRECTIVE_RULE_ID) as RuleMeta,
  check: () => [],
};
const INTERNAL_META = ENGINE_RULES.find((r) => r.id === INTERNAL_RULE_ID) as RuleMeta;

/**
 * Every diagnostic of one document: each rule that applies to its kind and is not off runs once;
 * a rule that throws becomes one `internal` error and the others go on; disable comments are
 * applied; `{slot}`s in messages are filled. `resolve` gives each rule's setting (undefined: off),
 * including the `disable-directive` pseudo-rule. Sorted by position.
 */
export function lintDocument(
  doc: SpecDocument,
  ctx: Omit<RuleContext, 'options'>,
  resolve: Resolve,
  rules: readonly Rule[] = RULES,
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const kind = doc.kind.kind;
  // One context per distinct options object (most rules share the empty one).
  const contexts = new Map<object, RuleContext>();
  for (const rule of rules) {
    if (rule.meta.kinds && !rule.meta.kinds.includes(kind)) continue;
    const setting = resolve(rule.meta.id);
    if (!setting) continue;
    let ruleCtx = contexts.get(setting.options);
    if (!ruleCtx) {
      ruleCtx = { ...ctx, options: setting.options };
      contexts.set(setting.options, ruleCtx);
    }
    try {
      const findings = rule.check(doc, ruleCtx);
      if (!Array.isArray(findings)) throw new Error('check() did not return an array');
      const made = findings.map((f) => toDiagnostic(rule.meta, f, setting));
      for (const d of made) out.push(d);
    } catch (err) {
      out.push(crash(rule.meta.id, err, doc));
    }
  }
  const directives = findDirectives(doc);
  if (directives.length === 0) return sortDiagnostics(out);
  const kept = applyDirectives(out, directives);
  const directiveSetting = resolve(DIRECTIVE_RULE_ID);
  if (directiveSetting) {
    const known = new Set(rules.map((r) => r.meta.id));
    known.add(DIRECTIVE_RULE_ID);
    for (const f of unknownDirectiveRules(directives, known))
      kept.push(toDiagnostic(DIRECTIVE_RULE.meta, f, directiveSetting));
  }
  return sortDiagnostics(kept);
}

function toDiagnostic(meta: RuleMeta, f: Finding, setting: RuleSetting): LintDiagnostic {
  const template = meta.messages[f.messageId];
  if (template === undefined) throw new Error(`reported unknown messageId "${f.messageId}"`);
  const start = f.range?.start;
  const end = f.range?.end;
  if (typeof start?.offset !== 'number' || typeof end?.offset !== 'number' || end.offset < start.offset)
    throw new Error(`reported "${f.messageId}" without a valid range`);
  const d: LintDiagnostic = {
    ruleId: meta.id,
    messageId: f.messageId,
    severity: setting.explicit ? setting.severity : (f.severity ?? setting.severity),
    message: formatMessage(template, f.data),
    range: f.range,
  };
  if (f.note) d.note = f.note;
  // A rule that says it cannot fix must not: its fix is dropped rather than trusted.
  if (f.fix && meta.fixable) d.fix = f.fix;
  return d;
}

function crash(ruleId: string, err: unknown, doc: SpecDocument): LintDiagnostic {
  const error = err instanceof Error ? err.message : String(err);
  const frame = err instanceof Error ? err.stack?.split('\n').find((l) => /^\s+at /.test(l)) : undefined;
  const at = doc.posAt(0);
  const d: LintDiagnostic = {
    ruleId: INTERNAL_RULE_ID,
    messageId: 'ruleCrashed',
    severity: 'error',
    message: formatMessage(INTERNAL_META.messages.ruleCrashed as string, { rule: ruleId, error }),
    range: { start: at, end: at },
  };
  if (frame) d.note = `a bug in specwright; please report it (${frame.trim()})`;
  return d;
}

export function sortDiagnostics(list: LintDiagnostic[]): LintDiagnostic[] {
  return list.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
