/** Reading bodies (body.ts): an HTML page read for its title, and a body over the size limit left unread. */
import { VendorHttpError } from '../../../src/vendors/http';
import { create, rejection, useAnsweringServer } from '../../support/http-server';

const api = useAnsweringServer();

describe('error bodies', () => {
  it('an HTML error page: its title is the message; as a success body it is called out as HTML', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>p{}</style></head><body><h1>Bad</h1></body></html>';
    api.next = () => ({ status: 403, headers: { 'content-type': 'text/html' }, body: page });
    const forbidden = await rejection(create(api.client()));
    expect(forbidden).toMatchObject({ status: 403, vendorMessage: '502 Bad Gateway' });
    expect(forbidden.message).toBe(
      'DX POST /api/connections/c1/credentials.create failed with HTTP 403: 502 Bad Gateway. The DX API token lacks the permission for this call',
    );
    api.next = () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page });
    const html = await rejection(api.client().request({ method: 'GET', path: '/api/connections.list', idempotent: true }));
    expect(html).toMatchObject({ status: 200, problem: 'invalid_json' });
    expect(html.message).toContain('The body is an HTML page ("502 Bad Gateway"), not JSON: is the base URL right');
  });

  it('a 10 MiB body is not read: an error with the status kept, for an error and for a success', async () => {
    api.next = () => 'huge';
    const huge = await rejection(create(api.client()));
    expect(huge).toBeInstanceOf(VendorHttpError);
    expect(huge).toMatchObject({ status: 500 });
    expect(huge.message).toContain('HTTP 500. The response body exceeds the 5.0 MiB limit and was not read');

    const tenMiB = Buffer.alloc(10 * 1024 * 1024, ' ');
    api.next = () => ({ status: 200, headers: { 'content-type': 'application/json', 'content-length': tenMiB.length }, body: tenMiB });
    const big = await rejection(api.client().request({ method: 'GET', path: '/x', idempotent: true }));
    expect(big).toMatchObject({ status: 200, problem: 'too_large' });
    expect(big.message).toContain('The response body (10.0 MiB) exceeds the 5.0 MiB limit');
    // The client is still usable afterwards.
    api.next = () => ({ status: 200, body: '{"ok":true}' });
    expect((await api.client().request({ method: 'GET', path: '/x', idempotent: true })).body).toEqual({ ok: true });
  });
});
