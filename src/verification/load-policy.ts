import fs from "node:fs";
import { isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { normaliseActionName } from "./action-name.ts";
import { canonicalHash, closest } from "./canonical-hash.ts";
import { structuralConflicts } from "./policy-conflicts.ts";
import { compileExpression, ExpressionTypeError, typeOf, type TypeEnvironment, type Value } from "./expression.ts";
import type { Effect, Policy, PolicyRule, StateVariable } from "./policy.ts";
import type { Expression, ValueType } from "./property-ast.ts";
import { LexError } from "./property-lexer.ts";
import { parseExpression, parseProperty, PropertySyntaxError } from "./property-parser.ts";
import { PolicyError, PolicyInconsistentError } from "./policy-error.ts";
import { policyFileSchema, type PolicyFile } from "./policy-schema.ts";

/** A PolicyError location plus the column where a scalar's text starts. */
interface Where {
  file: string;
  line: number;
  column: number;
  textColumn: number;
  rule?: string;
}

interface SourcePosition {
  line: number;
  column: number;
}

/** Where a YAML path starts in the source, and where a scalar's text starts (after its opening quote). */
function locate(document: Document, lines: LineCounter, source: string, path: ReadonlyArray<string | number>): SourcePosition & { textColumn: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) {
      const position = lines.linePos(range[0]);
      const quoted = isScalar(node) && (source[range[0]] === '"' || source[range[0]] === "'");
      return { line: position.line, column: position.col, textColumn: position.col + (quoted ? 1 : 0) };
    }
  }
  return { line: 1, column: 1, textColumn: 1 };
}

/** Turns a ValueType-bearing state declaration into the type the checker uses. */
function stateTypeOf(spec: PolicyFile["state"][string]): ValueType {
  return spec.type === "enum" ? { kind: "enum", values: spec.values } : { kind: spec.type };
}

/**
 * Parses and type-checks a policy. Every error names the file, line and column, quotes the rule with a
 * caret under the bad token, and says how to fix it.
 *
 * @example
 * const policy = parsePolicyText(fs.readFileSync("policies/support.yaml", "utf8"), "policies/support.yaml");
 */
export function parsePolicyText(source: string, file = "<policy>"): Policy {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    const position = lines.linePos(yamlError.pos[0]);
    throw new PolicyError({ file, line: position.line, column: position.col }, `not valid YAML: ${yamlError.message.split("\n")[0] ?? ""}`, "fix the YAML syntax at this position");
  }
  const parsed = policyFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((part): part is string | number => typeof part !== "symbol");
    const where = locate(document, lines, source, path);
    throw new PolicyError({ file, line: where.line, column: where.column }, `${path.join(".") || "(top level)"}: ${issue?.message ?? "invalid"}`, "see policies/support.yaml for the expected shape");
  }
  const spec = normaliseNames(parsed.data);
  const at = (path: ReadonlyArray<string | number>, rule?: string): Where => {
    const where = locate(document, lines, source, path);
    return { file, line: where.line, column: where.column, textColumn: where.textColumn, rule };
  };

  const state: Record<string, StateVariable> = {};
  for (const [name, variable] of Object.entries(spec.state)) {
    if (variable.type === "enum" && !variable.values.includes(variable.initial)) {
      const where = at(["state", name, "initial"]);
      throw new PolicyError(where, `state.${name}.initial "${variable.initial}" is not one of its values`, `use one of ${variable.values.join(", ")}`);
    }
    state[name] = { type: stateTypeOf(variable), initial: variable.initial };
  }
  const stateTypes = Object.fromEntries(Object.entries(state).map(([name, variable]) => [name, variable.type]));
  const argumentTypes = Object.fromEntries(
    Object.entries(spec.arguments).map(([action, args]) => [action, Object.fromEntries(Object.entries(args).map(([name, kind]) => [name, { kind } as ValueType]))]),
  );
  // With an allow-list, the actions that exist are the allowed and the forbidden ones: a name anywhere else that
  // is neither (`critical_actions: [refund_over_500]`) is a typo, not a new action.
  const declared = new Set([...spec.allowed_actions, ...spec.forbidden_actions]);
  const actions = spec.allowed_actions.length > 0 ? declared : new Set([...declared, ...spec.critical_actions, ...Object.keys(spec.arguments), ...Object.keys(spec.effects)]);
  const factTypes = Object.fromEntries(Object.entries(spec.facts).map(([name, kind]) => [name, { kind } as ValueType]));
  const environmentFor = (action: string | undefined, text = false): TypeEnvironment => ({
    state: stateTypes,
    args: action === undefined ? undefined : (argumentTypes[action] ?? {}),
    facts: factTypes,
    text,
    actions,
  });

  const checkAction = (action: string, offset: number, where: Where) => {
    if (actions.has(action)) return;
    // `refund_over_500` is an action with a condition folded into its name: point at the action and the rule form.
    const prefix = [...actions].filter((known) => action.startsWith(`${known}_`)).sort((left, right) => right.length - left.length)[0];
    const guess = closest(action, actions) ?? prefix;
    throw new PolicyError(
      { ...where, column: where.textColumn + offset },
      `unknown action "${action}"`,
      guess === undefined
        ? "list it under allowed_actions or forbidden_actions"
        : `did you mean "${guess}"?${guess === prefix ? ` For a condition on its arguments write a rule such as \`approve ${guess} when arg.amount > 500\`.` : ""}`,
    );
  };
  spec.critical_actions.forEach((action, index) => checkAction(action, 0, at(["critical_actions", index], action)));
  for (const action of Object.keys(spec.arguments)) checkAction(action, 0, at(["arguments", action], action));
  for (const action of Object.keys(spec.effects)) checkAction(action, 0, at(["effects", action], action));
  const checked = (expression: Expression, environment: TypeEnvironment, where: Where, expected: ValueType["kind"]) => {
    try {
      const type = typeOf(expression, environment);
      const stringLike = (kind: ValueType["kind"]) => kind === "string" || kind === "enum";
      if (type.kind !== expected && !(stringLike(expected) && stringLike(type.kind))) {
        throw new ExpressionTypeError(expression.offset, `expected a ${expected} here, got ${type.kind}`, expected === "bool" ? "write a condition such as `x == 1`" : `write a ${expected} value`);
      }
      return compileExpression(expression, environment);
    } catch (error) {
      if (error instanceof ExpressionTypeError) throw new PolicyError({ ...where, column: where.textColumn + error.offset }, error.problem, error.fix);
      throw error;
    }
  };

  const rules: PolicyRule[] = [];
  spec.properties.forEach((text, index) => {
    const where = at(["properties", index], text);
    let property;
    try {
      property = parseProperty(text);
    } catch (error) {
      if (error instanceof PropertySyntaxError) throw new PolicyError({ ...where, column: where.textColumn + error.offset }, error.problem, error.fix);
      if (error instanceof LexError) throw new PolicyError({ ...where, column: where.textColumn + error.offset }, error.message, "quote strings with \" and use only the operators == != < <= > >= + - and or not");
      throw error;
    }
    const rule: PolicyRule = { id: `properties[${index}]`, text, line: where.line, property };
    if (property.kind !== "always" && property.kind !== "answer") checkAction(property.action, property.actionOffset, where);
    if (property.kind === "at_most" && property.scope !== undefined && !(property.scope.fact in factTypes)) {
      const fact = property.scope.fact;
      const guess = closest(fact, Object.keys(factTypes)) ?? Object.keys(factTypes).find((name) => name.startsWith(fact) || fact.startsWith(name));
      throw new PolicyError(
        { ...where, column: where.textColumn + property.scope.offset },
        `unknown fact "${property.scope.fact}"`,
        guess === undefined ? `declare it under facts: (e.g. ${property.scope.fact}: string), set by trusted code with setThreadFact()` : `did you mean "${guess}"?`,
      );
    }
    if (property.kind === "before" || property.kind === "approve") rule.condition = checked(property.condition, environmentFor(property.action), where, "bool");
    if (property.kind === "always") rule.condition = checked(property.condition, environmentFor(undefined), where, "bool");
    if (property.kind === "answer") rule.condition = checked(property.condition, environmentFor(undefined, true), where, "bool");
    rules.push(rule);
  });

  const effects: Record<string, Effect[]> = {};
  for (const [action, assignments] of Object.entries(spec.effects)) {
    effects[action] = Object.entries(assignments).map(([variable, raw]) => {
      const where = at(["effects", action, variable], String(raw));
      const target = state[variable];
      if (target === undefined) throw new PolicyError(where, `effect on unknown state variable "${variable}"`, `declare ${variable} under state: or use one of ${Object.keys(state).join(", ")}`);
      const expression = effectExpression(raw, target, where);
      return { variable, expression, evaluate: checked(expression, environmentFor(action), where, target.type.kind) };
    });
  }

  const policy: Policy = {
    file,
    name: spec.name,
    hash: canonicalHash(spec),
    allowed: new Set(spec.allowed_actions),
    forbidden: new Set(spec.forbidden_actions),
    critical: new Set(spec.critical_actions),
    actions,
    safety: spec.safety,
    state,
    facts: factTypes,
    arguments: argumentTypes,
    effects,
    rules,
  };
  // The parts of the consistency check that need no solver run at every load (checkPolicyConsistency adds z3's).
  const conflicts = structuralConflicts(policy);
  if (conflicts.length > 0) throw new PolicyInconsistentError(file, conflicts);
  return policy;
}

/** Action names in their one normalised form (see action-name.ts), everywhere the file names one. */
function normaliseNames(spec: PolicyFile): PolicyFile {
  const keys = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([name, value]) => [normaliseActionName(name), value]));
  return {
    ...spec,
    allowed_actions: spec.allowed_actions.map(normaliseActionName),
    forbidden_actions: spec.forbidden_actions.map(normaliseActionName),
    critical_actions: spec.critical_actions.map(normaliseActionName),
    arguments: keys(spec.arguments),
    effects: keys(spec.effects),
  };
}

/** An effect's value: a literal, an enum's bare value (`locked`), or an expression. */
function effectExpression(raw: string | number | boolean, target: StateVariable, where: Where): Expression {
  if (typeof raw !== "string") return { kind: "literal", value: raw as Value, offset: 0 };
  if (target.type.kind === "enum" && target.type.values.includes(raw)) return { kind: "literal", value: raw, offset: 0 };
  try {
    return parseExpression(raw);
  } catch (error) {
    if (error instanceof PropertySyntaxError) throw new PolicyError({ ...where, column: where.textColumn + error.offset }, error.problem, error.fix);
    if (error instanceof LexError) throw new PolicyError({ ...where, column: where.textColumn + error.offset }, error.message, "write an expression such as `refunded_total + arg.amount`");
    throw error;
  }
}

/** Reads a policy file's text; a read error names the path. */
export function readPolicySource(path: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (error) {
    throw new PolicyError({ file: path, line: 1, column: 1 }, `cannot read the policy file (${(error as Error).message})`, "check the path in verification.policy");
  }
}

/** Reads and parses a policy file; errors carry its path. */
export function loadPolicyFile(path: string): Policy {
  return parsePolicyText(readPolicySource(path), path);
}
