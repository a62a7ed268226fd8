/**
 * Two instances of one vendor in one stack: a Tines tenant per region, through provider aliases.
 * The default provider reads TINES_BASE_URL / TINES_API_KEY; the EU one gets its URL from
 * TINES_EU_BASE_URL at synth and its API key from a sensitive variable (TF_VAR_tines_eu_api_key)
 * at plan/apply time, so no key is written into cdk.tf.json.
 */
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { CredformProvider, Secret, TinesTextCredential } from 'credform';

class TwoTenantsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CredformProvider(this, 'tines_us');
    const eu = new CredformProvider(this, 'tines_eu', {
      alias: 'eu',
      tines: {
        baseUrl: process.env.TINES_EU_BASE_URL ?? 'https://eu-tenant.tines.com',
        apiKey: Secret.fromVariable(this, 'tines_eu_api_key', { description: 'API key of the EU Tines tenant' }).value,
      },
    });

    new TinesTextCredential(this, 'us_webhook_secret', {
      name: 'webhook signing secret',
      teamId: 2,
      value: Secret.fromEnv(this, 'US_WEBHOOK_SECRET'),
    });
    new TinesTextCredential(this, 'eu_webhook_secret', {
      provider: eu,
      name: 'webhook signing secret',
      teamId: 2,
      value: Secret.fromEnv(this, 'EU_WEBHOOK_SECRET', eu),
    });
  }
}

const app = new App();
new TwoTenantsStack(app, 'two-instances');
app.synth();
