import { Config, type StackContext } from "sst/constructs";

/**
 * Values live in SSM, set per stage with `sst secrets set JWT_PRIVATE_JWK '<jwk json>'`;
 * they never enter the CloudFormation template.
 */
export function Secrets({ stack }: StackContext) {
  const jwtPrivateJwk = new Config.Secret(stack, "JWT_PRIVATE_JWK");
  return { jwtPrivateJwk };
}
