// The "obvious alternative" to a provider: a `terraform_data` resource whose `local-exec` provisioner
// runs this script, which makes the vendor's create call with fetch. Usage (what the provisioner runs):
//   node bench/local-exec-create.mjs <dx|apinizer|ox|tines> <index>
// It reads the endpoints and tokens from the same environment variables as the provider
// (DX_BASE_URL, DX_API_TOKEN, ...) and the secret from BENCH_SECRET, sends the same request body the
// provider sends for the credentials in bench/configs.mjs, and exits 1 if the vendor refuses it.
// Deliberately what such a design does and no more: no plan-time checks, no read-back, no state.
const [vendor, indexText] = process.argv.slice(2);
const i = Number(indexText);
const env = process.env;
const secret = `${env.BENCH_SECRET}`;

const OX_CONNECTOR =
  'id name displayName family credentialsTypes enableMultiCredentials disabledMultiCredentialsTypes credentials { __typename ... on UserPasswordCredentials { credentialsId credentialsName credentialsType hostURL isCertChecksDisabled } }';

const calls = {
  dx: () => ({
    url: `${env.DX_BASE_URL}/api/connections/123/credentials.create`,
    auth: `Bearer ${env.DX_API_TOKEN}`,
    body: {
      label: `bench dx ${i}`,
      settings: { jira_user: `bench-${i}@example.atlassian.net` },
      secrets: { api_token: `${secret}-dx-${i}` },
    },
    ok: (status, body) => status === 201 && body?.ok === true,
  }),
  apinizer: () => ({
    url: `${env.APINIZER_BASE_URL}/apiops/projects/MyProject/credentials/`,
    auth: `Bearer ${env.APINIZER_TOKEN}`,
    body: {
      username: `bench-user-${i}`,
      password: `${secret}-ap-${i}`,
      email: `bench-${i}@example.com`,
      fullName: `Bench User ${i}`,
      description: null,
      roleNameList: ['API_USER'],
      enabled: true,
      ipList: [],
      expireDate: null,
    },
    ok: (status, body) => status < 300 && body?.success === true,
  }),
  ox: () => ({
    url: `${env.OX_BASE_URL}/api/apollo-gateway`,
    auth: env.OX_API_KEY,
    body: {
      operationName: 'AddCredentials',
      query: `mutation AddCredentials($addCredentialsInput: AddCredentialsInput!) { addCredentials(addCredentialsInput: $addCredentialsInput) { connector { ${OX_CONNECTOR} } } }`,
      variables: {
        addCredentialsInput: {
          connectorID: '2',
          credentialsType: 'UserPassword',
          credentialsName: `bench ox ${i}`,
          credentialsInput: { name: `bench-${i}`, password: `${secret}-ox-${i}` },
        },
      },
    },
    ok: (status, body) => status === 200 && !body?.errors && !!body?.data?.addCredentials?.connector,
  }),
  tines: () => ({
    url: `${env.TINES_BASE_URL}/api/v1/user_credentials`,
    auth: `Bearer ${env.TINES_API_KEY}`,
    body: { name: `bench tines ${i}`, team_id: 2, value: `${secret}-tines-${i}`, mode: 'TEXT' },
    ok: (status) => status === 201,
  }),
};

const call = calls[vendor]?.();
if (!call || !Number.isInteger(i)) {
  console.error('usage: local-exec-create.mjs <dx|apinizer|ox|tines> <index>');
  process.exit(2);
}
const res = await fetch(call.url, {
  method: 'POST',
  headers: { authorization: call.auth, 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify(call.body),
});
const text = await res.text();
let body;
try {
  body = JSON.parse(text);
} catch {
  body = undefined;
}
if (!call.ok(res.status, body)) {
  console.error(`${vendor} create ${i} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  process.exit(1);
}
