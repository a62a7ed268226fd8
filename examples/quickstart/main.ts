import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { CredformProvider } from 'credform';

class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Base URLs and tokens come from DX_BASE_URL, DX_API_TOKEN, ... in the environment.
    new CredformProvider(this, 'credform');
    new TerraformOutput(this, 'provider_version', { value: CredformProvider.VERSION });
  }
}

const app = new App();
new QuickstartStack(app, 'quickstart');
app.synth();
