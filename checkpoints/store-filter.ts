/**
 * Translates a BaseStore search filter into SQL over the item's JSON value. Supported per field: a plain value
 * (equality), or an object of operators $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin. Types matter, as with
 * InMemoryStore's `===`: 1 does not equal "1", true does not equal 1.
 */
export interface FilterSql {
  clauses: string[];
  parameters: unknown[];
}

const operatorNames = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);
const comparisons: Record<string, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => operatorNames.has(key));
}

/** A JSON path naming one top-level field, quoted so dots and spaces in field names stay literal. */
function fieldPath(field: string): string {
  return `$."${field.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

function equality(path: string, expected: unknown, parameters: unknown[]): string {
  if (expected === null) {
    parameters.push(path);
    return "json_type(value, ?) = 'null'";
  }
  if (typeof expected === "boolean") {
    parameters.push(path, expected ? "true" : "false");
    return "json_type(value, ?) = ?";
  }
  if (typeof expected === "number") {
    parameters.push(path, path, expected);
    return "(json_type(value, ?) IN ('integer', 'real') AND json_extract(value, ?) = ?)";
  }
  if (typeof expected === "string") {
    parameters.push(path, path, expected);
    return "(json_type(value, ?) = 'text' AND json_extract(value, ?) = ?)";
  }
  parameters.push(path, path, JSON.stringify(expected));
  return "(json_type(value, ?) IN ('object', 'array') AND json_extract(value, ?) = json(?))";
}

function comparison(path: string, operator: string, bound: unknown, parameters: unknown[]): string {
  const sqlOperator = comparisons[operator] ?? "=";
  if (typeof bound === "string") {
    parameters.push(path, path, bound);
    return `(json_type(value, ?) = 'text' AND json_extract(value, ?) ${sqlOperator} ?)`;
  }
  parameters.push(path, path, Number(bound));
  return `(json_type(value, ?) IN ('integer', 'real') AND json_extract(value, ?) ${sqlOperator} ?)`;
}

function operatorClause(path: string, operator: string, operand: unknown, parameters: unknown[]): string {
  switch (operator) {
    case "$eq":
      return equality(path, operand, parameters);
    // A missing field is "not equal", as in InMemoryStore (COALESCE turns SQL NULL into false first).
    case "$ne":
      return `NOT COALESCE(${equality(path, operand, parameters)}, 0)`;
    case "$in":
    case "$nin": {
      const options = Array.isArray(operand) ? operand : [];
      const any = options.length === 0 ? "0" : options.map((option) => `COALESCE(${equality(path, option, parameters)}, 0)`).join(" OR ");
      return operator === "$in" ? `(${any})` : `NOT (${any})`;
    }
    default:
      return comparison(path, operator, operand, parameters);
  }
}

/**
 * @example
 * buildFilterSql({ kind: "note", score: { $gte: 3 } }) // clauses joined with AND, parameters in order
 */
export function buildFilterSql(filter: Record<string, unknown> | undefined): FilterSql {
  const clauses: string[] = [];
  const parameters: unknown[] = [];
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (condition === undefined) continue;
    const path = fieldPath(field);
    if (isOperatorObject(condition)) {
      for (const [operator, operand] of Object.entries(condition)) clauses.push(operatorClause(path, operator, operand, parameters));
    } else {
      clauses.push(equality(path, condition, parameters));
    }
  }
  return { clauses, parameters };
}
