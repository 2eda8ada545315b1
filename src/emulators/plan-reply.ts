import type { JsonSchema } from "../output-modes/json-schema.ts";
import { COMPRESSED_MARKER, extractSchemaBlock, markedMode, RECONSTRUCT_MARKER, type OutputMode } from "../output-modes/protocol.ts";
import { parseShapeNotation } from "../output-modes/shape-notation-parse.ts";
import { promptText, userText, type ChatRequest, type ChatTool } from "./chat-request.ts";
import { breakJson, changeEnumValue, dropRequiredField, wrapInProse, type FidelityFault } from "./corrupt-answer.ts";
import type { Oracle } from "./oracle.ts";
import { resolveBehaviour, type EmulatorProfile, type ErrorMixSpec } from "./profile.ts";
import { plainReply, renderAnswer } from "./render-answer.ts";
import { requestDraws, textHash } from "./request-draws.ts";
import { summariseReply } from "./summarise.ts";
import { synthesiseValue } from "./synthesise-value.ts";
import { countTokens } from "./token-count.ts";

/** The output mode a request is in, as the stats report it; "tool" is an unforced tool call. */
export type RequestMode = OutputMode | "plain" | "tool";

/** Transport faults, in the order their probabilities are stacked on one draw. */
export const transportFaults = ["rateLimit", "serverError", "unavailable", "timeout", "droppedStream"] as const;
export type TransportFault = (typeof transportFaults)[number];

/** Everything a server needs to answer one request, decided up front so the answer is reproducible. */
export interface ReplyPlan {
  mode: RequestMode;
  fault?: TransportFault;
  fidelityFaults: FidelityFault[];
  /** The assistant's text ("" when it only calls a tool). */
  text: string;
  toolCall?: { name: string; arguments: unknown; argumentsText: string };
  promptTokens: number;
  completionTokens: number;
  firstTokenDelayMs: number;
  generationMs: number;
  errors: Pick<ErrorMixSpec, "retryAfterSeconds" | "timeoutMs">;
}

export interface PlanContext {
  profile: EmulatorProfile;
  seed: number;
  oracle: Oracle;
  /** How many times a request with this key was seen before (and counts this one). */
  occurrence: (key: string) => number;
}

interface Target {
  mode: RequestMode;
  schema?: JsonSchema;
  tool?: ChatTool;
  /** A value already decided (an unforced tool call's synthesised arguments). */
  value?: unknown;
  reply?: string;
}

/**
 * Decides the answer to a request: which mode it is in, whether a transport fault hits it, the value
 * (oracle, else synthesised), the structural faults, and the timing. Draws come from a hash of (seed,
 * provider, model, mode, prompt, occurrence), so the same run repeats even with concurrent requests.
 */
export function planReply(request: ChatRequest, context: PlanContext): ReplyPlan {
  const user = userText(request);
  const target = chooseTarget(request, user, context.oracle);
  const outputMode = target.mode === "plain" || target.mode === "tool" ? undefined : target.mode;
  const behaviour = resolveBehaviour(context.profile, request.provider, request.model, outputMode);
  const prompt = promptText(request);
  const key = [request.provider, request.model, target.mode, textHash(prompt)].join("|");
  const next = requestDraws([context.seed, key, context.occurrence(key)]);

  const faultDraw = next();
  let cumulative = 0;
  let fault: TransportFault | undefined;
  for (const kind of transportFaults) {
    cumulative += behaviour.errors[kind];
    if (faultDraw < cumulative) {
      fault = kind;
      break;
    }
  }
  const jitter = (next() * 2 - 1) * behaviour.latency.jitterMs;
  const faultDraws = { wrongValue: [next(), next()], missingField: [next(), next()], extraProse: [next()], brokenJson: [next(), next()], proseFirst: next() };
  const fidelity = behaviour.fidelity;
  const fidelityFaults: FidelityFault[] = [];
  let text = target.reply ?? "";
  let toolCall: ReplyPlan["toolCall"];

  if (target.reply === undefined) {
    const schema = target.schema;
    // Seeded by the prompt alone, so one request asked in several modes gets the same synthesised answer.
    const valueDraws = requestDraws([context.seed, "value", textHash(user)]);
    let value = target.value ?? context.oracle(user, schema) ?? (schema === undefined ? { answer: plainReply(user) } : synthesiseValue(schema, { random: valueDraws }));
    let droppedKey: string | undefined;
    const structured = outputMode !== undefined;
    if (structured && schema !== undefined && (faultDraws.wrongValue[0] as number) < fidelity.wrongValue) {
      value = changeEnumValue(schema, value, faultDraws.wrongValue[1] as number);
      fidelityFaults.push("wrongValue");
    }
    if (structured && (faultDraws.missingField[0] as number) < fidelity.missingField) {
      const dropped = dropRequiredField(schema ?? {}, value, faultDraws.missingField[1] as number);
      if (dropped.droppedKey !== undefined) {
        value = dropped.value;
        droppedKey = dropped.droppedKey;
        fidelityFaults.push("missingField");
      }
    }
    const asToolCall = target.tool !== undefined;
    // Gemini and Ollama carry tool arguments as objects: there is no text to break or wrap.
    const textFaults = structured && (!asToolCall || request.provider === "openai");
    let rendered = renderAnswer(outputMode ?? "emit", schema, value, { droppedKey, proseFirst: faultDraws.proseFirst < 0.3 });
    if (textFaults && !asToolCall && (faultDraws.extraProse[0] as number) < fidelity.extraProse) {
      rendered = wrapInProse(rendered, outputMode !== "reconstruct");
      fidelityFaults.push("extraProse");
    }
    if (textFaults && (faultDraws.brokenJson[0] as number) < fidelity.brokenJson) {
      rendered = breakJson(rendered, faultDraws.brokenJson[1] as number);
      fidelityFaults.push("brokenJson");
    }
    if (target.tool !== undefined) {
      toolCall = { name: target.tool.name, arguments: value, argumentsText: rendered };
      text = "";
    } else {
      text = rendered;
    }
  }

  const completionTokens = Math.max(1, countTokens(text) + countTokens(toolCall?.argumentsText ?? ""));
  return {
    mode: target.mode,
    fault,
    fidelityFaults,
    text,
    toolCall,
    promptTokens: countTokens(prompt),
    completionTokens,
    firstTokenDelayMs: Math.max(0, behaviour.latency.ttftMs + jitter),
    generationMs: (completionTokens / behaviour.latency.tokensPerSecond) * 1000,
    errors: { retryAfterSeconds: behaviour.errors.retryAfterSeconds, timeoutMs: behaviour.errors.timeoutMs },
  };
}

function chooseTarget(request: ChatRequest, user: string, oracle: Oracle): Target {
  if (request.structured !== undefined) return { mode: "emit", schema: request.structured.schema };
  const { toolChoice, tools } = request;
  if (tools.length > 0 && (toolChoice.kind === "named" || toolChoice.kind === "required")) {
    const tool = toolChoice.kind === "named" ? (tools.find((candidate) => candidate.name === toolChoice.name) ?? tools[0]) : tools[0];
    return { mode: "emit", schema: tool?.parameters, tool };
  }
  const summary = summariseReply(request);
  if (summary !== undefined) return { mode: "plain", reply: summary };
  const everything = `${request.system}\n${user}`;
  const marked = markedMode(request.system) ?? markedMode(everything);
  if (marked !== undefined) {
    // The schema as the prompt states it: the compact notation after the marker (or an older client's JSON block).
    const marker = marked === "compressed" ? COMPRESSED_MARKER : RECONSTRUCT_MARKER;
    const schema = extractSchemaBlock(request.system) ?? parseShapeNotation(request.system, marker) ?? extractSchemaBlock(everything) ?? parseShapeNotation(everything, marker);
    return { mode: marked, schema };
  }
  if (tools.length > 0 && toolChoice.kind !== "none") {
    const last = request.turns.at(-1);
    if (last?.role === "tool") return { mode: "plain", reply: `The tool returned: ${last.text.slice(0, 200)}` };
    const lastUser = [...request.turns].reverse().find((turn) => turn.role === "user")?.text ?? "";
    const named = tools.find((tool) => namesTool(lastUser, tool.name));
    if (named !== undefined) {
      // "Extract ..." names an `extract` tool: a prompt the oracle knows still gets the oracle's answer.
      if (oracle(user, named.parameters) !== undefined) return { mode: "emit", tool: named, schema: named.parameters };
      const value = named.parameters === undefined ? {} : synthesiseValue(named.parameters, { stringHint: properNoun(lastUser) });
      return { mode: "tool", tool: named, schema: named.parameters, value };
    }
    // A single tool and a prompt the oracle knows: the client is asking for structured output by tool
    // (Ollama's functionCalling method cannot force the call).
    const only = tools.length === 1 ? tools[0] : undefined;
    if (only !== undefined && oracle(user, only.parameters) !== undefined) return { mode: "emit", tool: only, schema: only.parameters };
  }
  return { mode: "plain", reply: plainReply(request.turns.filter((turn) => turn.role === "user").at(-1)?.text ?? "") };
}

const toolVerbs = new Set(["get", "set", "fetch", "find", "lookup", "search", "list", "create", "run", "call"]);

/** A prompt names a tool by its name, its name with spaces, or all its non-verb words ("weather" for get_weather). */
function namesTool(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  const words = name.split(/[_\-\s]+|(?<=[a-z])(?=[A-Z])/).filter((word) => word !== "").map((word) => word.toLowerCase());
  if (lower.includes(name.toLowerCase()) || lower.includes(words.join(" "))) return true;
  const content = words.filter((word) => !toolVerbs.has(word) && word.length > 2);
  return content.length > 0 && content.every((word) => new RegExp(`\\b${word}\\b`).test(lower));
}

/** The first capitalised word that does not start a sentence: the likeliest argument ("Paris"). */
function properNoun(text: string): string | undefined {
  return /(?<![.!?]\s*|^\s*)\b([A-Z][\p{L}-]+)/u.exec(text)?.[1];
}
