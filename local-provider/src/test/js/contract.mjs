// Drives the local provider with Replicate's official JavaScript client, the way our generation-consumer uses
// Replicate: sync mode, create/get/wait/cancel, the paged list our reconciliation searches by webhook URL,
// Cancel-After deadlines, models.get, and signed webhooks checked with the client's own validateWebhook.
//
//   PROVIDER_URL=http://127.0.0.1:8090 node contract.mjs      (ReplicateJsClientContractTest runs it)
//
// Prints "ok <check>" or "not ok <check>: <why>" per check; exits 1 if any check failed.
import http from "node:http";
import { randomUUID } from "node:crypto";
import Replicate, { validateWebhook } from "replicate";

const providerUrl = process.env.PROVIDER_URL;
if (!providerUrl) {
  console.error("PROVIDER_URL is not set");
  process.exit(2);
}
const MODEL = "black-forest-labs/flux-schnell";
const replicate = new Replicate({ auth: "contract-test", baseUrl: `${providerUrl}/v1`, userAgent: "contract-test" });

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function providerStats() {
  const response = await fetch(`${providerUrl}/admin/stats`);
  return response.json();
}

async function expectApiError(promise, status) {
  try {
    await promise;
  } catch (error) {
    check(error.response && error.response.status === status, `expected ${status}, got ${error.message}`);
    return error;
  }
  throw new Error(`expected an ApiError with status ${status}, but the call succeeded`);
}

/** A webhook endpoint on a free port that keeps every delivery with its raw body. */
async function startReceiver() {
  const deliveries = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { deliveries, base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function until(description, condition, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    check(Date.now() < deadline, `timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listAll() {
  const pages = [];
  for await (const page of replicate.paginate(replicate.predictions.list)) {
    pages.push(page);
  }
  return pages;
}

const checks = {
  async "run-sync-mode"() {
    const before = await providerStats();
    const output = await replicate.run(MODEL, { input: { prompt: "a lighthouse at dawn" }, wait: { mode: "block", timeout: 30 } });
    const after = await providerStats();
    check(Array.isArray(output) && output.length === 1, `output ${JSON.stringify(output)}`);
    check(String(output[0]).endsWith("/0.png"), `output URL ${output[0]}`);
    check(after.polls === before.polls, `run polled ${after.polls - before.polls} times: sync mode did not answer`);
    const png = await fetch(String(output[0]));
    check(png.status === 200 && png.headers.get("content-type") === "image/png", `file answered ${png.status}`);
  },

  async "create-get-wait"() {
    const created = await replicate.predictions.create({ model: MODEL, input: { prompt: "a red fox", num_outputs: 2 } });
    check(created.status === "starting", `created ${created.status}`);
    check(created.urls.get.endsWith(`/v1/predictions/${created.id}`), `urls.get ${created.urls.get}`);
    const got = await replicate.predictions.get(created.id);
    check(got.id === created.id && got.model === MODEL, `get ${JSON.stringify(got)}`);
    const done = await replicate.wait(created, { interval: 50 });
    check(done.status === "succeeded", `waited ${done.status}`);
    check(done.output.length === 2 && done.metrics.predict_time > 0, `done ${JSON.stringify(done)}`);
    check(done.completed_at >= done.started_at && done.started_at >= done.created_at, "timestamps out of order");
    const byVersion = await replicate.predictions.create({ version: `${MODEL}:${got.version}`, input: { prompt: "x" } });
    check(byVersion.model === MODEL && byVersion.version === got.version, `by version ${JSON.stringify(byVersion)}`);
  },

  async "cancel"() {
    const created = await replicate.predictions.create({ model: MODEL, input: { prompt: "slow [latency:PT60S]" } });
    const canceled = await replicate.predictions.cancel(created.id);
    check(canceled.status === "canceled" && canceled.completed_at, `cancel answered ${canceled.status}`);
    const got = await replicate.predictions.get(created.id);
    check(got.status === "canceled" && got.output === null, `after cancel ${got.status}`);
    const waited = await replicate.wait(got, { interval: 50 });
    check(waited.status === "canceled", `wait after cancel ${waited.status}`);
  },

  async "failed-prediction"() {
    const created = await replicate.predictions.create({ model: MODEL, input: { prompt: "nsfw [fail:permanent]" } });
    const error = await replicate.wait(created, { interval: 50 }).then(() => null, (e) => e);
    check(error && /Prediction failed: /.test(error.message), `wait on a failing prediction gave ${error}`);
    await expectApiError(replicate.predictions.get("nosuchprediction"), 404);
  },

  async "cancel-after-deadline"() {
    const createWithDeadline = async (cancelAfter, prompt) => {
      const response = await replicate.request(`/models/${MODEL}/predictions`, {
        method: "POST",
        headers: { "Cancel-After": cancelAfter },
        data: { input: { prompt } },
      });
      return response.json();
    };
    // 30 s latency: running (processing) after 3 s, so the 5 s deadline cancels it.
    const running = await createWithDeadline("5s", "too slow [latency:PT30S]");
    check(running.deadline, `no deadline in ${JSON.stringify(running)}`);
    const seconds = (Date.parse(running.deadline) - Date.parse(running.created_at)) / 1000;
    check(Math.abs(seconds - 5) < 0.01, `deadline is ${seconds} s after created_at`);
    // 60 s latency: still starting after 5 s, so the deadline aborts it (the client's wait() knows no "aborted").
    const queued = await createWithDeadline("0h0m5s", "never starts [latency:PT60S]");
    const ended = await replicate.wait(running, { interval: 100 });
    check(ended.status === "canceled", `past its deadline the running prediction is ${ended.status}`);
    check(Date.parse(ended.completed_at) === Date.parse(running.deadline), `completed_at ${ended.completed_at}`);
    const aborted = await until("aborted", async () => {
      const p = await replicate.predictions.get(queued.id);
      return p.status === "starting" ? null : p;
    });
    check(aborted.status === "aborted" && aborted.started_at === null, `never started, yet ${aborted.status}`);
    await expectApiError(createWithDeadline("2s", "too short a deadline"), 422);
    await expectApiError(createWithDeadline("soon", "not a duration"), 422);
  },

  async "list-paged-newest-first"() {
    const ids = [];
    for (let i = 0; i < 105; i++) {
      ids.push((await replicate.predictions.create({ model: MODEL, input: { prompt: `page ${i}` } })).id);
    }
    const pages = await listAll();
    check(pages.length >= 2 && pages[0].length === 100, `page sizes ${pages.map((page) => page.length)}`);
    const all = pages.flat();
    check(new Set(all.map((p) => p.id)).size === all.length, "a prediction appeared twice");
    check(all.slice(0, 105).map((p) => p.id).join() === ids.reverse().join(), "not newest first");
    for (const p of all) {
      check(p.id && p.status && p.created_at && p.urls && p.urls.get && p.urls.cancel, `item ${JSON.stringify(p)}`);
    }
    for (let i = 1; i < all.length; i++) {
      check(all[i - 1].created_at >= all[i].created_at, "created_at not descending");
    }
    const first = await replicate.predictions.list();
    check(first.previous === null && typeof first.next === "string", `first page next/previous ${first.next}`);
    const second = await (await replicate.request(first.next, { method: "GET" })).json();
    check(typeof second.previous === "string", "the second page has no previous");
    const back = await (await replicate.request(second.previous, { method: "GET" })).json();
    check(back.results.map((p) => p.id).join() === first.results.map((p) => p.id).join(), "previous is not page 1");
  },

  async "list-finds-prediction-by-webhook"() {
    const receiver = await startReceiver();
    try {
      const generationId = randomUUID();
      const webhook = `${receiver.base}/webhooks/replicate?generation=${generationId}`;
      const created = await replicate.predictions.create({
        model: MODEL,
        input: { prompt: "reconcile me" },
        webhook,
        webhook_events_filter: ["completed"],
      });
      check(created.webhook === webhook, `create answered webhook ${created.webhook}`);
      for (let i = 0; i < 3; i++) {
        await replicate.predictions.create({ model: MODEL, input: { prompt: `newer ${i}` } });
      }
      let found = null;
      for await (const page of replicate.paginate(replicate.predictions.list)) {
        found = page.find((p) => p.webhook === webhook);
        if (found) {
          break;
        }
      }
      check(found && found.id === created.id, "the prediction was not found by its webhook URL");
      check(found.webhook_events_filter.join() === "completed", `filter ${found.webhook_events_filter}`);
    } finally {
      receiver.close();
    }
  },

  async "models-get"() {
    const model = await replicate.models.get("black-forest-labs", "flux-schnell");
    check(model.owner === "black-forest-labs" && model.name === "flux-schnell", `model ${JSON.stringify(model)}`);
    check(model.visibility === "public" && typeof model.run_count === "number", "visibility/run_count");
    check(model.latest_version && /^[0-9a-f]{64}$/.test(model.latest_version.id), "latest_version.id");
    const created = await replicate.predictions.create({ model: MODEL, input: { prompt: "v" } });
    check(created.version === model.latest_version.id, "a model prediction does not run its latest version");
    const schema = model.latest_version.openapi_schema.components.schemas.Input.properties;
    check(schema.prompt && schema.aspect_ratio.enum.includes("16:9"), `Input schema ${JSON.stringify(schema)}`);
    await expectApiError(replicate.models.get("nobody", "no-such-model"), 404);
  },

  async "webhooks-signed-and-valid"() {
    const receiver = await startReceiver();
    try {
      const { key: secret } = await replicate.webhooks.default.secret.get();
      check(secret.startsWith("whsec_"), "secret");
      const created = await replicate.predictions.create({
        model: MODEL,
        input: { prompt: "hooked" },
        webhook: `${receiver.base}/hook`,
        webhook_events_filter: ["start", "completed"],
      });
      const completed = await until("the completed webhook", () =>
        receiver.deliveries.find((d) => JSON.parse(d.body).status === "succeeded"));
      await until("the start webhook", () => receiver.deliveries.length >= 2);
      for (const delivery of receiver.deliveries) {
        check(JSON.parse(delivery.body).id === created.id, "delivery of another prediction");
        check(await validateWebhook({ headers: delivery.headers, body: delivery.body }, secret), "signature invalid");
        check(await validateWebhook({
          id: delivery.headers["webhook-id"],
          timestamp: delivery.headers["webhook-timestamp"],
          signature: delivery.headers["webhook-signature"],
          body: delivery.body,
          secret,
        }), "signature invalid (explicit form)");
      }
      const tampered = completed.body.replace("succeeded", "failed");
      check(!(await validateWebhook({ headers: completed.headers, body: tampered }, secret)), "tampered body validated");
    } finally {
      receiver.close();
    }
  },
};

let failed = 0;
for (const [name, run] of Object.entries(checks)) {
  try {
    await run();
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok ${name}: ${error && error.stack ? error.stack.split("\n").slice(0, 3).join(" | ") : error}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
