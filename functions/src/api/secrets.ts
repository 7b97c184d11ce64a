/**
 * In AWS the JWT key is an SST Config.Secret: SST puts a placeholder in the env and the
 * value in SSM. Read it once per cold start; locally the env already holds the value.
 */
const PLACEHOLDER = "__FETCH_FROM_SSM__";

export async function loadSecrets(names: string[] = ["JWT_PRIVATE_JWK"]): Promise<void> {
  const prefix = process.env.SST_SSM_PREFIX;
  const missing = names.filter((n) => !process.env[n] || process.env[n] === PLACEHOLDER);
  if (missing.length === 0 || !prefix) return;
  const { SSMClient, GetParametersCommand } = await import("@aws-sdk/client-ssm");
  const ssm = new SSMClient({});
  const paths = missing.map((n) => `${prefix}Secret/${n}/value`);
  const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names: paths, WithDecryption: true }));
  for (const name of missing) {
    const value = Parameters.find((p) => p.Name === `${prefix}Secret/${name}/value`)?.Value;
    if (!value) throw new Error(`secret ${name} is not set: run \`npx sst secrets set ${name} ...\``);
    process.env[name] = value;
  }
}
