import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_SOURCE } from "../functions/src/events/registry.js";
import { PAYOUT_POLL_SECONDS, PAYOUT_RUN_TIMEOUT_DAYS, PAYOUT_SCHEDULE, PAYOUT_STEP_RESERVED_CONCURRENCY } from "./payouts.js";
import { cleanupSynth, type Json, type Resource, type Synthesized, synthApp } from "./test-synth.js";

// Payout runs on Step Functions (issue 13): the state machine, its start by event, the schedule, the Alipay secrets.

let dev: Synthesized;
beforeAll(async () => {
  dev = await synthApp("dev", { bundle: false });
}, 180_000);
afterAll(() => cleanupSynth());

const resources = (type: string) => Object.entries(dev.template("Payouts").findResources(type)) as [string, Resource][];
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOf = (roleRef: unknown) =>
  resources("AWS::IAM::Policy")
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(roleRef)))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

function stepFunction(): [string, Resource] {
  const found = resources("AWS::Lambda::Function").filter(([, fn]) => String(fn.Properties.Handler).includes("payout-step"));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe("payout runs on Step Functions", () => {
  it("runs each step as a retried Lambda task, sleeps in a Wait state while outcomes are out, and times out after a week", () => {
    const [[, machine]] = resources("AWS::StepFunctions::StateMachine") as [[string, Resource]];
    expect(machine.Properties.StateMachineType).toBe("STANDARD");
    const body = JSON.stringify(machine.Properties.DefinitionString);
    const definition = JSON.parse(
      (machine.Properties.DefinitionString as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1].map((p) => (typeof p === "string" ? p : "ARN")).join(""),
    ) as { StartAt: string; TimeoutSeconds: number; States: Record<string, Json> };
    expect(definition.TimeoutSeconds).toBe(PAYOUT_RUN_TIMEOUT_DAYS * 86_400);
    const step = definition.States[definition.StartAt] as Json;
    expect(step).toMatchObject({ Type: "Task", Next: "Next" });
    expect(step.Retry).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], MaxAttempts: 8, BackoffRate: 2 })]);
    expect(step.Catch).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], Next: "StepKeptFailing" })]);
    expect(definition.States.WaitForOutcomes).toMatchObject({ Type: "Wait", Seconds: PAYOUT_POLL_SECONDS, Next: definition.StartAt });
    expect((definition.States.Next as { Choices: Json[] }).Choices.map((c) => [c.StringEquals, c.Next])).toEqual([
      ["done", "RunDone"],
      ["wait", "WaitForOutcomes"],
    ]);
    expect(body).toContain("payoutStep");
    // its log group keeps 30 days
    expect(resources("AWS::Logs::LogGroup").map(([, g]) => g.Properties.RetentionInDays)).toContain(30);
  });

  it("starts an execution for each payout.run_requested event on the stage's bus, with retries and a dead-letter queue", () => {
    const rules = resources("AWS::Events::Rule").filter(([, r]) => JSON.stringify(r.Properties.EventPattern ?? {}).includes("payout.run_requested"));
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] as [string, Resource];
    expect(rule.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], "detail-type": ["payout.run_requested"] });
    const [target] = rule.Properties.Targets as Json[];
    expect(JSON.stringify(target?.Arn)).toContain("payoutRun");
    expect(target?.InputTransformer).toMatchObject({ InputPathsMap: { "detail-properties-runID": "$.detail.properties.runID" } });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 });
    expect(target?.DeadLetterConfig).toBeDefined();
  });

  it("gives the step least privilege (no Scan), reserved concurrency, and the Alipay keys as secrets through SSM", () => {
    const [, fn] = stepFunction();
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(PAYOUT_STEP_RESERVED_CONCURRENCY);
    expect(fn.Properties.Timeout).toBe(300);
    expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
      SST_Secret_value_ALIPAY_APP_ID: "__FETCH_FROM_SSM__",
      SST_Secret_value_ALIPAY_APP_PRIVATE_KEY: "__FETCH_FROM_SSM__",
      SST_Secret_value_ALIPAY_PUBLIC_KEY: "__FETCH_FROM_SSM__",
    });
    const statements = statementsOf(
      fn.Properties.Role && (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"]
        ? { Ref: (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0] }
        : fn.Properties.Role,
    );
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toContain("dynamodb:Query");
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    const ssm = JSON.stringify(statements.filter((s) => [s.Action].flat().includes("ssm:GetParameters")).map((s) => s.Resource));
    for (const secret of ["ALIPAY_APP_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"])
      expect(ssm).toContain(`:ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/dev/Secret/${secret}/value`);
    // the API never holds the Alipay keys
    const api = Object.values(dev.template("Api").findResources("AWS::Lambda::Function")) as Resource[];
    for (const f of api) expect(JSON.stringify(f.Properties.Environment ?? {})).not.toContain("ALIPAY");
  });

  it("writes the week's run on Mondays at 10:00 China time, with its own dead-letter queue", () => {
    const crons = resources("AWS::Events::Rule").filter(([, r]) => r.Properties.ScheduleExpression === PAYOUT_SCHEDULE);
    expect(crons).toHaveLength(1);
    expect(PAYOUT_SCHEDULE).toBe("cron(0 2 ? * MON *)");
    const [, cron] = crons[0] as [string, Resource];
    expect((cron.Properties.Targets as Json[])[0]).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 3 } });
  });
});
