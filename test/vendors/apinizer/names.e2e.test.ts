/**
 * Names Apinizer carries in URL paths (`/projects/{project_name}/credentials/{username}/`) must fit
 * one path segment: a username "a/b", "." or ".." created fine and could then never be read or
 * deleted, and a project ".." failed as an unexpected error naming no field. `terraform validate`
 * refuses them now, naming the attribute.
 */
import { credformTerraform } from '../../support/credform-terraform';

const credential = (project: string, username: string) => `provider "credform" {}
resource "credform_apinizer_credential" "c" {
  project_name = ${JSON.stringify(project)}
  username     = ${JSON.stringify(username)}
  email        = "api@example.com"
  full_name    = "API"
  role_names   = ["API_USER"]
  password_wo  = "Secret123!"
}
`;

test.each([
  ['username', 'MyProject', 'a/b', 'must not contain "/"'],
  ['username', 'MyProject', '.', 'must not be "." or ".."'],
  ['username', 'MyProject', '..', 'must not be "." or ".."'],
  ['username', 'MyProject', 'tab\there', 'must not contain control characters'],
  ['project_name', '..', 'api-user', 'must not be "." or ".."'],
])('%s %j / %j is refused at validate', async (attribute, project, username, message) => {
  const tf = await credformTerraform('credform-apinizer-names-', {});
  tf.write('main.tf', credential(project, username));
  const r = await tf.run(['validate']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(message);
  expect(r.stderr).toMatch(new RegExp(`${attribute} += `));
  expect(r.stderr).not.toContain('unexpected error');
});
