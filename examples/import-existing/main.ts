/**
 * Bringing credentials that already exist under management: each resource declares the credential
 * as it should be and `importFrom` names the existing one. The first `cdktf deploy` imports them (and
 * sends the configured secrets, since credform cannot read a secret back); later deploys manage them.
 * Ids: DX `<connection_id>/<credential_id>`, Apinizer `<project>/<username>`, OX
 * `<connector_id>/<credentials_id>`, Tines the credential id.
 */
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, Secret, TinesTextCredential } from 'credform';

class ImportStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CredformProvider(this, 'credform');

    DxCredential.jiraCloud(this, 'jira', {
      connectionId: 123,
      label: 'Automation user — myfakecompany',
      jiraUser: 'dx-automation@myfakecompany.atlassian.net',
      apiToken: Secret.fromEnv(this, 'JIRA_API_TOKEN'),
    }).importFrom(process.env.DX_CREDENTIAL_ID ?? '123/456');

    new ApinizerCredential(this, 'api_user', {
      projectName: 'MyProject',
      username: 'api-user',
      email: 'user@example.com',
      fullName: 'John Doe',
      password: Secret.fromEnv(this, 'APINIZER_API_USER_PASSWORD'),
      roleNames: ['API_USER'],
    }).importFrom('MyProject/api-user');

    new TinesTextCredential(this, 'text', {
      name: 'text credential',
      teamId: 2,
      value: Secret.fromEnv(this, 'TINES_TEXT_CREDENTIAL'),
    }).importFrom(process.env.TINES_CREDENTIAL_ID ?? '1');
  }
}

const app = new App();
new ImportStack(app, 'import-existing');
app.synth();
