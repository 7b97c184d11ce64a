// Runs in a fresh Node process: import a bundled Lambda and answer one API Gateway v2 request.
const [, , bundle, path, authorization] = process.argv;
const started = performance.now();
const { handler } = await import(bundle);
const event = {
  version: "2.0",
  routeKey: "$default",
  rawPath: path,
  rawQueryString: "",
  headers: { host: "api.local", ...(authorization ? { authorization } : {}) },
  requestContext: {
    http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
    requestId: "bench",
    routeKey: "$default",
    stage: "$default",
    timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
};
const res = await handler(event, { awsRequestId: "bench", getRemainingTimeInMillis: () => 10000 });
const ms = performance.now() - started;
if (res.statusCode !== 200) {
  console.error(`unexpected ${res.statusCode}: ${res.body}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ms }));
