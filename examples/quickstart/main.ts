/**
 * Quickstart: one credential at each vendor, the examples of the vendors' own documentation.
 *
 * Vendor endpoints and tokens come from the environment of `cdktf deploy` (DX_BASE_URL, DX_API_TOKEN,
 * APINIZER_BASE_URL, APINIZER_TOKEN, OX_BASE_URL, OX_API_KEY, TINES_BASE_URL, TINES_API_KEY), and so
 * do the credentials' secrets (Secret.fromEnv): nothing secret is written into cdk.tf.json, plans or
 * state. `npm run demo` runs this app against the simulators.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from 'credform';

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CredformProvider(this, 'credform');

    // DX: the Jira Cloud example of credentials.create.
    const jira = DxCredential.jiraCloud(this, 'jira', {
      connectionId: 123,
      label: 'Automation user — myfakecompany',
      jiraUser: 'dx-automation@myfakecompany.atlassian.net',
      apiToken: Secret.fromEnv(this, 'JIRA_API_TOKEN'),
    });

    // Apinizer: the "basic credential" example.
    new ApinizerCredential(this, 'api_user', {
      projectName: 'MyProject',
      email: 'user@example.com',
      fullName: 'John Doe',
      description: 'API user credential',
      username: 'api-user',
      password: Secret.fromEnv(this, 'APINIZER_API_USER_PASSWORD'),
      roleNames: ['API_USER'],
      enabled: true,
      ipList: [],
    });

    // OX Security: user/password credentials on connector "2", verified by OX before they are kept.
    new OxConnectorCredentials(this, 'gitlab', {
      connectorId: '2',
      credentialsName: 'credform quickstart',
      credentials: OxCredentials.userPassword({ name: 'SomeName', password: Secret.fromEnv(this, 'OX_CONNECTOR_PASSWORD') }),
    });

    // Tines: the sample text credential.
    new TinesTextCredential(this, 'text', {
      name: 'text credential',
      teamId: 2,
      value: Secret.fromEnv(this, 'TINES_TEXT_CREDENTIAL'),
    });

    new TerraformOutput(this, 'dx_credential_id', { value: jira.id });
  }
}

const app = new App();
new QuickstartStack(app, 'quickstart');
app.synth();
