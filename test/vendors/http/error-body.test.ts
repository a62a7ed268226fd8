/** Vendor error bodies (error-body.ts and each vendor's reader): code, message and issues. */
import { vendorErrorDetails } from '../../../src/vendors/http';
import { apinizerVendor } from '../../../src/vendors/apinizer/vendor';
import { dxVendor } from '../../../src/vendors/dx/vendor';
import { oxVendor } from '../../../src/vendors/ox/vendor';
import { tinesVendor } from '../../../src/vendors/tines/vendor';
import type { Vendor } from '../../../src/vendors/vendor';
import { create, rejection, useAnsweringServer } from '../../support/http-server';

const api = useAnsweringServer();

describe('error bodies', () => {
  it('reads each vendor error shape into code, message and issues', async () => {
    // Each vendor's client reads its own documented shape (its folder's error-body.ts).
    const cases: [Vendor, unknown, object][] = [
      [
        dxVendor,
        { ok: false, error: 'Invalid credentials', display_message: 'The API token is invalid', raw_message: '401 from Jira' },
        { code: 'Invalid credentials', vendorMessage: 'The API token is invalid (401 from Jira)' },
      ],
      [
        apinizerVendor,
        { error: 'validation_failed', error_description: 'Validation failed', validation_errors: [{ field: 'username', message: 'is taken' }] },
        { code: 'validation_failed', vendorMessage: 'Validation failed', issues: [{ field: 'username', message: 'is taken' }] },
      ],
      [
        oxVendor,
        { data: null, errors: [{ message: 'Connector not found', path: ['addCredentials'], extensions: { code: 'NOT_FOUND' } }] },
        { code: 'NOT_FOUND', vendorMessage: 'addCredentials: Connector not found', issues: [{ field: 'addCredentials', message: 'Connector not found' }] },
      ],
      [tinesVendor, { errors: [{ message: 'Name is invalid', details: 'too long' }] }, { vendorMessage: 'Name is invalid: too long', issues: [{ message: 'Name is invalid: too long' }] }],
      [tinesVendor, ['Team must exist', 'Name is blank'], { vendorMessage: 'Team must exist; Name is blank' }],
      [tinesVendor, { errors: { name: ['has already been taken'] } }, { vendorMessage: 'Name has already been taken' }],
    ];
    for (const [vendor, body, expected] of cases) {
      api.next = () => ({ status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const error = await rejection(create(api.client({ vendor })));
      expect(error).toMatchObject({ status: 400, body, ...expected });
    }
    expect(vendorErrorDetails(undefined, 'Service Unavailable\n', 'text/plain')).toEqual({ message: 'Service Unavailable' });
    api.next = () => ({
      status: 400,
      body: JSON.stringify({ error: 'validation_failed', validation_errors: [{ field: 'roleNameList', message: 'unknown role' }] }),
    });
    expect((await rejection(create(api.client({ vendor: apinizerVendor })))).message).toBe(
      'Apinizer POST /api/connections/c1/credentials.create failed with HTTP 400 validation_failed: roleNameList: unknown role',
    );
  });
});
