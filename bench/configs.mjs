// The Terraform configurations the benchmark applies and plans: N credentials per vendor, all unique
// (DX refuses a second credential with the same settings or secrets on a connection; Apinizer, OX and
// Tines refuse a second one with the same name), each in three designs:
//   credform     the provider: four resource types, secrets through `ephemeral "credform_env_secret"`
//                and write-only attributes;
//   floor        `terraform_data` alone: what Terraform itself costs for that many resources;
//   local-exec   `terraform_data` + a `local-exec` provisioner running bench/local-exec-create.mjs,
//                which makes the same create call with fetch (a null_resource-style design);
// and a fourth, `state-floor`: `terraform_data` holding as much state per resource as credform's
// (see stateFloorConfig).
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

/**
 * The floor again, but each `terraform_data` keeps what one credform credential of the same vendor
 * keeps in the state (`samples`: its attributes and private state, from a credform apply), as JSON
 * text in `triggers_replace` (`input` would be kept twice, as `output` too; an object would be kept
 * with its type beside it, twice the bytes). Terraform writes the whole state file after every
 * resource it applies, so what it spends grows with the state per resource times the number of
 * resources. Terraform writes credform's attributes one per indented line, and adds paths of its
 * sensitive attributes, so the text is padded with `pad` spaces per resource: the benchmark chooses
 * `pad` so that this floor's state file is the size of credform's (and prints both), and this floor
 * then differs from credform by the provider alone.
 * JSON configuration syntax, where strings are still templates: `${` and `%{` are escaped.
 */
export function stateFloorConfig(perVendor, samples, vendors = VENDOR_KEYS, pad = 0) {
  const resource = {};
  for (const v of vendors) {
    if (!samples[v]) throw new Error(`no state sample for ${v}`);
    resource[v] = { count: perVendor, triggers_replace: JSON.stringify(pad > 0 ? { ...samples[v], pad: ' '.repeat(pad) } : samples[v]) };
  }
  const json = JSON.stringify({ resource: { terraform_data: resource } }, null, 2);
  return json.replace(/([$%])\{/g, (_, c) => `${c}${c}{`);
}

/** One credential of each vendor from a credform state file: `{ dx: { ...attributes, private }, … }`. */
export function stateSamples(state) {
  const byType = { credform_dx_credential: 'dx', credform_apinizer_credential: 'apinizer', credform_ox_connector_credentials: 'ox', credform_tines_text_credential: 'tines' };
  const samples = {};
  for (const r of state.resources ?? []) {
    const v = byType[r.type];
    const i = r.instances?.[0];
    if (v && i && !samples[v]) samples[v] = { ...i.attributes, private: i.private ?? null };
  }
  return samples;
}
