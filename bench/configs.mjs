// The Terraform configurations the benchmark applies and plans: N credentials per vendor, all unique
// (DX refuses a second credential with the same settings or secrets on a connection; Apinizer, OX and
// Tines refuse a second one with the same name), each in three designs:
//   credform     the provider: four resource types, secrets through `ephemeral "credform_env_secret"`
//                and write-only attributes;
//   floor        `terraform_data` alone: what Terraform itself costs for that many resources;
//   local-exec   `terraform_data` + a `local-exec` provisioner running bench/local-exec-create.mjs,
//                which makes the same create call with fetch (a null_resource-style design).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const LOCAL_EXEC_SCRIPT = join(here, 'local-exec-create.mjs');
/** The one secret in the environment of every run; each credential's secret is derived from it. */
export const SECRET_ENV = 'BENCH_SECRET';
export const VENDOR_KEYS = ['dx', 'apinizer', 'ox', 'tines'];

export function credformConfig(perVendor, version, vendors = VENDOR_KEYS) {
  const blocks = {
    dx: `resource "credform_dx_credential" "dx" {
  count         = ${perVendor}
  connection_id = 123
  label         = "bench dx \${count.index}"
  settings_json = jsonencode({ jira_user = "bench-\${count.index}@example.atlassian.net" })
  secrets_wo    = { api_token = "\${ephemeral.credform_env_secret.s.value}-dx-\${count.index}" }
}
`,
    apinizer: `resource "credform_apinizer_credential" "apinizer" {
  count        = ${perVendor}
  project_name = "MyProject"
  username     = "bench-user-\${count.index}"
  email        = "bench-\${count.index}@example.com"
  full_name    = "Bench User \${count.index}"
  role_names   = ["API_USER"]
  password_wo  = "\${ephemeral.credform_env_secret.s.value}-ap-\${count.index}"
}
`,
    ox: `resource "credform_ox_connector_credentials" "ox" {
  count                  = ${perVendor}
  connector_id           = "2"
  credentials_type       = "UserPassword"
  credentials_name       = "bench ox \${count.index}"
  credentials_input      = { name = "bench-\${count.index}" }
  credentials_secrets_wo = { password = "\${ephemeral.credform_env_secret.s.value}-ox-\${count.index}" }
}
`,
    tines: `resource "credform_tines_text_credential" "tines" {
  count    = ${perVendor}
  name     = "bench tines \${count.index}"
  team_id  = 2
  value_wo = "\${ephemeral.credform_env_secret.s.value}-tines-\${count.index}"
}
`,
  };
  return `terraform {
  required_providers {
    credform = { source = "credform/credform", version = "${version}" }
  }
}
provider "credform" {}
ephemeral "credform_env_secret" "s" {
  name = "${SECRET_ENV}"
}
${vendors.map((v) => blocks[v]).join('')}`;
}

export function floorConfig(total) {
  return `resource "terraform_data" "d" {
  count = ${total}
  input = "bench \${count.index}"
}
`;
}

export function localExecConfig(perVendor, vendors = VENDOR_KEYS) {
  return vendors
    .map(
      (v) => `resource "terraform_data" "${v}" {
  count = ${perVendor}
  input = "bench ${v} \${count.index}"
  provisioner "local-exec" {
    interpreter = [${JSON.stringify(process.execPath)}, ${JSON.stringify(LOCAL_EXEC_SCRIPT)}, "${v}"]
    command     = "\${count.index}"
  }
}
`,
    )
    .join('');
}
