import { Hono } from "hono";
import { feedbackSchema, UnknownRequestError } from "../../output-modes/feedback.ts";
import { ServerRequestError } from "../http-error.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";

/**
 * `POST /feedback`: a delayed verdict on an answered request, `{ request_id | run_id | thread_id, correct |
 * score }`. The served-requests ledger, not the body, says which (deployment, mode) the verdict is credited
 * to. 200 with the receipt (`duplicate: true` when the request already had feedback, which is not counted
 * again); 404 for a request this server never answered; 422 for a malformed body.
 *
 * @example
 * await fetch(`${url}/feedback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ run_id, correct: false }) });
 */
export function feedbackRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post("/feedback", async (context) => {
    const body = await parseBody(deps, context, feedbackSchema, "feedback");
    if (deps.engine === undefined) throw new ServerRequestError(404, "this server runs without an engine, so it answered no request that could take feedback");
    try {
      return context.json(await deps.engine.feedback.record(body));
    } catch (error) {
      if (error instanceof UnknownRequestError) throw new ServerRequestError(404, error.message, error.field);
      throw error;
    }
  });
  return app;
}
