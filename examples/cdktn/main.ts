/**
 * The quickstart on cdktn, cdktf's community continuation (cdktn-cli runs on Node ≥ 22.19, so this is
 * the way on Node 24 and 26): the same four credentials as examples/quickstart, with the constructs
 * imported from `credform/cdktn` and the stack from `cdktn`. Run it with `npx cdktn deploy`; on
 * Node ≥ 24 `npm run demo` deploys this app against the simulators.
 *
 * Vendor endpoints and tokens come from the environment (DX_BASE_URL, DX_API_TOKEN,
 * APINIZER_BASE_URL, APINIZER_TOKEN, OX_BASE_URL, OX_API_KEY, TINES_BASE_URL, TINES_API_KEY), and so
 * do the credentials' secrets (Secret.fromEnv).
 */
import { App, TerraformOutput, TerraformStack } from 'cdktn';
import type { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from 'credform/cdktn';

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CredformProvider(this, 'credform');

    const jira = DxCredential.jiraCloud(this, 'jira', {
      connectionId: 123,
      label: 'Automation user — myfakecompany',
      jiraUser: 'dx-automation@myfakecompany.atlassian.net',
      apiToken: Secret.fromEnv(this, 'JIRA_API_TOKEN'),
    });

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

    new OxConnectorCredentials(this, 'gitlab', {
      connectorId: '2',
      credentialsName: 'credform quickstart',
      credentials: OxCredentials.userPassword({ name: 'SomeName', password: Secret.fromEnv(this, 'OX_CONNECTOR_PASSWORD') }),
    });

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
