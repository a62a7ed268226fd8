/**
 * Every secret from AWS Secrets Manager: one credential at each vendor, the values read by the
 * hashicorp/aws provider's ephemeral `aws_secretsmanager_secret_version` at plan and apply time, so
 * they are never in cdk.tf.json, a plan or state. A new version in Secrets Manager shows in the next
 * `cdktf diff` as the credential's `…_revision` changing, and `cdktf deploy` sends it.
 * docs/secret-managers.md explains it; test/constructs/secret-managers.e2e.test.ts runs the same.
 *
 * Vendor endpoints and tokens come from the environment as in the quickstart (DX_BASE_URL,
 * DX_API_TOKEN, …); AWS credentials from the usual AWS chain (AWS_PROFILE, SSO, a CI role, …), the
 * region from AWS_REGION (default us-east-1). Whoever deploys needs `secretsmanager:GetSecretValue`
 * on the three secrets.
 */
import { App, TerraformProvider, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from 'credform';

/**
 * The hashicorp/aws provider, declared without a dependency on @cdktf/provider-aws (whose
 * `AwsProvider` works as well): its arguments as Terraform spells them, plus an optional alias.
 */
class AwsProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: { readonly alias?: string } & Record<string, unknown>,
  ) {
    super(scope, id, {
      terraformResourceType: 'aws',
      terraformProviderSource: 'hashicorp/aws',
      terraformGeneratorMetadata: { providerName: 'aws', providerVersionConstraint: '~> 5.100' },
    });
  }

  override get alias(): string | undefined {
    return this.config.alias;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.config;
  }
}

class AwsSecretsManagerStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CredformProvider(this, 'credform');
    new AwsProvider(this, 'aws', { region: process.env.AWS_REGION ?? 'us-east-1' });

    // A secret whose whole string is the value.
    new TinesTextCredential(this, 'webhook', {
      name: 'webhook signing secret',
      teamId: 2,
      value: Secret.fromAwsSecretsManager(this, 'tines_webhook', { secretId: 'prod/tines/webhook-signing' }),
    });

    // Two keys of one JSON secret ({"jira_api_token": "…", "ox_password": "…"}).
    DxCredential.jiraCloud(this, 'jira', {
      connectionId: 123,
      label: 'Automation user',
      jiraUser: 'dx-automation@example.atlassian.net',
      apiToken: Secret.fromAwsSecretsManager(this, 'jira_api_token', { secretId: 'prod/dev-tools', jsonKey: 'jira_api_token' }),
    });
    new OxConnectorCredentials(this, 'gitlab', {
      connectorId: '2',
      credentialsName: 'ox-bot',
      credentials: OxCredentials.userPassword({
        name: 'ox-bot',
        password: Secret.fromAwsSecretsManager(this, 'ox_password', { secretId: 'prod/dev-tools', jsonKey: 'ox_password' }),
      }),
    });

    // By ARN, with the staging label spelled out.
    new ApinizerCredential(this, 'api_user', {
      projectName: 'MyProject',
      username: 'api-user',
      email: 'api-user@example.com',
      fullName: 'API User',
      roleNames: ['API_USER'],
      password: Secret.fromAwsSecretsManager(this, 'apinizer_password', {
        secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/apinizer/api-user-AbCdEf',
        versionStage: 'AWSCURRENT',
      }),
    });
  }
}

const app = new App();
new AwsSecretsManagerStack(app, 'aws-secrets-manager');
app.synth();
