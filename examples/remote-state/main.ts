/**
 * State in PostgreSQL with Terraform's built-in `pg` backend: shared by every CI job and locked, so
 * two deploys at once are serialized. PG_CONN_STR (at synth) holds no password: libpq reads it from
 * PGPASSWORD at plan/apply time, so it never lands in cdk.tf.json.
 */
import { App, PgBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { CredformProvider, Secret, TinesTextCredential } from 'credform';

class RemoteStateStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new PgBackend(this, { connStr: process.env.PG_CONN_STR ?? 'postgres://terraform@localhost/terraform_state', schemaName: 'credform' });
    new CredformProvider(this, 'credform');
    const count = Number(process.env.CREDENTIAL_COUNT ?? '3');
    for (let i = 0; i < count; i++) {
      new TinesTextCredential(this, `shared_${i}`, {
        name: `shared credential ${i}`,
        teamId: 2,
        value: Secret.fromEnv(this, 'SHARED_CREDENTIAL_VALUE'),
      });
    }
  }
}

const app = new App();
new RemoteStateStack(app, 'remote-state');
app.synth();
