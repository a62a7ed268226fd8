/** go-plugin's start-up contract with Terraform: the magic cookie in, one handshake line out. */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export type HandshakeCheck = { ok: true } | { ok: false; message: string };

export function checkHandshakeEnv(env: NodeJS.ProcessEnv): HandshakeCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        'This is a Terraform provider plugin. It is started by Terraform, not by hand: add it to a ' +
        'configuration (`credform install` puts it where Terraform finds it) and run terraform.\n',
    };
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((v) => v.trim());
  if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
    return {
      ok: false,
      message: `This provider speaks plugin protocol ${APP_PROTOCOL_VERSION}; Terraform offered ${offered.join(', ') || 'none'}. Use Terraform 1.0 or later.\n`,
    };
  }
  return { ok: true };
}

/** `1|6|unix|<socket>|grpc|<cert>`: the certificate field is empty when Terraform asked for no TLS. */
export function handshakeLine(socketPath: string, certField: string): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${socketPath}|grpc|${certField}\n`;
}
