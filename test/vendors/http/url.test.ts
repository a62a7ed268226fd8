/** Request URLs (url.ts): the documented path after the base URL's prefix, `encodePath` segments, the query. */
import { encodePath } from '../../../src/vendors/http';
import { json, useScriptedServers } from '../../support/http-server';

const { serve, client } = useScriptedServers();

describe('requests', () => {
  it('appends the path to the base URL prefix, adds auth, query, json body and a user agent', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { ok: true }));
    const c = client(`${server.url}/prefix/`);
    const res = await c.request<{ ok: boolean }>({
      method: 'POST',
      path: encodePath`/api/connections/${'a b/c'}/credentials.create`,
      query: { page: 2, filter: ['x', 'y'], skip: undefined },
      json: { label: 'l' },
      idempotent: false,
    });
    expect(res).toMatchObject({ ok: true, status: 200, body: { ok: true } });
    expect(res.headers['content-type']).toBe('application/json');
    const [seen] = server.seen;
    expect(seen!.url).toBe('/prefix/api/connections/a%20b%2Fc/credentials.create?page=2&filter=x&filter=y');
    expect(seen!.headers['authorization']).toBe('Bearer test-token-123');
    expect(seen!.headers['content-type']).toBe('application/json');
    expect(seen!.headers['user-agent']).toMatch(/^credform\//);
    expect(JSON.parse(seen!.body)).toEqual({ label: 'l' });
  });
});
